package io.boreal.sharding;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;

/**
 * AUTO_INCREMENT values, handed out by the node from blocks the catalog singleton gave it: each
 * block is above every block given before, to any node, and durable in the catalog before a value
 * of it is used, so no value is handed out twice across the cluster or a restart (the rest of a
 * node's block is skipped after it restarts, as InnoDB may skip values too). Values increase on
 * each node; across nodes they interleave by block.
 *
 * <p>Inserts that give their own value move this node's counter past it ({@link #observe}), and
 * the next block starts above it, as MySQL moves its counter. A value given explicitly that lies
 * in another node's block is not known there: that node may hand it out later, and its insert
 * then fails with a duplicate key (23000).
 *
 * <p>Thread-safety: sessions call it from any thread; each table's counter is guarded by its own
 * monitor, held only to move numbers, never while waiting for the catalog.
 */
public final class AutoIncrements {

    /** Values per block. */
    static final long BLOCK = 10_000;

    private final ActorRef<Catalog.Command> catalog;
    private final ActorSystem<?> system;
    private final ConcurrentHashMap<Long, Counter> counters = new ConcurrentHashMap<>();

    AutoIncrements(ActorRef<Catalog.Command> catalog, ActorSystem<?> system) {
        this.catalog = catalog;
        this.system = system;
    }

    /** Reserves {@code count} consecutive values; the stage yields the first. */
    public CompletionStage<Long> allocate(long tableId, long reservedInCatalog, int count) {
        Counter counter = counter(tableId, reservedInCatalog);
        CompletionStage<Long> block;
        synchronized (counter) {
            if (counter.next + count - 1 <= counter.blockEnd) {
                long first = counter.next;
                counter.next += count;
                return CompletableFuture.completedFuture(first);
            }
            block = nextBlock(tableId, counter, count);
        }
        return block.thenCompose(ignored -> allocate(tableId, reservedInCatalog, count));
    }

    /** An insert gave {@code value} itself: later allocations start above it. */
    public CompletionStage<Void> observe(long tableId, long reservedInCatalog, long value) {
        Counter counter = counter(tableId, reservedInCatalog);
        synchronized (counter) {
            if (value < counter.next) {
                return CompletableFuture.completedFuture(null);
            }
            counter.floor = Math.max(counter.floor, value);
            if (value < counter.blockEnd) {
                counter.next = value + 1;
            } else {
                counter.next = counter.blockEnd + 1; // the block is behind it: the next one starts above it
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    private Counter counter(long tableId, long reservedInCatalog) {
        return counters.computeIfAbsent(tableId, id -> new Counter(reservedInCatalog));
    }

    /** Asks for a block (one at a time per table: a caller that finds one on its way waits for it); guarded by counter. */
    private CompletionStage<Long> nextBlock(long tableId, Counter counter, int count) {
        if (counter.pending != null) {
            return counter.pending;
        }
        long size = Math.max(BLOCK, count);
        long atLeast = counter.floor;
        CompletionStage<Long> pending = PlainAsk.<Catalog.Command, Long>withStatus(catalog,
                        replyTo -> new Catalog.ReserveAutoIncrement(tableId, size, atLeast, replyTo),
                        Duration.ofSeconds(30), system.scheduler())
                .thenApply(last -> {
                    synchronized (counter) {
                        counter.pending = null;
                        counter.next = last - size + 1;
                        counter.blockEnd = last;
                    }
                    return last;
                });
        pending.whenComplete((last, failure) -> {
            if (failure != null) {
                synchronized (counter) {
                    counter.pending = null; // the next allocation asks again
                }
            }
        });
        counter.pending = pending;
        return pending;
    }

    /** This node's block {@code [next, blockEnd]} of a table; guarded by its own monitor. */
    private static final class Counter {
        long next = 1;
        long blockEnd = 0;
        /** Values at or below it were used (the catalog's mark when first seen, or an explicit value). */
        long floor;
        CompletionStage<Long> pending;

        Counter(long reservedInCatalog) {
            this.floor = reservedInCatalog;
        }
    }
}
