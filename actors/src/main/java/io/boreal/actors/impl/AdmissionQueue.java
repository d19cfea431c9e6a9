package io.boreal.actors.impl;

import io.boreal.actors.impl.Admission.Priority;
import io.boreal.actors.impl.Admission.Waiter;

/**
 * The order in which the gate admits queued waiters (the MySQL Enterprise / Percona thread pool
 * model: a high- and a low-priority queue and a "kickup" of what waited too long):
 *
 * <pre>
 *   1. aging:     the oldest waiter, if it has waited agingNs or more, whatever its class or tenant
 *   2. FINISHING: statements of open transactions — they hold locks and a snapshot
 *   3. NEW:       statements that start a transaction
 *   within 2 and 3: tenants by weight ({@link FairQueue}), FIFO within one tenant
 * </pre>
 *
 * <p>Aging needs no timer: order matters only when a permit is handed out, so the age of the
 * oldest waiter is checked then. The oldest is the head of the arrival list, so each step is
 * O(1) for aging and O(log t) in the class queues (t tenants queued) — no scan of the waiters.
 *
 * <p>Invariant: a waiter is queued iff it is on the arrival list, iff it is in the lane of its
 * tenant and class ({@code waiter.lane != null}).
 *
 * <p>Not thread-safe: used only under the lock of the {@link Admission} that owns it.
 */
final class AdmissionQueue {

    private final WaiterList byArrival = new WaiterList();
    private final FairQueue[] byClass = {new FairQueue(), new FairQueue()}; // by Priority ordinal
    private long aged;

    /** Appends {@code waiter}, queued at {@code nowNs}, to {@code lane} (its tenant's, of {@code priority}). */
    void add(Waiter waiter, FairQueue.Lane lane, Priority priority, long nowNs) {
        waiter.lane = lane;
        waiter.priority = priority;
        waiter.queuedAtNs = nowNs;
        byArrival.addLast(waiter.byArrival);
        byClass[priority.ordinal()].add(lane, waiter);
    }

    /**
     * Takes out the waiter to admit next, or null when empty.
     *
     * @param agingNs how long a waiter may wait before it goes first; {@code <= 0} turns aging off
     */
    Waiter poll(long nowNs, long agingNs) {
        Waiter next = scheduled();
        if (next == null) {
            return null;
        }
        Waiter oldest = byArrival.first();
        if (agingNs > 0 && oldest != next && nowNs - oldest.queuedAtNs >= agingNs) {
            aged++;
            next = oldest;
        }
        byArrival.remove(next.byArrival);
        byClass[next.priority.ordinal()].admit(next.lane, next);
        next.lane = null;
        return next;
    }

    /** Takes {@code waiter} out without admitting it; returns false when it is not queued. */
    boolean cancel(Waiter waiter) {
        if (!byArrival.remove(waiter.byArrival)) {
            return false;
        }
        byClass[waiter.priority.ordinal()].cancel(waiter.lane, waiter);
        waiter.lane = null;
        return true;
    }

    boolean isEmpty() {
        return byArrival.isEmpty();
    }

    int size() {
        return byArrival.size();
    }

    /** Waiters admitted ahead of the class and tenant order because they waited too long. */
    long aged() {
        return aged;
    }

    /** The waiter the class and tenant order takes next, aging aside. */
    private Waiter scheduled() {
        Waiter finishing = byClass[Priority.FINISHING.ordinal()].peek();
        return finishing != null ? finishing : byClass[Priority.NEW.ordinal()].peek();
    }
}
