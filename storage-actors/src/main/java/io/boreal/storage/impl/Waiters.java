package io.boreal.storage.impl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import io.boreal.storage.Partition;

/**
 * The write requests of a partition that wait for a row lock, parked behind the transaction
 * that holds it, and who waits for whom.
 *
 * <p>A row's lock is its active head version (see {@link Version}), held in the index leaf; a
 * leaf answers a write that meets it with the holder, and the partition parks the request here
 * until that transaction commits, aborts or undoes a statement, then runs it again from the
 * start (its rows may have changed). Each transaction waits for at most one lock at a time (its
 * session runs one statement at a time), so the wait-for relation is a function and a deadlock
 * is a cycle found by following it from the holder. While a transaction writes in one partition
 * only, a cycle can only run through that partition, so this check sees every deadlock.
 *
 * <p>Not thread-safe: owned by its partition actor.
 */
final class Waiters {

    /** A request parked behind a lock. */
    record Waiter(Partition.Write write, long deadlineNs) {
        long transactionId() {
            return write.txn().transactionId();
        }
    }

    private final Map<Long, ArrayDeque<Waiter>> queues = new HashMap<>();
    private final Map<Long, Long> waitsFor = new HashMap<>();

    boolean isEmpty() {
        return queues.isEmpty();
    }

    /** True when making {@code waiter} wait for {@code holder} would close a cycle. */
    boolean wouldDeadlock(long waiter, long holder) {
        int hops = 0;
        for (Long t = holder; t != null && hops <= waitsFor.size(); t = waitsFor.get(t), hops++) {
            if (t == waiter) {
                return true;
            }
        }
        return false;
    }

    void park(long holder, Waiter waiter) {
        queues.computeIfAbsent(holder, k -> new ArrayDeque<>()).add(waiter);
        waitsFor.put(waiter.transactionId(), holder);
    }

    /** Removes and returns everything waiting for {@code holder}, in arrival order. */
    List<Waiter> release(long holder) {
        ArrayDeque<Waiter> queue = queues.remove(holder);
        if (queue == null) {
            return List.of();
        }
        for (Waiter w : queue) {
            waitsFor.remove(w.transactionId());
        }
        return new ArrayList<>(queue);
    }

    /** Removes and returns the waiters whose deadline has passed. */
    List<Waiter> expire(long nowNs) {
        List<Waiter> expired = new ArrayList<>();
        removeIf(w -> nowNs - w.deadlineNs() >= 0, expired);
        return expired;
    }

    /** Drops whatever {@code transactionId} has waiting (it aborted). */
    void forget(long transactionId) {
        removeIf(w -> w.transactionId() == transactionId, new ArrayList<>());
    }

    private void removeIf(java.util.function.Predicate<Waiter> test, List<Waiter> removed) {
        for (Iterator<ArrayDeque<Waiter>> queuesIt = queues.values().iterator(); queuesIt.hasNext(); ) {
            ArrayDeque<Waiter> queue = queuesIt.next();
            for (Iterator<Waiter> it = queue.iterator(); it.hasNext(); ) {
                Waiter w = it.next();
                if (test.test(w)) {
                    it.remove();
                    waitsFor.remove(w.transactionId());
                    removed.add(w);
                }
            }
            if (queue.isEmpty()) {
                queuesIt.remove();
            }
        }
    }
}
