package io.boreal.bench;

import org.HdrHistogram.Histogram;

/**
 * Latency of the completed events of a run, in milliseconds. Events that failed with an ignored
 * error are not in it. {@code sumMs} is the total time spent in completed events (sysbench's "sum").
 */
public record LatencySummary(double minMs, double avgMs, double p50Ms, double p95Ms, double p99Ms,
                             double p999Ms, double maxMs, double sumMs) {

    /** Summarises a histogram recorded in microseconds; all zeros when it is empty. */
    public static LatencySummary ofMicros(Histogram us) {
        if (us.getTotalCount() == 0) {
            return new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0);
        }
        return new LatencySummary(
                us.getMinValue() / 1000.0, us.getMean() / 1000.0,
                percentileMs(us, 50), percentileMs(us, 95), percentileMs(us, 99), percentileMs(us, 99.9),
                us.getMaxValue() / 1000.0, us.getMean() * us.getTotalCount() / 1000.0);
    }

    /** The value at a percentile of a histogram in microseconds, in ms; 0 when empty. */
    public static double percentileMs(Histogram us, double percentile) {
        return us.getTotalCount() == 0 ? 0 : us.getValueAtPercentile(percentile) / 1000.0;
    }
}
