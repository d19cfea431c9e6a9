package io.boreal.actors.impl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.LongFunction;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.StashBuffer;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.pattern.StatusReply;
import io.boreal.actors.SqlSession;
import io.boreal.actors.StatementResult;
import io.boreal.actors.impl.plan.Plan;
import io.boreal.storage.EngineException;
import io.boreal.storage.Partition;
import io.boreal.storage.TxnView;
import io.boreal.txn.TxnRecords;

/**
 * One connection's session: runs its statements one at a time as message-driven state machines.
 * A statement sends its requests to partitions and returns the thread; each reply resumes it
 * ({@link #onPartitionReplied}); the last one completes it. Commands arriving meanwhile wait in
 * the stash, so a session's statements run in submission order.
 *
 * <pre>
 *   idle ──Execute──► running ──requests──► partitions
 *     ▲                  │  ◄──replies────────┘   (or catalog / AUTO_INCREMENT stages)
 *     └──reply, unstash──┘
 * </pre>
 *
 * <p>Transactions: a transaction takes its snapshot at its first statement. Autocommit
 * statements are transactions of their own; a single-partition autocommit write commits in the
 * same round trip. Until cross-partition commit lands, a transaction may read anywhere but write
 * in one partition only; a statement that would write in a second one fails with 0A000 and
 * rolls its transaction back, so nothing is ever half-committed.
 *
 * <p>Admission ({@link Admission}, {@code boreal.thread_concurrency}): a planned statement or
 * batch takes a permit of the node's gate before it runs and gives it back once its reply is
 * sent ({@link #done}), or, for an autocommit write, once the partition reports it applied and
 * only the redo log is left to wait for ({@link Partition.Applied}), as InnoDB leaves
 * {@code innodb_thread_concurrency} before its commit's log flush. When none is free the session stays busy, holding no thread, until the
 * gate sends {@code Admitted}. Transaction control and variable statements, COMMIT and ROLLBACK
 * commands and the rollback of {@code Close} never wait: they end transactions and free locks
 * that admitted statements may be waiting for. A statement waiting for a row lock keeps its
 * permit (InnoDB stops counting such threads; here the lock wait timeout bounds the wait).
 */
public final class Session extends AbstractBehavior<Session.Command> {

    public interface Command {
    }

    public record Execute(String sql, List<?> params, ActorRef<StatusReply<StatementResult>> replyTo) implements Command {
    }

    public record ExecuteBatch(String sql, List<List<?>> paramSets, ActorRef<StatusReply<long[]>> replyTo)
            implements Command {
    }

    public record Prepare(String sql, ActorRef<StatusReply<SqlSession.PreparedInfo>> replyTo) implements Command {
    }

    public record SetAutoCommit(boolean autoCommit, ActorRef<StatusReply<Done>> replyTo) implements Command {
    }

    public record EndTransaction(boolean commit, ActorRef<StatusReply<Done>> replyTo) implements Command {
    }

    public record Close(ActorRef<StatusReply<Done>> replyTo) implements Command {
    }

    private record PartitionReplied(Partition.Reply reply) implements Command {
    }

    private record Resume(Runnable continuation) implements Command {
    }

    private record StatementTimedOut(long gatherTag) implements Command {
    }

    private record Decided(TxnRecords.Decision decision) implements Command {
    }

    /** The transaction records have not answered yet: ask again (the first decision recorded stands). */
    private record DecideAgain(TxnRecords.Decide decide) implements Command {
    }

    /** The gate granted this session's queued statement a permit. */
    private enum Admitted implements Command { INSTANCE }

    /** Requests sent to partitions whose replies a statement waits for. */
    private static final class Gather {
        final long firstTag;
        final Partition.Reply[] replies;
        final List<Request> requests;
        int remaining;
        final Consumer<Partition.Reply[]> then;

        Gather(long firstTag, List<Request> requests, Consumer<Partition.Reply[]> then) {
            this.firstTag = firstTag;
            this.requests = requests;
            this.replies = new Partition.Reply[requests.size()];
            this.remaining = requests.size();
            this.then = then;
        }
    }

    /** A partition and the message for it, given the tag its reply must carry. */
    record Request(PartitionRef to, LongFunction<Partition.Command> message) {
    }

    private final Engine engine;
    private final StashBuffer<Command> stash;
    private final TimerScheduler<Command> timers;
    private final Duration statementTimeout;
    final ActorRef<Partition.Reply> replies;
    final Transactions transactions;
    private final StatementRunner runner;
    private final Admission admission;
    private final Admission.Waiter waiter;
    private boolean busy;
    /** The command being run while busy. */
    private Command current;
    /** The statement queued at the gate, or null. */
    private Runnable waitingForAdmission;
    private boolean holdsPermit;
    private Gather gather;
    private long nextTag;
    private static final Duration DECIDE_RETRY = Duration.ofSeconds(5);
    private final ActorRef<TxnRecords.Decision> decisions;
    /** What runs once the transaction's record answers; null when none is asked. */
    private Consumer<TxnRecords.Decision> awaitingDecision;
    /** A Close that came while a two-phase commit awaited its decision; handled once it is done. */
    private Close pendingClose;
    /** The transaction whose decision is awaited (a late answer for an earlier one is ignored). */
    private long awaitedDecision;

    private Session(ActorContext<Command> context, StashBuffer<Command> stash, TimerScheduler<Command> timers,
                    Engine engine) {
        super(context);
        this.engine = engine;
        this.stash = stash;
        this.timers = timers;
        this.statementTimeout = context.getSystem().settings().config().getDuration("boreal.statement-timeout");
        this.replies = context.messageAdapter(Partition.Reply.class, PartitionReplied::new);
        this.decisions = context.messageAdapter(TxnRecords.Decision.class, Decided::new);
        this.transactions = new Transactions(this, engine.node());
        this.runner = new StatementRunner(this, engine);
        this.admission = engine.admission();
        ActorRef<Command> self = context.getSelf();
        this.waiter = new Admission.Waiter(() -> self.tell(Admitted.INSTANCE));
    }

    public static Behavior<Command> create(Engine engine) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> Behaviors.withStash(10_000,
                stash -> new Session(context, stash, timers, engine))));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(PartitionReplied.class, this::onPartitionReplied)
                .onMessage(Resume.class, r -> {
                    try {
                        r.continuation().run();
                    } catch (RuntimeException e) {
                        getContext().getLog().error("session: statement continuation failed", e);
                        done();
                    }
                    return this;
                })
                .onMessage(StatementTimedOut.class, this::onTimedOut)
                .onMessage(Decided.class, this::onDecided)
                .onMessage(DecideAgain.class, again -> {
                    engine.node().records().tell(again.decide());
                    return this;
                })
                .onMessage(Admitted.class, this::onAdmitted)
                .onMessage(Close.class, this::onClose)
                .onAnyMessage(this::onRequest)
                .build();
    }

    private Behavior<Command> onRequest(Command command) {
        if (busy) {
            stash.stash(command);
            return this;
        }
        busy = true;
        current = command;
        try {
            dispatch(command);
        } catch (RuntimeException e) {
            getContext().getLog().error("session: unexpected failure", e);
            done();
        }
        return this;
    }

    private void dispatch(Command command) {
        if (command instanceof Execute e) {
            runner.execute(e.sql(), e.params(), (result, error) -> reply(e.replyTo(), result, error));
        } else if (command instanceof ExecuteBatch b) {
            runner.executeBatch(b.sql(), b.paramSets(), (counts, error) -> reply(b.replyTo(), counts, error));
        } else if (command instanceof Prepare p) {
            runner.prepare(p.sql(), (info, error) -> reply(p.replyTo(), info, error));
        } else if (command instanceof SetAutoCommit s) {
            transactions.setAutoCommit(s.autoCommit(), error -> reply(s.replyTo(), Done.getInstance(), error));
        } else if (command instanceof EndTransaction t) {
            transactions.end(t.commit(), error -> reply(t.replyTo(), Done.getInstance(), error));
        } else {
            getContext().getLog().warn("session: unknown command {}", command);
            done();
        }
    }

    private <T> void reply(ActorRef<StatusReply<T>> replyTo, T value, Throwable error) {
        replyTo.tell(error == null ? StatusReply.success(value) : StatusReply.error(error));
        done();
    }

    /** The current command is answered: give back its permit, take the next one. */
    private void done() {
        releasePermit();
        busy = false;
        current = null;
        if (pendingClose != null) {
            getContext().getSelf().tell(pendingClose); // it fails what waits in the stash
            pendingClose = null;
            return;
        }
        if (!stash.isEmpty()) {
            stash.unstashAll(this);
        }
    }

    /**
     * A statement given up on (timeout, close) may still be running in partitions: they join
     * the transaction's partitions, so that its rollback reaches them and what the statement
     * installs when it finishes is dead, not a lock held for good. An abort where the
     * transaction has nothing is harmless.
     */
    private void abortUnanswered(Gather g) {
        if (transactions.activeId() == 0) {
            return;
        }
        for (int i = 0; i < g.replies.length; i++) {
            if (g.replies[i] == null) {
                PartitionRef partition = g.requests.get(i).to();
                transactions.wrote(partition.id(), partition);
            }
        }
    }

    private Behavior<Command> onClose(Close close) {
        if (transactions.deciding()) {
            if (pendingClose != null) {
                close.replyTo().tell(StatusReply.success(Done.getInstance())); // closing already
                return this;
            }
            pendingClose = close; // its record may say COMMIT: finish the commit, then close
            return this;
        }
        if (gather != null) {
            abortUnanswered(gather);
        }
        if (waitingForAdmission != null) {
            waitingForAdmission = null;
            holdsPermit = !admission.cancel(waiter); // not queued any more: the permit is ours
            failClosed(current);                     // it never ran
        }
        releasePermit();
        transactions.rollback();
        close.replyTo().tell(StatusReply.success(Done.getInstance()));
        stash.forEach(Session::failClosed);
        return Behaviors.stopped();
    }

    private static void failClosed(Command pending) {
        EngineException closed = new EngineException("08003", "the session is closed");
        if (pending instanceof Execute e) {
            e.replyTo().tell(StatusReply.error(closed));
        } else if (pending instanceof ExecuteBatch b) {
            b.replyTo().tell(StatusReply.error(closed));
        } else if (pending instanceof Prepare p) {
            p.replyTo().tell(StatusReply.error(closed));
        } else if (pending instanceof SetAutoCommit s) {
            s.replyTo().tell(StatusReply.error(closed));
        } else if (pending instanceof EndTransaction t) {
            t.replyTo().tell(StatusReply.error(closed));
        }
    }

    /**
     * Runs {@code statement} now if it need not pass the gate or a permit is free; otherwise
     * once the gate admits it ({@link #onAdmitted}). The permit is held until {@link #done}.
     */
    void admit(boolean gated, Runnable statement) {
        if (!gated) {
            statement.run();
        } else if (admission.tryEnter(waiter)) {
            holdsPermit = true;
            statement.run();
        } else {
            waitingForAdmission = statement;
        }
    }

    private Behavior<Command> onAdmitted(Admitted admitted) {
        Runnable statement = waitingForAdmission;
        waitingForAdmission = null;
        holdsPermit = true;
        if (statement == null) {
            releasePermit(); // unreachable: a session closing while queued cancels or keeps the permit
            return this;
        }
        try {
            statement.run();
        } catch (RuntimeException e) {
            getContext().getLog().error("session: unexpected failure", e);
            done();
        }
        return this;
    }

    /** Whether the running statement holds an admission permit. */
    boolean holdsPermit() {
        return holdsPermit;
    }

    private void releasePermit() {
        if (holdsPermit) {
            holdsPermit = false;
            admission.exit();
        }
    }

    /**
     * Sends {@code requests} (each gets a fresh tag) and runs {@code then} with all replies, in
     * request order, once the last has arrived.
     */
    void send(List<Request> requests, Consumer<Partition.Reply[]> then) {
        if (requests.isEmpty()) {
            then.accept(new Partition.Reply[0]);
            return;
        }
        long first = nextTag;
        nextTag += requests.size();
        gather = new Gather(first, requests, then);
        for (int i = 0; i < requests.size(); i++) {
            Request r = requests.get(i);
            r.to().tell(r.message().apply(first + i));
        }
        timers.startSingleTimer("statement", new StatementTimedOut(first), statementTimeout);
    }

    /**
     * Asks the node's transaction records to record COMMIT for {@code transactionId} (the first
     * decision recorded stands) and runs {@code then} with the one that stands.
     */
    void decide(long transactionId, int participants, Consumer<TxnRecords.Decision> then) {
        awaitingDecision = then;
        awaitedDecision = transactionId;
        TxnRecords.Decide decide = new TxnRecords.Decide(transactionId, true, participants, decisions);
        engine.node().records().tell(decide);
        // A decision lost with a failing records actor is asked for again; asking twice is harmless.
        timers.startTimerWithFixedDelay("decide", new DecideAgain(decide), DECIDE_RETRY);
    }

    private Behavior<Command> onDecided(Decided decided) {
        if (awaitingDecision == null || decided.decision().transactionId() != awaitedDecision) {
            return this; // an answer to a repeated question already answered
        }
        timers.cancel("decide");
        Consumer<TxnRecords.Decision> then = awaitingDecision;
        awaitingDecision = null;
        if (then == null) {
            getContext().getLog().warn("session: a transaction decision nobody waits for: {}", decided.decision());
            return this;
        }
        try {
            then.accept(decided.decision());
        } catch (RuntimeException e) {
            getContext().getLog().error("session: commit continuation failed", e);
            done();
        }
        return this;
    }

    /** Sends without waiting for a reply (aborts). */
    void tell(PartitionRef to, Partition.Command message) {
        to.tell(message);
    }

    /** Runs {@code then} in this actor once {@code stage} completes. */
    <T> void await(CompletionStage<T> stage, BiConsumer<T, Throwable> then) {
        getContext().pipeToSelf(stage, (value, error) -> new Resume(() -> then.accept(value, error)));
    }

    private Behavior<Command> onPartitionReplied(PartitionReplied replied) {
        Gather g = gather;
        if (replied.reply() instanceof Partition.Applied applied) {
            if (g != null && g.replies.length == 1 && applied.tag() == g.firstTag) {
                releasePermit(); // this statement's one write has only the redo log left to wait for
            }
            return this;
        }
        long index = g == null ? -1 : replied.reply().tag() - g.firstTag;
        if (g == null || index < 0 || index >= g.replies.length) {
            getContext().getLog().debug("session: late reply {}", replied.reply());
            return this;
        }
        g.replies[(int) index] = replied.reply();
        if (--g.remaining == 0) {
            gather = null;
            timers.cancel("statement");
            try {
                g.then.accept(g.replies);
            } catch (RuntimeException e) {
                getContext().getLog().error("session: statement continuation failed", e);
                done();
            }
        }
        return this;
    }

    private Behavior<Command> onTimedOut(StatementTimedOut timedOut) {
        Gather g = gather;
        if (g == null || g.firstTag != timedOut.gatherTag()) {
            return this;
        }
        gather = null;
        abortUnanswered(g);
        EngineException timeout = new EngineException("57014", "statement timed out after "
                + statementTimeout.toMillis() + " ms waiting for partitions; its outcome is unknown");
        for (int i = 0; i < g.replies.length; i++) {
            if (g.replies[i] == null) {
                g.replies[i] = new Partition.Failed(g.firstTag + i, timeout);
            }
        }
        g.then.accept(g.replies);
        return this;
    }

    TxnView view() {
        return transactions.view();
    }
}
