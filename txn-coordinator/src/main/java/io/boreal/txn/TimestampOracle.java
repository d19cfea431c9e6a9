package io.boreal.txn;

import java.util.ArrayDeque;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import io.boreal.txn.impl.HighWaterLog;

/**
 * The commit-timestamp (CTS) oracle: hands out ranges of strictly increasing timestamps, each
 * greater than every one handed out before, across restarts too. One per cluster (a singleton);
 * each node's {@link TimestampClient} leases ranges from it.
 *
 * <pre>
 *        issued (memory)              mark (durable in the {@link HighWaterLog})
 *   ──────────┼──────────────────────────────┼──────────────────────────>
 *   handed out   free to hand out, no write   handed out only after a write moves the mark
 * </pre>
 *
 * <p>Invariant: {@code issued <= mark}, and {@code mark} is durable before any timestamp up to it
 * leaves the actor. Recovery resumes at {@code issued = mark}, so a restarted or moved oracle
 * never issues a timestamp twice; the unissued rest of the last reservation is skipped.
 *
 * <p>Group commit of reservations: a lease that does not fit below the mark waits, and so does
 * every lease arriving while the reservation for it is written; the write reserves
 * {@code issued + max(reserveStep, sum of waiting counts)}, and when it is durable the waiting
 * leases are answered in order, those that arrived during the write getting the next write. At
 * most one write is in flight, whatever the rate of leases.
 *
 * <p>Why two actors: a typed {@code EventSourcedBehavior} stashes every command that arrives
 * while it recovers or writes (at most {@code stash-capacity}, 4096, the rest dropped) and
 * unstashes them recursively (a few thousand overflow the stack in Akka 2.6.21). So this actor,
 * which never persists, holds the waiting leases, and the mark lives in {@link HighWaterLog},
 * which is sent one command at a time. If the log stops (a journal failure), this actor fails too
 * (death pact) and its supervisor starts both again from the durable mark.
 *
 * <p>Thread-safety: an actor; its fields are touched only by its own message handling.
 */
public final class TimestampOracle {

    /** How far ahead one write reserves, unless the waiting leases ask for more. */
    public static final long DEFAULT_RESERVE_STEP = 1_000_000L;

    /**
     * Timestamps at or below this are never issued: versions recovered from the redo log carry
     * {@code 1} ({@code TimestampSource.RECOVERED}), older than any snapshot.
     */
    static final long ORIGIN = 1;

    public interface Command {
    }

    /** Asks for {@code count} fresh timestamps; answered with one {@link Leased} range. */
    public record Lease(int count, ActorRef<Leased> replyTo) implements Command {
        public Lease {
            if (count < 1) {
                throw new IllegalArgumentException("count must be at least 1: " + count);
            }
        }
    }

    /** The timestamps {@code [from, toExclusive)}, every one greater than any issued before. */
    public record Leased(long from, long toExclusive) {
        public long count() {
            return toExclusive - from;
        }
    }

    /** Adapted from {@link HighWaterLog.Recovered}. */
    private record MarkRecovered(long highWater) implements Command {
    }

    /** Adapted from {@link HighWaterLog.Reserved}: the requested mark is durable. */
    private record MarkDurable(long highWater) implements Command {
    }

    private final ActorRef<HighWaterLog.Command> log;
    private final ActorRef<HighWaterLog.Reserved> durable;
    private final long reserveStep;
    /** The greatest timestamp handed out (or the recovered mark). */
    private long issued;
    /** Every timestamp up to this may be handed out: it is durable in the log. */
    private long mark;
    /** Leases waiting for a recovery or a write, in arrival order. */
    private final ArrayDeque<Lease> waiting = new ArrayDeque<>();

    private TimestampOracle(ActorContext<Command> context, String persistenceId, long reserveStep) {
        this.reserveStep = reserveStep;
        this.durable = context.messageAdapter(HighWaterLog.Reserved.class, r -> new MarkDurable(r.highWater()));
        ActorRef<HighWaterLog.Recovered> recovered =
                context.messageAdapter(HighWaterLog.Recovered.class, r -> new MarkRecovered(r.highWater()));
        this.log = context.spawn(HighWaterLog.create(persistenceId, recovered), "high-water-log");
        context.watch(log); // Terminated is not handled: a death pact
    }

    /**
     * @param persistenceId the mark's identity: a restarted oracle must be given the same one
     * @param reserveStep   how far ahead of what it issues one write reserves; larger means fewer
     *                      writes and more timestamps skipped by a restart
     */
    public static Behavior<Command> create(String persistenceId, long reserveStep) {
        if (reserveStep < 1) {
            throw new IllegalArgumentException("reserveStep must be at least 1: " + reserveStep);
        }
        return Behaviors.setup(context -> new TimestampOracle(context, persistenceId, reserveStep).recovering());
    }

    public static Behavior<Command> create(String persistenceId) {
        return create(persistenceId, DEFAULT_RESERVE_STEP);
    }

    /** Until the log has recovered the mark: every lease waits. */
    private Behavior<Command> recovering() {
        return Behaviors.receive(Command.class)
                .onMessage(Lease.class, lease -> {
                    waiting.add(lease);
                    return Behaviors.same();
                })
                .onMessage(MarkRecovered.class, recovered -> {
                    // anything up to the mark may have been issued by an earlier incarnation
                    issued = Math.max(recovered.highWater(), ORIGIN);
                    mark = issued;
                    return waiting.isEmpty() ? issuing() : reserve();
                })
                .build();
    }

    /** No write in flight: leases below the mark are answered at once. */
    private Behavior<Command> issuing() {
        return Behaviors.receive(Command.class)
                .onMessage(Lease.class, lease -> {
                    if (issued + lease.count() <= mark) {
                        lease.replyTo().tell(issue(lease.count()));
                        return Behaviors.same();
                    }
                    waiting.add(lease);
                    return reserve();
                })
                .build();
    }

    /** One write in flight: leases wait for it. */
    private Behavior<Command> reserving() {
        return Behaviors.receive(Command.class)
                .onMessage(Lease.class, lease -> {
                    waiting.add(lease);
                    return Behaviors.same();
                })
                .onMessage(MarkDurable.class, this::onMarkDurable)
                .build();
    }

    private Behavior<Command> onMarkDurable(MarkDurable reserved) {
        mark = Math.max(mark, reserved.highWater());
        while (!waiting.isEmpty() && issued + waiting.peek().count() <= mark) {
            Lease lease = waiting.poll();
            lease.replyTo().tell(issue(lease.count()));
        }
        return waiting.isEmpty() ? issuing() : reserve();
    }

    /** Writes one mark that covers every waiting lease. */
    private Behavior<Command> reserve() {
        long requested = 0;
        for (Lease lease : waiting) {
            requested += lease.count();
        }
        log.tell(new HighWaterLog.Reserve(issued + Math.max(reserveStep, requested), durable));
        return reserving();
    }

    private Leased issue(int count) {
        long from = issued + 1;
        issued += count;
        return new Leased(from, issued + 1);
    }
}
