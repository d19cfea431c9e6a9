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
import akka.actor.typed.PostStop;
import akka.actor.typed.eventstream.EventStream;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.StashBuffer;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.actor.typed.javadsl.Adapter;
import akka.pattern.StatusReply;
import io.boreal.actors.SqlSession;
import io.boreal.actors.StatementResult;
import io.boreal.actors.impl.plan.Plan;
import io.boreal.sharding.BorealNode;
import io.boreal.storage.EngineException;
import io.boreal.storage.Partition;
import io.boreal.storage.TxnView;
import io.boreal.txn.TxnRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <p>Transactions ({@link Transactions}): a transaction takes its snapshot at its first
 * statement. Autocommit statements are transactions of their own; a single-partition autocommit
 * write commits in the same round trip; over several partitions, commit is two-phase.
 *
 * <p>Admission ({@link SessionGate}, {@code boreal.thread_concurrency}): a planned statement or
 * batch takes a permit of the node's gate before it runs, statements of an open transaction
 * ahead of those that start one, and gives it back once its reply is sent ({@link #done}), or
 * earlier: when a write queues for a row lock ({@link Partition.LockWaiting}) — its holder may
 * need a permit to finish — and when an autocommit write has only the redo log left to wait for
 * ({@link Partition.Applied}), as InnoDB leaves {@code innodb_thread_concurrency} for lock
 * waits and before its commit's log flush. When none is free the session stays busy, holding no
 * thread, until the gate sends {@code Admitted}. Transaction control and variable statements,
 * COMMIT and ROLLBACK commands and the rollback of {@code Close} never wait: they end
 * transactions and free locks that admitted statements may be waiting for.
 *
 * <p>Execution modes ({@link Execution}), fixed per statement when it starts. Async: every wait
 * above is a message, as drawn. A wait on a path switched to blocking ({@code boreal.async.* =
 * off}) gives a {@link WakeupRef} as its reply address, and the engine thread running the
 * session blocks until the wake-up comes ({@link #drive}). Blocking ({@code execution_mode =
 * blocking}): the statement runs on the session's own thread, which blocks at every wait; the
 * actor meanwhile only holds the commands that come ({@link #whileOnOwnThread}) until the thread
 * hands the session back. Either way the same handlers run the same state machine, on one
 * thread at a time: while a thread blocks for the session, the actor touches none of its state.
 */
public final class Session extends AbstractBehavior<Session.Command> {

    public interface Command {
    }

    /** The first command of a session: checks the user's password and takes its scheduling weight. */
    public record Authenticate(String user, String password, ActorRef<StatusReply<Done>> replyTo) implements Command {
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

    /**
     * Cancels the running statement, if it waits for partitions: it fails with 57014 as a
     * statement timeout does, and what it did in partitions that had not answered is rolled back
     * with its transaction. Not queued: it acts on the statement running when it arrives, and
     * does nothing when none runs (a statement that already answered stays answered).
     */
    public enum Cancel implements Command { INSTANCE }

    /**
     * A node left the cluster: what the running statement sent to partitions there is lost, so a
     * statement waiting for partitions fails with 40003 (completion unknown), its transaction
     * rolled back as far as it can be; the client retries. Acts like {@link Cancel} otherwise.
     */
    private record NodeLeft(long incarnation, boolean settled) implements Command {
    }

    /**
     * A partition began to move to another node at {@code movedAtNs}: a request sent to it then
     * may have been dropped by a shard region (see {@link io.boreal.storage.Partition.Moved}).
     * One still unanswered {@link #MOVE_SETTLES} later — longer than the new home takes to
     * recover — and sent before the move is given up with 40003.
     */
    private record PartitionMoved(String partitionId, long movedAtNs, boolean settled) implements Command {
    }

    private static final Duration MOVE_SETTLES = Duration.ofSeconds(3);

    /**
     * How long after a node left a request may still have gone its way: this session's region
     * may hear of the departure after the event stream did. A statement still waiting then, sent
     * before the departure was this old, is given up too.
     */
    private static final Duration NODE_LEFT_SETTLES = Duration.ofSeconds(3);

    /**
     * A commit's phase two still unanswered after a node left: sent again to the partitions that
     * have not stamped, each {@link #RESEND_EVERY} until they have (a partition that ran on the
     * node that left answers once it recovered on a survivor; until this node's shard region
     * hears of the departure, a request may still go to the dead node and be lost).
     */
    private record ResendStamps(long gatherTag) implements Command {
    }

    private static final Duration RESEND_EVERY = Duration.ofMillis(500);

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

    /** The session's own thread has finished running a statement (or left it to the actor). */
    private enum BackFromOwnThread implements Command { INSTANCE }

    /** A thread blocks for this session until a wake-up, or until the deadline, when {@code onDeadline} runs. */
    private record BlockedWait(long deadlineNanos, Runnable onDeadline) {
    }

    /** A partition and the message for it, given the tag its reply must carry. */
    record Request(PartitionRef to, LongFunction<Partition.Command> message) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Session.class);

    private final Engine engine;
    private final ActorRef<Command> self;
    /** Its scheduler is safe from the session's own thread, as the actor's timers are not. */
    private final akka.actor.typed.ActorSystem<Void> system;
    private final StashBuffer<Command> stash;
    private final TimerScheduler<Command> timers;
    private final Duration statementTimeout;
    private final ActorRef<Partition.Reply> repliesToActor;
    private final ActorRef<Partition.Reply> repliesToThread;
    /** The reply address of the requests being sent ({@link #replies()}). */
    private ActorRef<Partition.Reply> replyRoute;
    final Transactions transactions;
    private final StatementRunner runner;
    private final SessionGate gate;
    private boolean busy;
    /** The command being run while busy. */
    private Command current;
    private Gather gather;
    private long nextTag;
    private static final Duration DECIDE_RETRY = Duration.ofSeconds(5);
    private final ActorRef<TxnRecords.Decision> decisionsToActor;
    private final ActorRef<TxnRecords.Decision> decisionsToThread;
    private boolean decisionBlocking;
    /** How the running statement waits, fixed when it started. */
    private Execution.Policy policy = Execution.Policy.ASYNC;
    private final Wakeups wakeups;
    /** The wait a thread blocks in for this session, or null. */
    private BlockedWait blocked;
    /** A statement runs on the session's own thread: the actor keeps off the state. */
    private boolean onOwnThread;
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
        this.self = context.getSelf();
        this.system = context.getSystem();
        this.wakeups = new Wakeups("boreal-connection-" + self.path().name());
        akka.actor.ActorRefProvider provider = ((akka.actor.ExtendedActorSystem) Adapter.toClassic(context.getSystem())).provider();
        this.repliesToActor = context.messageAdapter(Partition.Reply.class, PartitionReplied::new);
        this.repliesToThread = new WakeupRef<>(self.path().child("replies"), provider, PartitionReplied::new, wakeups::add);
        this.replyRoute = repliesToActor;
        this.decisionsToActor = context.messageAdapter(TxnRecords.Decision.class, Decided::new);
        this.decisionsToThread = new WakeupRef<>(self.path().child("decisions"), provider, Decided::new, wakeups::add);
        this.transactions = new Transactions(this, engine.node());
        this.runner = new StatementRunner(this, engine);
        this.gate = new SessionGate(engine.admission(), () -> self.tell(Admitted.INSTANCE),
                () -> wakeups.add(Admitted.INSTANCE));
        if (engine.node().txns().globalSnapshots()) { // only a cluster of several nodes loses members
            context.getSystem().eventStream().tell(new EventStream.Subscribe<>(BorealNode.NodeLeft.class,
                    context.messageAdapter(BorealNode.NodeLeft.class, left -> new NodeLeft(left.incarnation(), false))));
            context.getSystem().eventStream().tell(new EventStream.Subscribe<>(BorealNode.PartitionMoved.class,
                    context.messageAdapter(BorealNode.PartitionMoved.class,
                            moved -> new PartitionMoved(moved.partitionId(), System.nanoTime(), false))));
        }
    }

    public static Behavior<Command> create(Engine engine) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> Behaviors.withStash(10_000,
                stash -> new Session(context, stash, timers, engine))));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Command.class, this::onCommand)
                .onSignal(PostStop.class, stopped -> {
                    wakeups.stop();
                    return this;
                })
                .build();
    }

    private Behavior<Command> onCommand(Command command) {
        if ((command instanceof Cancel || command instanceof NodeLeft || command instanceof PartitionMoved
                || command instanceof ResendStamps) && onOwnThread) {
            wakeups.add(command); // the own thread owns the state: it cancels there
            return this;
        }
        if (onOwnThread) {
            return whileOnOwnThread(command);
        }
        if (command instanceof PartitionReplied || command instanceof Resume || command instanceof Decided
                || command instanceof Admitted) {
            handle(command);
            drive();
        } else if (command instanceof StatementTimedOut t) {
            timedOut(t.gatherTag());
            drive();
        } else if (command instanceof Cancel) {
            cancelled();
            drive();
        } else if (command instanceof NodeLeft left) {
            nodeLeft(left);
            drive();
        } else if (command instanceof PartitionMoved moved) {
            partitionMoved(moved);
            drive();
        } else if (command instanceof ResendStamps resend) {
            resendStamps(resend.gatherTag());
            drive();
        } else if (command instanceof DecideAgain again) {
            engine.node().records(again.decide().transactionId()).tell(again.decide());
        } else if (command instanceof Close close) {
            return onClose(close);
        } else if (!(command instanceof BackFromOwnThread)) { // that one: a statement left to the actor finished
            return onRequest(command);
        }
        return this;
    }

    /**
     * While a statement runs on the session's own thread: that thread owns the state, so the
     * actor only holds what comes — a Close until the statement is done, anything else in the
     * stash — until the thread hands the session back.
     */
    private Behavior<Command> whileOnOwnThread(Command command) {
        if (command instanceof BackFromOwnThread) {
            onOwnThread = false;
            if (!busy) {
                afterDone();
            }
        } else if (command instanceof Close close) {
            if (pendingClose != null) {
                close.replyTo().tell(StatusReply.success(Done.getInstance())); // closing already
            } else {
                pendingClose = close;
            }
        } else {
            stash.stash(command);
        }
        return this;
    }

    /** One wake-up, on whichever thread runs the session now. */
    private void handle(Command wakeup) {
        if (wakeup instanceof PartitionReplied r) {
            onPartitionReplied(r.reply());
        } else if (wakeup instanceof Resume r) {
            blocked = null;
            try {
                r.continuation().run();
            } catch (RuntimeException e) {
                LOG.error("session: statement continuation failed", e);
                failCurrent(e);
            }
        } else if (wakeup instanceof Decided d) {
            onDecided(d.decision());
        } else if (wakeup instanceof Admitted) {
            onAdmitted();
        } else if (wakeup instanceof Cancel) {
            cancelled();
        } else if (wakeup instanceof NodeLeft left) {
            nodeLeft(left);
        } else if (wakeup instanceof PartitionMoved moved) {
            partitionMoved(moved);
        } else if (wakeup instanceof ResendStamps resend) {
            resendStamps(resend.gatherTag());
        } else {
            LOG.warn("session: unexpected wake-up {}", wakeup);
        }
    }

    /**
     * While the running statement blocks its thread for a wait: take this session's wake-ups
     * and handle them here, until the statement waits no more (it is done, or its next wait
     * gives the thread back).
     */
    private void drive() {
        while (blocked != null) {
            if (wakeups.stopped()) {
                blocked = null; // the node is stopping: nobody is left to answer
                return;
            }
            BlockedWait wait = blocked;
            Command wakeup = wakeups.take(wait.deadlineNanos());
            if (wakeup != null) {
                handle(wakeup);
            } else if (blocked == wait) {
                wait.onDeadline().run();
            }
        }
    }

    private Behavior<Command> onRequest(Command command) {
        if (busy) {
            stash.stash(command);
            return this;
        }
        busy = true;
        current = command;
        policy = engine.execution().current();
        if (policy.ownThread()) {
            onOwnThread = true;
            wakeups.runOnOwnThread(() -> {
                try {
                    run(command);
                } catch (Throwable e) { // an Error too: the session must not stay busy for good
                    LOG.error("session: unexpected failure on its own thread", e);
                    failCurrent(e);
                } finally {
                    self.tell(BackFromOwnThread.INSTANCE);
                }
            });
            return this;
        }
        run(command);
        return this;
    }

    private void run(Command command) {
        try {
            dispatch(command);
            drive();
        } catch (RuntimeException e) {
            LOG.error("session: unexpected failure", e);
            failCurrent(e);
        }
    }

    private void dispatch(Command command) {
        if (command instanceof Authenticate a) {
            authenticate(a);
        } else if (command instanceof Execute e) {
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
            LOG.warn("session: unknown command {}", command);
            done();
        }
    }

    private void authenticate(Authenticate a) {
        await(Execution.WaitPath.AUTH, engine.authenticator().verify(a.user(), a.password()), (principal, error) -> {
            if (error == null) {
                gate.authenticated(principal.user(), principal.weight());
            }
            reply(a.replyTo(), Done.getInstance(),
                    error instanceof java.util.concurrent.CompletionException c && c.getCause() != null ? c.getCause() : error);
        });
    }

    private <T> void reply(ActorRef<StatusReply<T>> replyTo, T value, Throwable error) {
        replyTo.tell(error == null ? StatusReply.success(value) : StatusReply.error(error));
        done();
    }

    /** The current command is answered: give back its permit, take the next one. */
    private void done() {
        gate.release();
        busy = false;
        current = null;
        blocked = null;
        if (!onOwnThread) {
            afterDone();
        } // else the actor takes the next command once the own thread hands the session back
    }

    /** In the actor, once the current command is answered: close if asked to, else take the next one. */
    private void afterDone() {
        if (pendingClose != null) {
            self.tell(pendingClose); // it fails what waits in the stash
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
        for (PartitionRef partition : g.unanswered()) {
            transactions.wrote(partition.id(), partition);
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
        if (gate.close()) {
            failClosed(current); // it never ran
        }
        transactions.rollback();
        close.replyTo().tell(StatusReply.success(Done.getInstance()));
        stash.forEach(Session::failClosed);
        return Behaviors.stopped();
    }

    /** The running command failed where no statement path answers it: answer it (XX000), then take the next. */
    private void failCurrent(Throwable error) {
        if (busy) {
            fail(current, EngineException.internal("the session failed: " + error, error));
            done();
        }
    }

    private static void failClosed(Command pending) {
        fail(pending, new EngineException("08003", "the session is closed"));
    }

    private static void fail(Command pending, EngineException closed) {
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
        } else if (pending instanceof Authenticate a) {
            a.replyTo().tell(StatusReply.error(closed));
        }
    }

    /**
     * Runs {@code statement} now if it need not pass the gate or a permit is free; otherwise
     * once the gate admits it ({@link #onAdmitted}). The permit is held until {@link #done}.
     */
    void admit(boolean gated, Runnable statement) {
        if (!gated) {
            statement.run();
            return;
        }
        boolean blocking = policy.blocks(Execution.WaitPath.OTHER);
        // Statements of a transaction that holds locks and a snapshot go first: they finish work.
        Admission.Priority priority = transactions.explicit() && transactions.activeId() != 0
                ? Admission.Priority.FINISHING : Admission.Priority.NEW;
        if (gate.enter(priority, blocking, statement)) {
            statement.run();
        } else if (blocking) {
            blocked = new BlockedWait(Wakeups.NO_DEADLINE, () -> { });
        }
    }

    private void onAdmitted() {
        if (gate.grantGoesToThread()) {
            blocked = null;
        }
        Runnable statement = gate.granted();
        if (statement == null) {
            return;
        }
        try {
            statement.run();
        } catch (RuntimeException e) {
            LOG.error("session: unexpected failure", e);
            failCurrent(e);
        }
    }

    /** Whether the running statement holds an admission permit. */
    boolean holdsPermit() {
        return gate.holdsPermit();
    }

    /** Whether the running statement's waits on {@code path} block its thread. */
    boolean blocks(Execution.WaitPath path) {
        return policy.blocks(path);
    }

    /** The reply address for the requests being sent: the actor, or the blocked thread. */
    ActorRef<Partition.Reply> replies() {
        return replyRoute;
    }

    /**
     * Sends {@code requests} (each gets a fresh tag) and runs {@code then} with all replies, in
     * request order, once the last has arrived. With {@code blocking} (see {@link #blocks}) the
     * thread running the statement waits for them.
     */
    void send(boolean blocking, List<Request> requests, Consumer<Partition.Reply[]> then) {
        send(blocking, requests, then, null);
    }

    /**
     * As {@link #send(boolean, List, Consumer)}; to a partition that moves to another node before
     * it answered, {@code resendIfMoved} (by tag) is sent again — for a request that may arrive
     * twice: a commit's phase two, which the new home needs for the commit's timestamp.
     */
    void send(boolean blocking, List<Request> requests, Consumer<Partition.Reply[]> then,
              java.util.function.LongFunction<Partition.Command> resendIfMoved) {
        if (requests.isEmpty()) {
            then.accept(new Partition.Reply[0]);
            return;
        }
        long first = nextTag;
        nextTag += requests.size();
        gather = new Gather(first, requests, then, blocking, resendIfMoved);
        replyRoute = blocking ? repliesToThread : repliesToActor;
        for (int i = 0; i < requests.size(); i++) {
            Request r = requests.get(i);
            r.to().tell(r.message().apply(first + i));
        }
        if (blocking) {
            blocked = new BlockedWait(System.nanoTime() + statementTimeout.toNanos(), () -> timedOut(first));
        } else {
            timers.startSingleTimer("statement", new StatementTimedOut(first), statementTimeout);
        }
    }

    /**
     * Asks the node's transaction records to record COMMIT for {@code transactionId} (the first
     * decision recorded stands), with its commit timestamp if it has one already (else 0), and
     * runs {@code then} with the one that stands.
     */
    void decide(long transactionId, int participants, long commitTs, Consumer<TxnRecords.Decision> then) {
        awaitingDecision = then;
        awaitedDecision = transactionId;
        decisionBlocking = policy.blocks(Execution.WaitPath.LOG_FLUSH);
        TxnRecords.Decide decide = new TxnRecords.Decide(transactionId, true, participants, commitTs,
                decisionBlocking ? decisionsToThread : decisionsToActor);
        engine.node().records(decide.transactionId()).tell(decide);
        // A decision lost with a failing records actor is asked for again; asking twice is harmless.
        if (decisionBlocking) {
            askDecisionAgainAt(decide, System.nanoTime() + DECIDE_RETRY.toNanos());
        } else {
            timers.startTimerWithFixedDelay("decide", new DecideAgain(decide), DECIDE_RETRY);
        }
    }

    private void askDecisionAgainAt(TxnRecords.Decide decide, long deadlineNanos) {
        blocked = new BlockedWait(deadlineNanos, () -> {
            engine.node().records(decide.transactionId()).tell(decide);
            askDecisionAgainAt(decide, System.nanoTime() + DECIDE_RETRY.toNanos());
        });
    }

    private void onDecided(TxnRecords.Decision decision) {
        if (awaitingDecision == null || decision.transactionId() != awaitedDecision) {
            return; // an answer to a repeated question already answered
        }
        if (decisionBlocking) {
            blocked = null;
        } else {
            timers.cancel("decide");
        }
        Consumer<TxnRecords.Decision> then = awaitingDecision;
        awaitingDecision = null;
        try {
            then.accept(decision);
        } catch (RuntimeException e) {
            LOG.error("session: commit continuation failed", e);
            failCurrent(e);
        }
    }

    /** Sends without waiting for a reply (aborts). */
    void tell(PartitionRef to, Partition.Command message) {
        to.tell(message);
    }

    /**
     * Runs {@code then} in this session once {@code stage} completes: as a message to the actor,
     * or, where {@code path} blocks, on the thread that waits for it.
     */
    <T> void await(Execution.WaitPath path, CompletionStage<T> stage, BiConsumer<T, Throwable> then) {
        if (policy.blocks(path)) {
            blocked = new BlockedWait(Wakeups.NO_DEADLINE, () -> { });
            stage.whenComplete((value, error) -> wakeups.add(new Resume(() -> then.accept(value, error))));
        } else {
            getContext().pipeToSelf(stage, (value, error) -> new Resume(() -> then.accept(value, error)));
        }
    }

    private void onPartitionReplied(Partition.Reply reply) {
        Gather g = gather;
        if (reply instanceof Partition.Applied applied) {
            if (g != null && g.isSoleRequest(applied.tag())) {
                gate.release(); // this statement's one write has only the redo log left to wait for
            }
            return;
        }
        if (reply instanceof Partition.LockWaiting) {
            if (g != null && g.awaits(reply)) {
                gate.releaseForLockWait(); // its holder may need a permit to finish
            }
            return;
        }
        if (g == null || !g.awaits(reply)) {
            LOG.debug("session: late reply {}", reply);
            return;
        }
        if (g.place(reply)) {
            gather = null;
            gate.afterLockWait();
            if (g.blocking) {
                blocked = null;
            } else {
                timers.cancel("statement");
            }
            try {
                g.complete();
            } catch (RuntimeException e) {
                LOG.error("session: statement continuation failed", e);
                failCurrent(e);
            }
        }
    }

    private void timedOut(long gatherTag) {
        Gather g = gather;
        if (g == null || g.firstTag != gatherTag) {
            return;
        }
        giveUp(g, new EngineException("57014", "statement timed out after " + statementTimeout.toMillis()
                + " ms waiting for partitions " + g.unanswered().stream().map(PartitionRef::id).toList()
                + "; its outcome is unknown"));
    }

    private void cancelled() {
        Gather g = gather;
        if (g != null) {
            giveUp(g, new EngineException("57014", "canceling statement due to user request"));
        }
    }

    private void nodeLeft(NodeLeft left) {
        if (!left.settled()) {
            timers.startSingleTimer("node-left-" + left.incarnation(), new NodeLeft(left.incarnation(), true),
                    NODE_LEFT_SETTLES);
        }
        Gather g = gather;
        if (g != null && g.resendIfMoved != null) {
            resendStamps(g.firstTag); // a decided commit is never given up for a node that left
            return;
        }
        if (g != null && (!left.settled() || System.nanoTime() - g.sentAtNs > NODE_LEFT_SETTLES.toNanos() / 3)) {
            giveUp(g, new EngineException("40003", "node incarnation " + left.incarnation() + " left the cluster while "
                    + "this statement waited for partitions: what went to it is lost, the statement's outcome is "
                    + "unknown and its transaction was rolled back where it still could be; retry"));
        }
    }

    /**
     * Sends the waiting phase two again to its partitions that have not answered, and again
     * {@link #RESEND_EVERY} later while that gather waits (bounded by the statement timeout).
     * Scheduled on the system's scheduler, not the actor's timers: this may run on the session's
     * own thread.
     */
    private void resendStamps(long gatherTag) {
        Gather g = gather;
        if (g == null || g.firstTag != gatherTag) {
            return;
        }
        g.resendToUnanswered(partitionId -> true);
        system.scheduler().scheduleOnce(RESEND_EVERY, () -> self.tell(new ResendStamps(gatherTag)),
                system.executionContext());
    }

    private void partitionMoved(PartitionMoved moved) {
        Gather g = gather;
        if (g == null || g.sentAtNs > moved.movedAtNs()
                || g.unanswered().stream().noneMatch(p -> p.id().equals(moved.partitionId()))) {
            return;
        }
        if (g.resendIfMoved != null) {
            g.resendToUnanswered(moved.partitionId()::equals); // through sharding, to the new home once it runs
            return;
        }
        if (!moved.settled()) {
            timers.startSingleTimer("moved-" + moved.partitionId(),
                    new PartitionMoved(moved.partitionId(), moved.movedAtNs(), true), MOVE_SETTLES);
            return;
        }
        giveUp(g, new EngineException("40003", "partition " + moved.partitionId() + " moved to another node while "
                + "this statement waited for it and did not answer: the request may be lost, the statement's outcome "
                + "is unknown and its transaction was rolled back where it still could be; retry"));
    }

    /** Fails the statement waiting for {@code g} with {@code why}; its partitions roll back with its transaction. */
    private void giveUp(Gather g, EngineException why) {
        gather = null;
        if (g.blocking) {
            blocked = null;
        }
        abortUnanswered(g);
        gate.afterLockWait();
        if (!g.blocking) {
            timers.cancel("statement");
        }
        g.failUnanswered(why);
        g.complete();
    }

    TxnView view() {
        return transactions.view();
    }
}
