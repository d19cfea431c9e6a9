package io.boreal.bench.impl;

import java.util.concurrent.atomic.AtomicReference;

/**
 * One OLTP run's window ({@link WindowTallies}: an event counts when it ends in the window),
 * and the run's abort: a loop starts no event at or after {@code endNs}, nor once a failure that
 * is not ignored aborted the run. An event is one transaction, or one autocommit statement.
 *
 * <p>Thread-safety: the loops call in concurrently from engine threads; a subclass that adds
 * tallies (overriding {@link #succeeded} or {@link #failed}) must keep them thread-safe.
 */
public class TxnWindow extends WindowTallies {

    private final AtomicReference<String> abortedBy = new AtomicReference<>();

    public TxnWindow(long measureFromNs, long endNs) {
        super(measureFromNs, endNs);
    }

    /** Whether a loop may start another event at {@code nowNs}. */
    public boolean open(long nowNs) {
        return nowNs < endNs() && abortedBy.get() == null;
    }

    /** An event begun at {@code startedNs} committed at {@code nowNs}. */
    public void committed(long startedNs, long nowNs) {
        succeeded(startedNs, nowNs);
    }

    /** A failure that is not ignored: every loop stops at its next event. */
    public void abort(String error) {
        abortedBy.compareAndSet(null, error);
        noteError(error);
    }

    public long commits() {
        return successes();
    }

    /** The failure that aborted the run, or null. */
    public String abortedBy() {
        return abortedBy.get();
    }
}
