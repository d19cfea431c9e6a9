package io.boreal.bench.impl;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One closed-loop run's clock and tallies: operations end during warm-up
 * ({@code [start, measureFromNs)}) or the measured window ({@code [measureFromNs, endNs)}); only
 * those ending in the window count towards throughput, latency and errors.
 *
 * <p>Thread-safety: the loops call in concurrently from engine threads (adders, a multi-writer
 * {@link Recorder}, an atomic reference); {@link #latencyUs()} is read once every loop has finished.
 */
public class WindowTallies {

    private final long measureFromNs;
    private final long endNs;
    private final Recorder latencyUs = new Recorder(3);
    private final LongAdder successes = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final AtomicReference<String> firstError = new AtomicReference<>();

    public WindowTallies(long measureFromNs, long endNs) {
        this.measureFromNs = measureFromNs;
        this.endNs = endNs;
    }

    public long measureFromNs() {
        return measureFromNs;
    }

    public long endNs() {
        return endNs;
    }

    /** An operation begun at {@code startedNs} succeeded at {@code nowNs}. */
    public void succeeded(long startedNs, long nowNs) {
        if (measured(nowNs)) {
            successes.increment();
            latencyUs.recordValue(Math.max(1, (nowNs - startedNs) / 1_000));
        }
    }

    /** An operation failed with {@code error} at {@code nowNs}. */
    public void failed(long nowNs, String error) {
        if (measured(nowNs)) {
            errors.increment();
        }
        firstError.compareAndSet(null, error);
    }

    /** Remembers {@code error} as the first failure if none was seen yet, counting nothing. */
    public void noteError(String error) {
        firstError.compareAndSet(null, error);
    }

    private boolean measured(long nowNs) {
        return nowNs >= measureFromNs && nowNs < endNs;
    }

    /** Latencies of the window's successful operations, in µs (call once, after the run). */
    public Histogram latencyUs() {
        return latencyUs.getIntervalHistogram();
    }

    /** Operations that succeeded in the window. */
    public long successes() {
        return successes.sum();
    }

    /** Operations that failed in the window. */
    public long errors() {
        return errors.sum();
    }

    /** The first failure seen (in the window or not), or null. */
    public String firstError() {
        return firstError.get();
    }
}
