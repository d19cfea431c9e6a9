package io.boreal.bench.autoinc;

import java.util.concurrent.atomic.LongAdder;

import io.boreal.bench.impl.WindowTallies;

/**
 * One insert run's window ({@link WindowTallies}), and the inserts that succeeded at any time,
 * which the table's row count is checked against.
 *
 * <p>Thread-safety: {@link #completed} is called concurrently from engine threads.
 */
final class MeasuredWindow extends WindowTallies {

    private final LongAdder totalInserts = new LongAdder();

    MeasuredWindow(long measureFromNs, long endNs) {
        super(measureFromNs, endNs);
    }

    /** Tallies an insert sent at {@code sentNs} that completed at {@code nowNs}; {@code error} null on success. */
    void completed(long sentNs, long nowNs, Throwable error) {
        if (error == null) {
            totalInserts.increment();
            succeeded(sentNs, nowNs);
        } else {
            failed(nowNs, String.valueOf(error.getCause() != null ? error.getCause() : error));
        }
    }

    long measuredInserts() {
        return successes();
    }

    long measuredErrors() {
        return errors();
    }

    long totalInserts() {
        return totalInserts.sum();
    }
}
