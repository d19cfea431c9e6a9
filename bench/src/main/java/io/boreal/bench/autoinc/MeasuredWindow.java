package io.boreal.bench.autoinc;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One run's clock and tallies: inserts complete during warm-up ({@code [start, measureFromNs)})
 * and the measured window ({@code [measureFromNs, endNs)}); only those completing in the window
 * count towards throughput, latency and errors, while every one counts towards the totals the
 * table is checked against.
 *
 * <p>Thread-safety: {@link #completed} is called concurrently from engine threads (adders and a
 * multi-writer {@link Recorder}); {@link #latencyUs()} is read once all loops have finished.
 */
final class MeasuredWindow {

    private final long measureFromNs;
    private final long endNs;
    private final Recorder latencyUs = new Recorder(3);
    private final LongAdder measuredInserts = new LongAdder();
    private final LongAdder measuredErrors = new LongAdder();
    private final LongAdder totalInserts = new LongAdder();
    private final AtomicReference<String> firstError = new AtomicReference<>();

    MeasuredWindow(long measureFromNs, long endNs) {
        this.measureFromNs = measureFromNs;
        this.endNs = endNs;
    }

    long measureFromNs() {
        return measureFromNs;
    }

    long endNs() {
        return endNs;
    }

    /** Tallies an insert sent at {@code sentNs} that completed at {@code nowNs}; {@code error} null on success. */
    void completed(long sentNs, long nowNs, Throwable error) {
        boolean measured = nowNs >= measureFromNs && nowNs < endNs;
        if (error == null) {
            totalInserts.increment();
            if (measured) {
                measuredInserts.increment();
                latencyUs.recordValue(Math.max(1, (nowNs - sentNs) / 1_000));
            }
        } else {
            if (measured) {
                measuredErrors.increment();
            }
            firstError.compareAndSet(null, String.valueOf(error.getCause() != null ? error.getCause() : error));
        }
    }

    /** Latencies of the inserts that succeeded in the window, in µs (call once, after the run). */
    Histogram latencyUs() {
        return latencyUs.getIntervalHistogram();
    }

    long measuredInserts() {
        return measuredInserts.sum();
    }

    long measuredErrors() {
        return measuredErrors.sum();
    }

    long totalInserts() {
        return totalInserts.sum();
    }


    /** The first failure seen, or null. */
    String firstError() {
        return firstError.get();
    }
}
