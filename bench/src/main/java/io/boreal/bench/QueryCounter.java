package io.boreal.bench;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the statements a worker sends, in sysbench's classes: read (SELECT), write
 * (INSERT/UPDATE/DELETE) and other (BEGIN/COMMIT/ROLLBACK and the like).
 *
 * <p>Concurrency: single writer (the worker's thread), any number of readers (the reporter).
 * Writers publish with {@code lazySet}, so counting costs no atomic read-modify-write.
 */
public final class QueryCounter {
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong others = new AtomicLong();

    /** Counts {@code n} read statements. Owner thread only. */
    public void reads(int n) {
        reads.lazySet(reads.get() + n);
    }

    /** Counts {@code n} write statements. Owner thread only. */
    public void writes(int n) {
        writes.lazySet(writes.get() + n);
    }

    /** Counts {@code n} other statements (transaction control). Owner thread only. */
    public void others(int n) {
        others.lazySet(others.get() + n);
    }

    public long reads() {
        return reads.get();
    }

    public long writes() {
        return writes.get();
    }

    public long others() {
        return others.get();
    }
}
