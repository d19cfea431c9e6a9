package io.boreal.txn;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.boreal.transport.aeron.RangeIssuer;

// Hot path: tryIssue runs for every range the coordinator hands out, on the Aeron agent's thread.

/**
 * The coordinator's timestamps that may be handed out without a write: those above
 * {@code issued} and up to {@code mark}, which the {@link TimestampOracle} has made durable.
 * Both of the oracle's ways out take their ranges here, its actor (the Akka twin) and the Aeron
 * {@code TimestampServer}, so they can never hand out one timestamp twice.
 *
 * <pre>
 *          issued (CAS)               mark (durable)
 *   ─────────────┼─────────────────────────┼──────────>
 *     handed out    free: issued lock-free    past it: wait for the oracle's next write
 *                   (below half a step left, the oracle is asked to write the next mark)
 * </pre>
 *
 * <p>Invariants: {@code issued <= mark}; {@code mark} only grows, and only by the oracle, after the
 * write; a range is {@code [issued + 1, issued + count]} taken by one CAS, so ranges are disjoint
 * and increasing in the order they are taken.
 *
 * <p>Thread-safety: {@link #tryIssue} from any thread, lock-free, allocation-free; {@link #raise}
 * and {@link #recovered} by the oracle's actor only.
 */
public final class IssueWindow implements RangeIssuer {

    private final AtomicLong issued = new AtomicLong();
    private volatile long mark;
    private final long refillBelow;
    private final AtomicBoolean refillAsked = new AtomicBoolean();
    /** The largest count that found no room: the next write must cover it. */
    private volatile int largestRefused;
    private volatile Runnable refill = () -> { };

    /** @param reserveStep how far ahead one write reserves; the oracle is asked for the next below half of it */
    public IssueWindow(long reserveStep) {
        if (reserveStep < 1) {
            throw new IllegalArgumentException("reserveStep must be at least 1: " + reserveStep);
        }
        this.refillBelow = Math.max(1, reserveStep / 2);
    }

    /** The first of {@code count} fresh timestamps, or 0 when they are not all durable yet. */
    @Override
    public long tryIssue(int count) {
        while (true) {
            long current = issued.get();
            long next = current + count;
            long durable = mark;
            if (next > durable) {
                if (count > largestRefused) {
                    largestRefused = count;
                }
                askRefill();
                return 0;
            }
            if (issued.compareAndSet(current, next)) {
                if (durable - next < refillBelow) {
                    askRefill();
                }
                return current + 1;
            }
        }
    }

    /** The greatest timestamp handed out (or recovered). */
    public long issued() {
        return issued.get();
    }

    /** Every timestamp up to this is durable and may be handed out. */
    public long mark() {
        return mark;
    }

    /** True when less than half a step is left: the oracle should write the next mark. */
    boolean low() {
        return mark - issued.get() < refillBelow;
    }

    /** The largest count refused since the last {@link #raise}, 0 when none. */
    int largestRefused() {
        return largestRefused;
    }

    /** Runs on the thread of a {@link #tryIssue} that finds the window low, once until the next {@link #raise}. */
    void onRefill(Runnable ask) {
        this.refill = ask;
    }

    /** After recovery: anything up to {@code durable} may have been issued by an earlier incarnation. */
    void recovered(long durable) {
        issued.accumulateAndGet(durable, Math::max); // first, so no range is taken below it meanwhile
        raise(durable);
    }

    /** The oracle made {@code durable} its mark. */
    void raise(long durable) {
        if (durable > mark) {
            largestRefused = 0;
            mark = durable;
        }
        refillAsked.set(false);
    }

    private void askRefill() {
        if (!refillAsked.get() && refillAsked.compareAndSet(false, true)) {
            refill.run();
        }
    }
}
