package io.boreal.sharding;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;

/**
 * AUTO_INCREMENT values, handed out by the node from blocks it has first made durable in the
 * catalog, so no value is handed out twice across a restart (values of an unfinished block are
 * skipped after a restart, as InnoDB may skip them too).
 *
 * <p>Inserts that give their own value move the counter past it ({@link #observe}), as MySQL does.
 *
 * <p>Thread-safety: sessions call it from any thread; each table's counter is guarded by its own
 * monitor, held only to move numbers, never while waiting for the catalog.
 */
public final class AutoIncrements {

    /** Values reserved per catalog write. */
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
        long first;
        long needed;
        synchronized (counter) {
            first = counter.next;
            counter.next += count;
            needed = counter.next - 1;
        }
        return ensureReserved(tableId, counter, needed).thenApply(ignored -> first);
    }

    /** An insert gave {@code value} itself: later allocations start above it. */
    public CompletionStage<Void> observe(long tableId, long reservedInCatalog, long value) {
        Counter counter = counter(tableId, reservedInCatalog);
        synchronized (counter) {
            if (value < counter.next) {
                return CompletableFuture.completedFuture(null);
            }
            counter.next = value + 1;
        }
        return ensureReserved(tableId, counter, value).thenApply(ignored -> null);
    }

    private Counter counter(long tableId, long reservedInCatalog) {
        return counters.computeIfAbsent(tableId, id -> new Counter(reservedInCatalog));
    }

    private CompletionStage<Long> ensureReserved(long tableId, Counter counter, long needed) {
        synchronized (counter) {
            if (needed <= counter.reserved) {
                return CompletableFuture.completedFuture(counter.reserved);
            }
            if (counter.pending == null || needed > counter.pendingUpTo) {
                long upTo = needed + BLOCK;
                counter.pendingUpTo = upTo;
                counter.pending = PlainAsk.<Catalog.Command, Long>withStatus(catalog,
                                replyTo -> new Catalog.ReserveAutoIncrement(tableId, upTo, replyTo),
                                Duration.ofSeconds(30), system.scheduler())
                        .thenApply(reserved -> {
                            synchronized (counter) {
                                counter.reserved = Math.max(counter.reserved, reserved);
                            }
                            return reserved;
                        });
            }
            return counter.pending;
        }
    }

    /** Guarded by its own monitor. */
    private static final class Counter {
        long next;
        long reserved;
        long pendingUpTo;
        CompletionStage<Long> pending;

        Counter(long reservedInCatalog) {
            this.reserved = reservedInCatalog;
            this.next = reservedInCatalog + 1;
        }
    }
}
