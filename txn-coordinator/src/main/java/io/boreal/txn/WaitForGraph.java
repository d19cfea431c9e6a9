package io.boreal.txn;

import java.util.HashMap;
import java.util.Map;

/**
 * Who waits for whom, node-wide: the edges every partition adds when it parks a request behind
 * a row lock. A transaction waits for one lock at a time (its session runs one statement at a
 * time), so the relation is a function and a deadlock is a cycle found by following it from
 * the holder — across partitions, since a two-phase transaction holds locks in several.
 *
 * <p>Checking for a cycle and adding the edge are one step, so two partitions parking the two
 * ends of a cycle at the same moment cannot both miss it.
 *
 * <p>Known gap: a statement that waits in two partitions at once (a ranged write over several
 * partitions) keeps one edge only; a cycle through the other one ends by the lock-wait timeout.
 *
 * <p>Thread-safety: every method may be called from any thread (one monitor; only requests that
 * meet a held lock come here).
 */
public final class WaitForGraph {

    private final Map<Long, Long> waitsFor = new HashMap<>();

    /**
     * Records that {@code waiter} waits for {@code holder}, unless that closes a cycle: then
     * nothing is recorded and the answer is false ({@code waiter} is the deadlock's victim).
     */
    public synchronized boolean tryWait(long waiter, long holder) {
        int hops = 0;
        for (Long t = holder; t != null && hops <= waitsFor.size(); t = waitsFor.get(t), hops++) {
            if (t == waiter) {
                return false;
            }
        }
        waitsFor.put(waiter, holder);
        return true;
    }

    /** {@code waiter} no longer waits for {@code holder} (granted, expired or aborted). */
    public synchronized void stopped(long waiter, long holder) {
        waitsFor.remove(waiter, holder);
    }
}
