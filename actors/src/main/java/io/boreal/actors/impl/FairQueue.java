package io.boreal.actors.impl;

import java.util.Comparator;
import java.util.TreeSet;

/**
 * The queued waiters of one priority class, shared between tenants by weight with stride
 * scheduling (Waldspurger and Weihl, 1995; the virtual-time idea of weighted fair queueing).
 *
 * <pre>
 *   lane (tenant A, weight 3)  pass 40 ─┐        next = first waiter of the lane with the
 *   lane (tenant B, weight 1)  pass 30 ─┼─ tree ─► smallest pass; that lane's pass += STRIDE / weight
 *   lane (tenant C, idle)      not in the tree    (so A is taken 3 times for each time of B)
 * </pre>
 *
 * <p>A lane is one tenant's waiters of this class, FIFO. Only lanes with a waiter are in the tree.
 * {@code virtualTime} is the pass of the lane last taken by the schedule: no lane in the tree has
 * a smaller pass. A lane that had nothing queued rejoins at max(its pass, virtualTime): a tenant
 * that was idle banks no credit (it gets no burst of admissions for the time it had nothing
 * queued), and one charged ahead (aging takes waiters out of turn, and charges them) stays
 * charged until the others catch up. Equal passes go in the order the lanes joined the tree, so
 * tenants of equal weight take turns.
 *
 * <p>Passes wrap around, so they are compared by their difference, which is exact while the
 * passes compared are less than 2^62 apart. Two bounds keep them so, for any run length: a charge
 * never takes a pass more than {@link #MAX_LEAD} past the virtual time (so the virtual time
 * moves at most that much per admission), and a lane that stayed out of the tree while
 * {@link #FORGET_AFTER} admissions went by rejoins at the virtual time without comparing (by then
 * its pass may be stale by more than 2^62; what it forgets is at most MAX_LEAD of debt).
 *
 * <p>Cost: O(log t) per operation with t tenants queued in this class, O(1) per waiter inside
 * its lane. Not thread-safe: used only under the lock of the {@link Admission} that owns it.
 */
final class FairQueue {

    /** A pass advances by STRIDE / weight per admission; weights up to 2^20 keep every stride exact to 0.1%. */
    static final long STRIDE = 1L << 30;
    /** The most a pass may be ahead of the virtual time: 64 admissions of a weight-1 tenant. */
    static final long MAX_LEAD = 64 * STRIDE;
    /** Admissions after which a lane out of the tree forgets its pass (MAX_LEAD * this < 2^62). */
    static final long FORGET_AFTER = 1L << 24;

    /** One tenant's waiters of this class and its place in the schedule. */
    static final class Lane {
        final Admission.Tenant tenant;
        final WaiterList waiters = new WaiterList();
        private long pass;
        /** The order in which lanes (re)entered the tree: breaks ties between equal passes. */
        private long joined;
        /** The class's admission count when the lane left the tree; MIN_VALUE before it ever joined. */
        private long leftAt = Long.MIN_VALUE;

        Lane(Admission.Tenant tenant) {
            this.tenant = tenant;
        }
    }

    private static final Comparator<Lane> SCHEDULE = (a, b) -> {
        int byPass = Long.signum(a.pass - b.pass);
        return byPass != 0 ? byPass : Long.compare(a.joined, b.joined);
    };

    private final TreeSet<Lane> schedule = new TreeSet<>(SCHEDULE);
    private long virtualTime;
    private long joins;
    private long admissions;

    /** Appends {@code waiter} to {@code lane}. */
    void add(Lane lane, Admission.Waiter waiter) {
        if (lane.waiters.isEmpty()) {
            boolean forgotten = lane.leftAt == Long.MIN_VALUE || admissions - lane.leftAt >= FORGET_AFTER;
            lane.pass = forgotten || lane.pass - virtualTime < 0 ? virtualTime : lane.pass;
            lane.joined = joins++;
            schedule.add(lane);
        }
        lane.waiters.addLast(waiter.inLane);
    }

    /** The waiter the schedule takes next, or null when empty. */
    Admission.Waiter peek() {
        return schedule.isEmpty() ? null : schedule.first().waiters.first();
    }

    /**
     * Takes {@code waiter} (queued in {@code lane}) out to run: its tenant is charged one stride,
     * whether the schedule chose it or aging took it out of turn.
     */
    void admit(Lane lane, Admission.Waiter waiter) {
        if (lane == schedule.first()) {
            virtualTime = lane.pass;
        }
        schedule.remove(lane); // before its pass changes: the pass is its key
        lane.waiters.remove(waiter.inLane);
        admissions++;
        long charged = lane.pass + STRIDE / lane.tenant.weight();
        lane.pass = charged - virtualTime > MAX_LEAD ? virtualTime + MAX_LEAD : charged;
        rejoinOrLeave(lane);
    }

    /** Takes {@code waiter} out without running it (its session closed); charges nothing. */
    void cancel(Lane lane, Admission.Waiter waiter) {
        lane.waiters.remove(waiter.inLane);
        if (lane.waiters.isEmpty()) { // its key is unchanged: otherwise it keeps its place
            schedule.remove(lane);
            leave(lane);
        }
    }

    private void rejoinOrLeave(Lane lane) {
        if (lane.waiters.isEmpty()) {
            leave(lane);
        } else {
            lane.joined = joins++;
            schedule.add(lane);
        }
    }

    private void leave(Lane lane) {
        lane.leftAt = admissions;
    }
}
