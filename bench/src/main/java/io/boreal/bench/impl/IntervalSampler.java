package io.boreal.bench.impl;

import io.boreal.bench.IntervalSample;
import io.boreal.bench.LatencySummary;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Turns the workers' counters and the shared latency {@link Recorder} into interval samples,
 * and accumulates every interval's latency into the run's total histogram.
 *
 * <p>Concurrency: used by the runner's thread only; it reads the workers' counters, which they
 * keep writing.
 */
public final class IntervalSampler {
    private final List<WorkerStats> stats;
    private final Recorder latencyUs;
    private final int threads;
    private final long startNs;
    private final Histogram totalUs = new Histogram(3);
    private Histogram intervalUs;
    private Totals last = new Totals(0, 0, 0, 0, 0);
    private long lastNs;

    public IntervalSampler(List<WorkerStats> stats, Recorder latencyUs, int threads, long startNs) {
        this.stats = stats;
        this.latencyUs = latencyUs;
        this.threads = threads;
        this.startNs = startNs;
        this.lastNs = startNs;
    }

    /**
     * Closes the interval at {@code nowNs} and returns its rates (over the time actually elapsed)
     * and latency, labelled with the scheduled {@code boundaryNs} (the sampler may wake late).
     */
    public IntervalSample sample(long boundaryNs, long nowNs) {
        drainLatency();
        Totals now = Totals.of(stats);
        double sec = Math.max(1e-9, (nowNs - lastNs) / 1e9);
        long reads = now.reads - last.reads;
        long writes = now.writes - last.writes;
        long others = now.others - last.others;
        IntervalSample sample = new IntervalSample((boundaryNs - startNs) / 1e9, threads,
                (now.events - last.events) / sec, (reads + writes + others) / sec,
                reads / sec, writes / sec, others / sec,
                LatencySummary.percentileMs(intervalUs, 50), LatencySummary.percentileMs(intervalUs, 95),
                LatencySummary.percentileMs(intervalUs, 99), intervalUs.getMaxValue() / 1000.0,
                (now.errors - last.errors) / sec, 0);
        last = now;
        lastNs = nowNs;
        return sample;
    }

    /** Moves the latencies recorded since the last sample into the total; returns the total. */
    public Histogram drainTotal() {
        drainLatency();
        return totalUs;
    }

    private void drainLatency() {
        intervalUs = latencyUs.getIntervalHistogram(intervalUs);
        totalUs.add(intervalUs);
    }

    /** Sums of the workers' counters at one moment. */
    record Totals(long reads, long writes, long others, long events, long errors) {
        static Totals of(List<WorkerStats> stats) {
            long r = 0;
            long w = 0;
            long o = 0;
            long e = 0;
            long x = 0;
            for (WorkerStats s : stats) {
                r += s.queries().reads();
                w += s.queries().writes();
                o += s.queries().others();
                e += s.events();
                x += s.errors();
            }
            return new Totals(r, w, o, e, x);
        }
    }
}
