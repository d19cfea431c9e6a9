package io.boreal.txn;

import java.util.ArrayDeque;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.PostStop;
import akka.actor.typed.PreRestart;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.BehaviorBuilder;
import akka.actor.typed.javadsl.Behaviors;
import io.boreal.transport.kryo.KryoMessage;
import io.boreal.txn.impl.HighWaterLog;

/**
 * The commit-timestamp (CTS) oracle: hands out ranges of strictly increasing timestamps, each
 * greater than every one handed out before, across restarts too. One per cluster (a singleton);
 * each node's {@link TimestampClient} leases ranges from it, by an Akka {@link Lease} to this
 * actor or over Aeron through a {@code TimestampServer} that draws on the same
 * {@link IssueWindow}.
 *
 * <pre>
 *        issued (window)              mark (durable in the {@link HighWaterLog})
 *   ──────────┼──────────────────────────────┼──────────────────────────>
 *   handed out   free to hand out, no write   handed out only after a write moves the mark
 * </pre>
 *
 * <p>Invariant: {@code issued <= mark}, and {@code mark} is durable before any timestamp up to it
 * leaves the window. Recovery resumes at {@code issued = mark}, so an oracle restarted on the same
 * journal (or moved to a node that shares it) never issues a timestamp twice; the unissued rest
 * of the last reservation is skipped.
 *
 * <p>Reservations ahead of need: once less than half of {@code reserveStep} is left, the window
 * asks this actor ({@link Refill}) to write {@code issued + reserveStep}, so in steady state no
 * lease waits for a write. A lease that does not fit waits, in order, and so does every lease
 * arriving while leases wait; the write then covers them all. At most one write is in flight.
 *
 * <p>Why two actors: a typed {@code EventSourcedBehavior} stashes every command that arrives
 * while it recovers or writes (at most {@code stash-capacity}, 4096, the rest dropped) and
 * unstashes them recursively (a few thousand overflow the stack in Akka 2.6.21). So this actor,
 * which never persists, holds the waiting leases, and the mark lives in {@link HighWaterLog},
 * which is sent one command at a time. If the log stops (a journal failure), this actor fails too
 * (death pact) and its supervisor starts both again from the durable mark.
 *
 * <p>Thread-safety: an actor; its fields are touched only by its own message handling. The
 * window is shared, as its own contract says.
 */
public final class TimestampOracle {

    /** How far ahead one write reserves, unless the waiting leases ask for more. */
    public static final long DEFAULT_RESERVE_STEP = 1_000_000L;

    /**
     * Timestamps at or below this are never issued: versions recovered from the redo log carry
     * {@code 1} ({@code TimestampSource.RECOVERED}), older than any snapshot.
     */
    static final long ORIGIN = 1;

    /**
     * How long a tracked range may stay in flight before snapshots move past it: its node died
     * (or its Done was lost). Longer than a dead node takes to be removed and its prepared
     * transactions to be decided by the survivors (about 7 s here: detection, downing, removal,
     * the records' takeover), so that a commit its coordinator stamped in some partitions and not
     * yet in others is whole in every snapshot that passes its timestamp. Meanwhile snapshots
     * stand still below it, which is most of a failover's pause for writers (40001 on rows changed
     * since).
     */
    static final long TRACKED_EXPIRY_NS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);

    public interface Command {
    }

    /** A request for timestamps, which may have to wait for a write of the mark. */
    private sealed interface Ask extends Command permits Lease, Track {
        int count();
    }

    /** Asks for {@code count} fresh timestamps; answered with one {@link Leased} range. */
    public record Lease(int count, ActorRef<Leased> replyTo) implements Ask, KryoMessage {
        public Lease {
            if (count < 1) {
                throw new IllegalArgumentException("count must be at least 1: " + count);
            }
        }
    }

    /** The timestamps {@code [from, toExclusive)}, every one greater than any issued before. */
    public record Leased(long from, long toExclusive) implements KryoMessage {
        public long count() {
            return toExclusive - from;
        }
    }

    /**
     * Asks for {@code count} commit timestamps tracked until {@link Done} (0: the snapshot only;
     * see {@link CommitHorizon}); answered with one {@link Tracked}.
     */
    public record Track(int nodeId, int count, ActorRef<Tracked> replyTo) implements Ask, KryoMessage {
        public Track {
            if (count < 0) {
                throw new IllegalArgumentException("count must not be negative: " + count);
            }
        }
    }

    /** The timestamps {@code [from, toExclusive)} and the completed snapshot read after they were taken. */
    public record Tracked(long from, long toExclusive, long completed) implements KryoMessage {
    }

    /** The tracked range starting at {@code first} is used. */
    public record Done(int nodeId, long first) implements Command, KryoMessage {
    }

    /** Asks where the oracle serves over Aeron; answered with an {@link Endpoint}. */
    public record GetEndpoint(ActorRef<Endpoint> replyTo) implements Command, KryoMessage {
    }

    /** The oracle's Aeron channel and stream id; {@code channel} null when it serves only Akka leases. */
    public record Endpoint(String channel, int streamId) implements KryoMessage {
    }

    /** Adapted from {@link HighWaterLog.Recovered}. */
    private record MarkRecovered(long highWater) implements Command {
    }

    /** Adapted from {@link HighWaterLog.Reserved}: the requested mark is durable. */
    private record MarkDurable(long highWater) implements Command {
    }

    /** From the window: less than half a step is left, write the next mark. */
    private enum Refill implements Command { INSTANCE }

    private final ActorRef<HighWaterLog.Command> log;
    private final ActorRef<HighWaterLog.Reserved> durable;
    private final long reserveStep;
    private final IssueWindow window;
    private final CommitHorizon horizon;
    /** Leases waiting for a recovery or a write, in arrival order. */
    private final ArrayDeque<Ask> waiting = new ArrayDeque<>();

    private final OracleEndpoint.Serving serving;

    private TimestampOracle(ActorContext<Command> context, String persistenceId, long reserveStep, IssueWindow window,
                            OracleEndpoint endpoint) {
        this.reserveStep = reserveStep;
        this.window = window;
        this.horizon = new CommitHorizon(window, TRACKED_EXPIRY_NS, warning -> context.getSystem().log().warn(warning));
        this.serving = endpoint == null ? null
                : endpoint.open(horizon, e -> context.getSystem().log().error("CTS server agent failed", e));
        this.durable = context.messageAdapter(HighWaterLog.Reserved.class, r -> new MarkDurable(r.highWater()));
        ActorRef<HighWaterLog.Recovered> recovered =
                context.messageAdapter(HighWaterLog.Recovered.class, r -> new MarkRecovered(r.highWater()));
        this.log = context.spawn(HighWaterLog.create(persistenceId, recovered), "high-water-log");
        context.watch(log); // Terminated is not handled: a death pact
        ActorRef<Command> self = context.getSelf();
        window.onRefill(() -> self.tell(Refill.INSTANCE));
    }

    /**
     * @param persistenceId the mark's identity: a restarted oracle must be given the same one
     * @param reserveStep   how far ahead of what it issues one write reserves; larger means fewer
     *                      writes and more timestamps skipped by a restart
     * @param window        where its ranges are taken, shared with an Aeron server if there is one
     */
    public static Behavior<Command> create(String persistenceId, long reserveStep, IssueWindow window) {
        return create(persistenceId, reserveStep, window, null);
    }

    /**
     * An oracle that also serves ranges over Aeron on {@code endpoint} (null: Akka leases only),
     * from a window of its own; the server stops with the actor and starts again with it.
     */
    public static Behavior<Command> create(String persistenceId, long reserveStep, OracleEndpoint endpoint) {
        return create(persistenceId, reserveStep, new IssueWindow(reserveStep), endpoint);
    }

    private static Behavior<Command> create(String persistenceId, long reserveStep, IssueWindow window,
                                            OracleEndpoint endpoint) {
        if (reserveStep < 1) {
            throw new IllegalArgumentException("reserveStep must be at least 1: " + reserveStep);
        }
        return Behaviors.setup(context -> new TimestampOracle(context, persistenceId, reserveStep, window, endpoint)
                .recovering());
    }

    public static Behavior<Command> create(String persistenceId, long reserveStep) {
        return create(persistenceId, reserveStep, new IssueWindow(reserveStep));
    }

    public static Behavior<Command> create(String persistenceId) {
        return create(persistenceId, DEFAULT_RESERVE_STEP);
    }

    /** Until the log has recovered the mark: every lease waits. */
    private Behavior<Command> recovering() {
        return common()
                .onMessage(Ask.class, ask -> {
                    waiting.add(ask);
                    return Behaviors.same();
                })
                .onMessage(Refill.class, refill -> Behaviors.same()) // recovery ends in a write anyway
                .onMessage(MarkRecovered.class, recovered -> {
                    // anything up to the mark may have been issued by an earlier incarnation
                    window.recovered(Math.max(recovered.highWater(), ORIGIN));
                    return reserve();
                })
                .build();
    }

    /** No write in flight: leases are answered from the window, or wait and start one. */
    private Behavior<Command> issuing() {
        return common()
                .onMessage(Ask.class, ask -> {
                    if (tryAnswer(ask)) {
                        return Behaviors.same();
                    }
                    waiting.add(ask);
                    return reserve();
                })
                .onMessage(Refill.class, refill -> reserve())
                .build();
    }

    /** One write in flight: leases still take what is left below the current mark, in order. */
    private Behavior<Command> reserving() {
        return common()
                .onMessage(Ask.class, ask -> {
                    if (!waiting.isEmpty() || !tryAnswer(ask)) {
                        waiting.add(ask);
                    }
                    return Behaviors.same();
                })
                .onMessage(Refill.class, refill -> Behaviors.same())
                .onMessage(MarkDurable.class, this::onMarkDurable)
                .build();
    }

    /** What every state answers: where it serves, and its stop (the Aeron server stops with it). */
    private BehaviorBuilder<Command> common() {
        return Behaviors.receive(Command.class)
                .onMessage(Done.class, done -> {
                    horizon.done(done.nodeId(), done.first());
                    return Behaviors.same();
                })
                .onMessage(GetEndpoint.class, get -> {
                    get.replyTo().tell(serving == null ? new Endpoint(null, 0)
                            : new Endpoint(serving.server().channel(), serving.server().streamId()));
                    return Behaviors.same();
                })
                .onSignal(PostStop.class, stop -> stopServing())
                .onSignal(PreRestart.class, restart -> stopServing());
    }

    private Behavior<Command> stopServing() {
        if (serving != null) {
            serving.close();
        }
        return Behaviors.same();
    }

    private Behavior<Command> onMarkDurable(MarkDurable reserved) {
        window.raise(reserved.highWater());
        while (!waiting.isEmpty() && tryAnswer(waiting.peek())) {
            waiting.poll();
        }
        return waiting.isEmpty() && !window.low() ? issuing() : reserve();
    }

    /** Writes one mark that covers every waiting lease and the largest range the window refused. */
    private Behavior<Command> reserve() {
        long requested = window.largestRefused();
        for (Ask ask : waiting) {
            requested += ask.count();
        }
        log.tell(new HighWaterLog.Reserve(window.issued() + Math.max(reserveStep, requested), durable));
        return reserving();
    }

    private boolean tryAnswer(Ask ask) {
        if (ask instanceof Track track) {
            long from = horizon.tryIssueTracked(track.nodeId(), track.count());
            if (from == 0) {
                return false;
            }
            track.replyTo().tell(new Tracked(from, from + track.count(), horizon.completed()));
            return true;
        }
        Lease lease = (Lease) ask;
        long from = window.tryIssue(lease.count());
        if (from == 0) {
            return false;
        }
        lease.replyTo().tell(new Leased(from, from + lease.count()));
        return true;
    }
}
