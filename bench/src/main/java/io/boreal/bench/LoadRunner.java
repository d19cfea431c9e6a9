package io.boreal.bench;

import io.boreal.bench.impl.IntervalSampler;
import io.boreal.bench.impl.RunControl;
import io.boreal.bench.impl.WorkerLoop;
import io.boreal.bench.impl.WorkerStats;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Runs a {@link Workload} on N threads for a fixed time and measures it, as sysbench's
 * {@code run} does: every thread connects and prepares first, then the clock starts; a line of
 * rates and p95 latency is printed every report interval; the result holds the totals.
 *
 * <pre>
 *  t=0        interval        interval                    time      (workers finish the event in flight)
 *   |───────────|───────────────|────── … ───────────────|·····|
 *   start      line            line                     line   end → RunResult
 * </pre>
 *
 * <p>Errors: an {@link java.sql.SQLException} whose SQLState {@link RunSettings#ignoredErrors()}
 * matches is counted (err/s) and the worker goes on; any other one stops every worker and
 * {@code run} throws {@link RunAbortedException}. The summary is not printed here: see
 * {@link RunReport#printSummary}.
 *
 * <p>Concurrency: {@code run} blocks the calling thread until the run is over; several runs
 * may proceed at once in one JVM.
 */
public final class LoadRunner {
    private LoadRunner() {
    }

    /** Runs with {@link IgnoredErrors#DEFAULT} and a time-based seed. */
    public static RunResult run(ConnectionFactory connections, int threads, Duration time,
                                Duration reportInterval, Workload workload, PrintStream out) {
        return run(connections, RunSettings.of(threads, time, reportInterval), workload, out);
    }

    /**
     * Runs {@code workload} as {@code settings} say, printing interval lines to {@code out}.
     *
     * @throws RunAbortedException on a non-ignored SQL error, a failed connection or
     *     initialisation, or an interrupt
     */
    public static RunResult run(ConnectionFactory connections, RunSettings settings, Workload workload,
                                PrintStream out) {
        int n = settings.threads();
        RunControl control = new RunControl(n);
        Recorder latencyUs = new Recorder(3);
        List<WorkerStats> stats = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            WorkerStats s = new WorkerStats();
            stats.add(s);
            Thread t = new Thread(new WorkerLoop(i, connections, workload, settings.ignoredErrors(),
                    settings.seed(), latencyUs, control, s), "bench-" + workload.name() + "-" + i);
            t.setDaemon(true);
            t.start();
        }
        try {
            control.awaitReady();
            if (control.failure() != null) {
                control.stop();
                control.awaitDone();
                throw control.failure();
            }
            Instant startedAt = Instant.now();
            long startNs = System.nanoTime();
            long endNs = startNs + settings.time().toNanos();
            IntervalSampler sampler = new IntervalSampler(stats, latencyUs, n, startNs);
            control.start(endNs);
            List<IntervalSample> intervals = report(settings.reportInterval().toNanos(), startNs, endNs,
                    control, sampler, out);
            control.awaitDone();
            double totalSec = (lastStopNs(stats, startNs) - startNs) / 1e9;
            if (control.failure() != null) {
                throw control.failure();
            }
            return result(workload.name(), startedAt, n, totalSec, stats, sampler.drainTotal(), intervals);
        } catch (InterruptedException e) {
            control.stop();
            Thread.currentThread().interrupt();
            throw new RunAbortedException("run of " + workload.name() + " interrupted", e);
        }
    }

    /** Prints a line at every interval boundary up to the end of the clock; stops early on abort. */
    private static List<IntervalSample> report(long intervalNs, long startNs, long endNs, RunControl control,
                                               IntervalSampler sampler, PrintStream out) throws InterruptedException {
        List<IntervalSample> intervals = new ArrayList<>();
        if (intervalNs <= 0) {
            return intervals;
        }
        for (long next = startNs + intervalNs; next - endNs <= 0; next += intervalNs) {
            control.awaitDone(next - System.nanoTime());
            if (control.failure() != null) {
                break;
            }
            IntervalSample sample = sampler.sample(next, System.nanoTime());
            intervals.add(sample);
            out.println(sample.toSysbenchLine());
        }
        return intervals;
    }

    /** The end of the run: when the last worker left its loop (closing connections is not timed). */
    private static long lastStopNs(List<WorkerStats> stats, long startNs) {
        long last = startNs;
        for (WorkerStats s : stats) {
            if (s.stoppedAtNs() != 0 && s.stoppedAtNs() - last > 0) {
                last = s.stoppedAtNs();
            }
        }
        return last;
    }

    private static RunResult result(String name, Instant startedAt, int n, double totalSec, List<WorkerStats> stats,
                                    Histogram latencyUs, List<IntervalSample> intervals) {
        long reads = 0;
        long writes = 0;
        long others = 0;
        long errors = 0;
        long[] events = new long[n];
        long[] busyNs = new long[n];
        for (int i = 0; i < n; i++) {
            WorkerStats s = stats.get(i);
            reads += s.queries().reads();
            writes += s.queries().writes();
            others += s.queries().others();
            errors += s.errors();
            events[i] = s.events();
            busyNs[i] = s.busyNs();
        }
        long transactions = 0;
        for (long e : events) {
            transactions += e;
        }
        return new RunResult(name, startedAt, n, totalSec, reads, writes, others, transactions, errors, 0,
                LatencySummary.ofMicros(latencyUs), Fairness.of(events, busyNs), List.copyOf(intervals),
                latencyUs.copy());
    }
}
