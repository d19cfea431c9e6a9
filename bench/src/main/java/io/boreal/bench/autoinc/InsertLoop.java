package io.boreal.bench.autoinc;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import io.boreal.actors.SqlSession;

/**
 * One session's closed loop: send an INSERT without an id, and when it completes tally it and
 * send the next, until the window's end. No thread waits: the next insert is sent from the
 * completion callback, which runs on the engine thread that delivered the reply and so does only
 * that (a tally and one message send).
 */
final class InsertLoop {

    static final String INSERT = "INSERT INTO autoinc_t (k, c, pad) VALUES (?, ?, ?)";

    private final SqlSession session;
    private final MeasuredWindow window;
    private final RowValues values;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();

    InsertLoop(SqlSession session, MeasuredWindow window, RowValues values) {
        this.session = session;
        this.window = window;
        this.values = values;
    }

    /** Starts the loop; the stage completes once the last insert, sent before the end, has completed. */
    CompletableFuture<Void> start() {
        send();
        return finished;
    }

    private void send() {
        long sentNs = System.nanoTime();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<Object> row = List.of(random.nextInt(1, 1_000_000), values.c(random), values.pad(random));
        session.execute(INSERT, row).whenComplete((result, error) -> onCompleted(sentNs, error));
    }

    private void onCompleted(long sentNs, Throwable error) {
        try {
            long nowNs = System.nanoTime();
            window.completed(sentNs, nowNs, error);
            if (nowNs < window.endNs()) {
                send();
            } else {
                finished.complete(null);
            }
        } catch (RuntimeException e) {
            finished.completeExceptionally(e);
        }
    }
}
