package io.boreal.bench.mvcc;

import java.util.concurrent.atomic.AtomicReference;

import io.boreal.bench.impl.WindowTallies;

/**
 * One OLTP run's window ({@link WindowTallies}: a transaction counts when it ends in the
 * window), and the run's abort: a loop starts no transaction at or after {@code endNs}, nor once
 * a failure that is not ignored aborted the run.
 *
 * <p>Thread-safety: the loops call in concurrently from engine threads.
 */
final class TxnWindow extends WindowTallies {

    private final AtomicReference<String> abortedBy = new AtomicReference<>();

    TxnWindow(long measureFromNs, long endNs) {
        super(measureFromNs, endNs);
    }

    /** Whether a loop may start another transaction at {@code nowNs}. */
    boolean open(long nowNs) {
        return nowNs < endNs() && abortedBy.get() == null;
    }

    /** A transaction begun at {@code startedNs} committed at {@code nowNs}. */
    void committed(long startedNs, long nowNs) {
        succeeded(startedNs, nowNs);
    }

    /** A failure that is not ignored: every loop stops at its next transaction. */
    void abort(String error) {
        abortedBy.compareAndSet(null, error);
        noteError(error);
    }

    long commits() {
        return successes();
    }

    /** The failure that aborted the run, or null. */
    String abortedBy() {
        return abortedBy.get();
    }
}
