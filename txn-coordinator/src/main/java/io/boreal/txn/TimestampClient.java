package io.boreal.txn;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;

// Hot path: snapshot() and tryNextCommit() run for every transaction of the node.

/**
 * The node's client of the {@link TimestampOracle}: gives out snapshot and commit timestamps
 * from a leased range, from any thread, without locks and without a message per timestamp.
 *
 * <pre>
 *   lease [from ........................................ toExclusive)
 *                     clock = snapshot()                 end
 *   ─────────────────────────┼──────────────────────────────┼──────>
 *        given out              next commits: clock+1, …      the next lease
 * </pre>
 *
 * <p>Invariants: {@code clock} never decreases; a commit timestamp is {@code clock + 1} taken
 * by CAS while {@code clock + 1 < end}, so it is greater than every {@link #snapshot()} returned
 * before, and unique. A lease moves {@code clock} up to {@code from - 1} (never down) before it
 * raises {@code end} to {@code toExclusive}; so every commit timestamp lies in a range leased to
 * this node, and timestamps are unique across all clients of one oracle. The rest of a range a
 * new lease jumps over is skipped.
 *
 * <p>Batching: at most one lease request is outstanding. It is sent when less than half of
 * {@code leaseSize} remains (prefetch) or when the range is empty; every caller waiting in
 * {@link #whenAvailable} meanwhile is served by that one reply. An unanswered request is sent
 * again by the link (the Akka one after its ask timeout, the Aeron one after its retry).
 *
 * <p>Design: the client reaches the oracle through a {@link LeaseLink}: an Akka ask (a temporary
 * actor per lease, a few per second at most) or an Aeron request; it needs no actor of its own.
 *
 * <p>Thread-safety: every method may be called from any thread; waiters run on the caller's thread
 * or on the thread that installs a lease (a dispatcher's, or the Aeron agent's; so a waiter must
 * not block).
 */
public final class TimestampClient implements TimestampSource {

    public static final int DEFAULT_LEASE_SIZE = 100_000;
    public static final Duration DEFAULT_LEASE_TIMEOUT = Duration.ofSeconds(3);

    private final ActorSystem<?> system;
    private final LeaseLink link;
    private final int leaseSize;
    private final LeaseLink.Granted granted = new LeaseLink.Granted() {
        @Override
        public void leased(long from, long toExclusive, long completed) {
            onLeased(from, toExclusive);
        }

        @Override
        public void failed(Throwable why) {
            system.log().warn("No lease from the timestamp oracle, asking again: {}", why.toString());
            onLeased(0, 0);
        }
    };

    /** The latest timestamp given out: the newest snapshot. */
    private final AtomicLong clock;
    /** One past the last timestamp of the newest lease; {@code clock + 1 < end} means one is free. */
    private final AtomicLong end;
    private final AtomicBoolean requesting = new AtomicBoolean();
    private final Queue<Runnable> waiters = new ConcurrentLinkedQueue<>();

    private final AtomicLong leasesRequested = new AtomicLong();
    private final LongAdder rangeEmpty = new LongAdder();

    /**
     * Starts with no range and asks the oracle for the first lease at once.
     *
     * @param link      how leases are asked for
     * @param floor     the first {@link #snapshot()}; commit timestamps are above it
     * @param leaseSize timestamps per lease
     */
    public TimestampClient(ActorSystem<?> system, LeaseLink link, long floor, int leaseSize) {
        if (leaseSize < 1) {
            throw new IllegalArgumentException("leaseSize must be at least 1: " + leaseSize);
        }
        this.system = system;
        this.link = link;
        this.leaseSize = leaseSize;
        this.clock = new AtomicLong(floor);
        this.end = new AtomicLong(floor + 1);
        requestLease(); // last: the reply may be handled on another thread before this returns
    }

    /** As above, by Akka asks to {@code oracle}; one unanswered in {@code leaseTimeout} is sent again. */
    public TimestampClient(ActorSystem<?> system, ActorRef<TimestampOracle.Command> oracle, long floor,
                           int leaseSize, Duration leaseTimeout) {
        this(system, LeaseLink.akka(system, oracle, leaseTimeout), floor, leaseSize);
    }

    public TimestampClient(ActorSystem<?> system, ActorRef<TimestampOracle.Command> oracle) {
        this(system, oracle, TimestampOracle.ORIGIN, DEFAULT_LEASE_SIZE, DEFAULT_LEASE_TIMEOUT);
    }

    /** A snapshot: sees every commit stamped at or before it. Never decreases. */
    @Override
    public long snapshot() {
        return clock.get();
    }

    /**
     * A fresh commit timestamp, greater than every {@link #snapshot()} returned before this call;
     * or 0 when the leased range is used up (then wait with {@link #whenAvailable}).
     */
    @Override
    public long tryNextCommit() {
        long current = clock.get();
        long limit = end.get(); // read after clock: see the class comment on lease installation
        while (current + 1 < limit) {
            long witness = clock.compareAndExchange(current, current + 1);
            if (witness == current) {
                long next = current + 1;
                if ((limit - next - 1) * 2 < leaseSize) {
                    requestLease(); // prefetch: less than half a lease left
                }
                return next;
            }
            current = witness;
            limit = end.get();
        }
        rangeEmpty.increment();
        requestLease();
        return 0;
    }

    /**
     * Runs {@code ready} once {@link #tryNextCommit()} can succeed again: at once on this thread
     * if it already can, otherwise on the thread that installs the next lease. Other threads may
     * take the timestamps first, so {@code ready} should try again and may have to wait again.
     */
    @Override
    public void whenAvailable(Runnable ready) {
        if (canIssue()) {
            ready.run();
            return;
        }
        waiters.add(ready);
        requestLease();
        runWaiters(); // a lease installed between the check and the add would not see this waiter
    }

    /** Lease requests sent to the oracle (retries included). */
    public long leasesRequested() {
        return leasesRequested.get();
    }

    /** Times {@link #tryNextCommit()} found the range used up and returned 0. */
    public long rangeEmptyCount() {
        return rangeEmpty.sum();
    }

    private boolean canIssue() {
        long current = clock.get();
        return current + 1 < end.get();
    }

    /** Sends a lease request unless one is outstanding. */
    private void requestLease() {
        if (requesting.get() || !requesting.compareAndSet(false, true)) {
            return;
        }
        leasesRequested.incrementAndGet();
        try {
            link.request(leaseSize, false, granted);
        } catch (RuntimeException e) { // the system is shutting down: let a later call try again
            requesting.set(false);
            throw e;
        }
    }

    /** A lease came ({@code from > 0}) or the request failed; either way the next may be sent. */
    private void onLeased(long from, long toExclusive) {
        if (from > 0) {
            clock.accumulateAndGet(from - 1, Math::max);
            end.accumulateAndGet(toExclusive, Math::max);
        }
        requesting.set(false);
        runWaiters();
        long remaining = end.get() - clock.get() - 1;
        if (remaining * 2 < leaseSize) {
            requestLease(); // waiters left unserved, or a lease that the clock had already passed
        }
    }

    private void runWaiters() {
        Runnable waiter;
        while (canIssue() && (waiter = waiters.poll()) != null) {
            try {
                waiter.run();
            } catch (RuntimeException e) {
                system.log().error("A timestamp waiter failed", e);
            }
        }
    }
}
