package io.boreal.bench.mvcc;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One OLTP run's clock and tallies: transactions end during warm-up ({@code [start,
 * measureFromNs)}) and the measured window ({@code [measureFromNs, endNs)}); only those ending in
 * the window count towards throughput, latency and errors. A loop starts no transaction at or
 * after {@code endNs}, nor once the run is aborted.
 *
 * <p>Thread-safety: the loops call in concurrently from engine threads (adders, a multi-writer
 * {@link Recorder}, atomic references); {@link #latencyUs()} is read once every loop has finished.
 */
final class TxnWindow {

    private final long measureFromNs;
    private final long endNs;
    private final Recorder latencyUs = new Recorder(3);
    private final LongAdder commits = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private final AtomicReference<String> abortedBy = new AtomicReference<>();

    TxnWindow(long measureFromNs, long endNs) {
        this.measureFromNs = measureFromNs;
        this.endNs = endNs;
    }

    long measureFromNs() {
        return measureFromNs;
    }

    long endNs() {
        return endNs;
    }

    /** Whether a loop may start another transaction at {@code nowNs}. */
    boolean open(long nowNs) {
        return nowNs < endNs && abortedBy.get() == null;
    }

    /** A transaction begun at {@code startedNs} committed at {@code nowNs}. */
    void committed(long startedNs, long nowNs) {
        if (measured(nowNs)) {
            commits.increment();
            latencyUs.recordValue(Math.max(1, (nowNs - startedNs) / 1_000));
        }
    }

    /** A transaction failed with an ignored error at {@code nowNs} and was rolled back. */
    void failed(long nowNs, String error) {
        if (measured(nowNs)) {
            errors.increment();
        }
        firstError.compareAndSet(null, error);
    }

    /** A failure that is not ignored: every loop stops at its next transaction. */
    void abort(String error) {
        abortedBy.compareAndSet(null, error);
        firstError.compareAndSet(null, error);
    }

    private boolean measured(long nowNs) {
        return nowNs >= measureFromNs && nowNs < endNs;
    }

    /** Latencies of the window's committed transactions, in µs (call once, after the run). */
    Histogram latencyUs() {
        return latencyUs.getIntervalHistogram();
    }

    long commits() {
        return commits.sum();
    }

    long errors() {
        return errors.sum();
    }

    /** The first failure seen, ignored or not, or null. */
    String firstError() {
        return firstError.get();
    }

    /** The failure that aborted the run, or null. */
    String abortedBy() {
        return abortedBy.get();
    }
}
