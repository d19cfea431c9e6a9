package io.boreal.storage.impl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import io.boreal.storage.Partition;
import io.boreal.txn.WaitForGraph;

/**
 * The write requests of a partition that wait for a row lock, parked behind the transaction
 * that holds it, and who waits for whom.
 *
 * <p>A row's lock is its active head version (see {@link Version}), held in the index leaf; a
 * leaf answers a write that meets it with the holder, and the partition parks the request here
 * until that transaction commits, aborts or undoes a statement, then runs it again from the
 * start (its rows may have changed). Who waits for whom is recorded in the node's
 * {@link WaitForGraph}, which every partition shares, so a deadlock whose cycle runs through
 * several partitions is found like one inside a single partition.
 *
 * <p>Not thread-safe: owned by its partition actor.
 */
final class Waiters {

    /** A request parked behind a lock. */
    record Waiter(Partition.Write write, long holder, long deadlineNs) {
        long transactionId() {
            return write.txn().transactionId();
        }
    }

    private final Map<Long, ArrayDeque<Waiter>> queues = new HashMap<>();
    private final WaitForGraph graph;

    Waiters(WaitForGraph graph) {
        this.graph = graph;
    }

    boolean isEmpty() {
        return queues.isEmpty();
    }

    /**
     * Parks {@code waiter} behind its holder; false, parking nothing, when waiting would close
     * a cycle (the waiter is a deadlock's victim).
     */
    boolean park(Waiter waiter) {
        if (!graph.tryWait(waiter.transactionId(), waiter.holder())) {
            return false;
        }
        queues.computeIfAbsent(waiter.holder(), k -> new ArrayDeque<>()).add(waiter);
        return true;
    }

    /** Removes and returns everything waiting for {@code holder}, in arrival order. */
    List<Waiter> release(long holder) {
        ArrayDeque<Waiter> queue = queues.remove(holder);
        if (queue == null) {
            return List.of();
        }
        for (Waiter w : queue) {
            graph.stopped(w.transactionId(), holder);
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
                    graph.stopped(w.transactionId(), w.holder());
                    removed.add(w);
                }
            }
            if (queue.isEmpty()) {
                queuesIt.remove();
            }
        }
    }
}
