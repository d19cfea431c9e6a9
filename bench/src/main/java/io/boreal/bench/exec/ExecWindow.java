package io.boreal.bench.exec;

import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import io.boreal.bench.impl.TxnWindow;

/**
 * One run's window ({@link TxnWindow}) plus what the progress lines and the row check need:
 * every event that succeeded or failed from the first to the last (warm-up and the events in
 * flight at the end included), and the latency since the last progress line.
 *
 * <p>Thread-safety: the loops call in concurrently from engine threads (adders, a multi-writer
 * {@link Recorder}); {@link #intervalLatencyUs} is called by the benchmark's thread only.
 */
final class ExecWindow extends TxnWindow {

    private final LongAdder allSucceeded = new LongAdder();
    private final LongAdder allFailed = new LongAdder();
    private final Recorder intervalUs = new Recorder(3);

    ExecWindow(long measureFromNs, long endNs) {
        super(measureFromNs, endNs);
    }

    @Override
    public void succeeded(long startedNs, long nowNs) {
        super.succeeded(startedNs, nowNs);
        allSucceeded.increment();
        intervalUs.recordValue(Math.max(1, (nowNs - startedNs) / 1_000));
    }

    @Override
    public void failed(long nowNs, String error) {
        super.failed(nowNs, error);
        allFailed.increment();
    }

    /** Events that succeeded so far, in or out of the window. */
    long allSucceeded() {
        return allSucceeded.sum();
    }

    /** Events that failed with an ignored error so far, in or out of the window. */
    long allFailed() {
        return allFailed.sum();
    }

    /** Latencies since the previous call (µs); {@code recycle}: the histogram that call returned, or null. */
    Histogram intervalLatencyUs(Histogram recycle) {
        return intervalUs.getIntervalHistogram(recycle);
    }
}
