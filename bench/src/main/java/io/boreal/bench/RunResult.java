package io.boreal.bench;

import java.time.Instant;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * What a {@link LoadRunner} run measured. Counts are totals over all threads; rates divide by
 * {@code totalTimeSec} (start of the clock to the last worker's end), as sysbench does.
 *
 * @param workload the workload's name
 * @param startedAt wall-clock time the clock started
 * @param threads worker threads
 * @param totalTimeSec elapsed time of the run
 * @param reads read statements sent (also by failed events)
 * @param writes write statements sent
 * @param others transaction-control statements sent
 * @param transactions completed events
 * @param ignoredErrors events that failed with an ignored SQL error
 * @param reconnects reconnections (always 0: workers keep their connection)
 * @param latency latency of completed events
 * @param fairness spread of events and time over the threads
 * @param intervals the live report intervals, in order (empty when reporting was off)
 * @param latencyUs the full latency histogram of completed events, in microseconds
 */
public record RunResult(String workload, Instant startedAt, int threads, double totalTimeSec,
                        long reads, long writes, long others, long transactions, long ignoredErrors,
                        long reconnects, LatencySummary latency, Fairness fairness,
                        List<IntervalSample> intervals, Histogram latencyUs) {

    /** All statements sent. */
    public long queries() {
        return reads + writes + others;
    }

    /** Completed events per second. */
    public double tps() {
        return perSecond(transactions);
    }

    /** Statements per second. */
    public double qps() {
        return perSecond(queries());
    }

    /** {@code count} divided by the run's total time. */
    public double perSecond(long count) {
        return totalTimeSec <= 0 ? 0 : count / totalTimeSec;
    }
}
