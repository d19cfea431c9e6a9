package io.boreal.bench.impl;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import io.boreal.actors.SqlSession;
import io.boreal.bench.IgnoredErrors;
import io.boreal.bench.sysbench.SbtestValues;

/**
 * One session's closed loop of sysbench events: send the event's statements one after the
 * other, each from the completion of the previous, then COMMIT when the test is transactional
 * (the session has autocommit off; an autocommit test's event is its one statement); tally it
 * and start the next, until the window closes. No client thread waits, so 1,024 sessions need no
 * 1,024 threads.
 *
 * <p>A statement or commit failing with an ignored SQLState rolls the transaction back (an
 * autocommit statement has nothing left open) and the loop goes on with a fresh event, as
 * sysbench restarts the event on {@code --mysql-ignore-errors}; any other failure aborts the run.
 *
 * <p>Threading: callbacks run on the engine thread that delivered the reply, one at a time per
 * loop (each is attached to the stage of the one request in flight), and do only a tally, the
 * drawing of the next transaction's values and one message send. A reply that completes before
 * its callback is attached runs the callback inline; past {@value #MAX_INLINE_DEPTH} nested
 * frames the loop continues on {@code overflow} instead of growing the stack.
 */
// Performance-critical path: runs once per statement of every measured transaction.
public final class OltpLoop {

    private static final int MAX_INLINE_DEPTH = 16;
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private final SqlSession session;
    private final OltpEvent event;
    private final SbtestValues values;
    private final TxnWindow window;
    private final IgnoredErrors ignored;
    private final Executor overflow;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private List<OltpEvent.Statement> statements;
    private int next;
    private long startedNs;

    public OltpLoop(SqlSession session, OltpEvent event, SbtestValues values, TxnWindow window, IgnoredErrors ignored,
             Executor overflow) {
        this.session = session;
        this.event = event;
        this.values = values;
        this.window = window;
        this.ignored = ignored;
        this.overflow = overflow;
    }

    /** Starts the loop; the stage completes once the last transaction, begun before the end, has ended. */
    public CompletableFuture<Void> start() {
        step(ignoredError -> begin(), null);
        return finished;
    }

    private void begin() {
        if (!window.open(System.nanoTime())) {
            finished.complete(null);
            return;
        }
        statements = event.draw(values);
        next = 0;
        startedNs = System.nanoTime();
        sendNext();
    }

    private void sendNext() {
        if (next < statements.size()) {
            OltpEvent.Statement s = statements.get(next++);
            after(session.execute(s.sql(), s.params()), this::onStatementDone);
        } else if (event.test().transactional()) {
            after(session.commit(), this::onCommitted);
        } else {
            onCommitted(null); // autocommit: the statement committed
        }
    }

    private void onStatementDone(Throwable error) {
        if (error == null) {
            sendNext();
        } else {
            onFailed(error);
        }
    }

    private void onCommitted(Throwable error) {
        if (error != null) {
            onFailed(error);
            return;
        }
        window.committed(startedNs, System.nanoTime());
        begin();
    }

    private void onFailed(Throwable error) {
        String sqlState = SqlStates.of(error);
        if (ignored.matches(sqlState)) {
            window.failed(System.nanoTime(), SqlStates.describe(error));
            if (!event.test().transactional()) {
                begin();
                return;
            }
            after(session.rollback(), e -> {
                if (e == null) {
                    begin();
                } else {
                    stop(e);
                }
            });
        } else {
            stop(error);
        }
    }

    /** A failure not ignored: the run is aborted; what this session has open is rolled back. */
    private void stop(Throwable error) {
        window.abort(SqlStates.describe(error));
        session.rollback().whenComplete((r, e) -> finished.complete(null));
    }

    private void after(CompletionStage<?> stage, Consumer<Throwable> then) {
        stage.whenComplete((result, error) -> {
            int[] depth = DEPTH.get();
            if (depth[0] >= MAX_INLINE_DEPTH) {
                overflow.execute(() -> step(then, error));
                return;
            }
            depth[0]++;
            try {
                step(then, error);
            } finally {
                depth[0]--;
            }
        });
    }

    private void step(Consumer<Throwable> then, Throwable error) {
        try {
            then.accept(error);
        } catch (RuntimeException e) {
            window.abort("the benchmark's loop failed: " + e);
            finished.completeExceptionally(e);
        }
    }
}
