package io.boreal.bench.exec;

import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.HdrHistogram.Histogram;

import io.boreal.actors.SqlSession;
import io.boreal.bench.LatencySummary;
import io.boreal.bench.RunAbortedException;
import io.boreal.bench.impl.AsyncSessions;
import io.boreal.bench.impl.OltpDatabase;
import io.boreal.bench.impl.OltpEvent;
import io.boreal.bench.impl.OltpLoop;
import io.boreal.bench.impl.Sql;
import io.boreal.bench.sysbench.OltpStep;
import io.boreal.bench.sysbench.OltpTest;
import io.boreal.bench.sysbench.SbtestValues;

/**
 * One run of one side: switch the execution mode by SQL, wait until the previous side's
 * threads are gone, open the sessions, run their closed loops ({@link OltpLoop}) through warm-up
 * and the measured window with a progress line every report interval, read /proc at both ends
 * of the window, wait for the events in flight, close the sessions and count the rows.
 *
 * <pre>
 *   SET GLOBAL execution_mode ─ settle ─ open ─ warm-up ─┬─ window ─┬─ drain ─ close ─ COUNT(*)
 *                                                        │          │
 *                                                    /proc, GC  /proc, GC
 * </pre>
 *
 * <p>Not thread-safe: one run at a time.
 */
final class ExecRunner {

    /** JVM threads above the idle count that still count as settled (pools grow and shrink on their own). */
    private static final int SETTLE_SLACK = 8;
    private static final Duration SETTLE_STABLE = Duration.ofSeconds(1);
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);

    private final ExecSettings settings;
    private final PrintStream progress;
    private final ProcCounters proc;
    private final SplittableRandom seeds;
    private final ThreadMXBean jvmThreads = ManagementFactory.getThreadMXBean();
    /** JVM threads with no run going, counted before the first run; -1 until then. */
    private int idleThreads = -1;

    /** Whether each successful event of {@code test} adds a row (oltp_insert's AUTO_INCREMENT insert). */
    static boolean insertsRows(OltpTest test) {
        return test.steps().contains(OltpStep.AUTO_INC_INSERT);
    }

    ExecRunner(ExecSettings settings, ProcCounters proc, PrintStream progress) {
        this.settings = settings;
        this.proc = proc;
        this.progress = progress;
        this.seeds = new SplittableRandom(settings.seed());
    }

    /**
     * A run of {@code --warmup} seconds then a window of {@code time}, on tables holding
     * {@code expectedRows} rows before it.
     */
    ExecOutcome runOnce(OltpDatabase db, ExecMode mode, OltpEvent event, int sessionCount, Duration time,
                        long expectedRows) throws Exception {
        if (idleThreads < 0) {
            idleThreads = jvmThreads.getThreadCount();
        }
        switchTo(db, mode); // before the sessions open: every statement of the run starts in the new mode
        settle();
        List<SqlSession> sessions = AsyncSessions.open(db.database(), sessionCount, !event.test().transactional());
        long startNs = System.nanoTime();
        long measureFromNs = startNs + settings.warmup().toNanos();
        ExecWindow window = new ExecWindow(measureFromNs, measureFromNs + time.toNanos());
        List<CompletableFuture<Void>> loops = new ArrayList<>(sessionCount);
        for (SqlSession s : sessions) {
            SbtestValues values = new SbtestValues(seeds.split(), settings.params().tables(),
                    settings.params().tableSize());
            loops.add(new OltpLoop(s, event, values, window, settings.ignoredErrors(), ForkJoinPool.commonPool())
                    .start());
        }
        String label = String.format(Locale.ROOT, "%s %d sessions %s", event.test().sysbenchName(), sessionCount,
                mode.label());
        ProgressLine line = new ProgressLine(window, startNs, label);
        Watched watched = watch(window, line);
        drain(loops, window, line, label);
        AsyncSessions.closeAll(sessions);
        if (window.abortedBy() != null) {
            throw new RunAbortedException(label + " aborted: " + window.abortedBy(), null);
        }
        long inserted = insertsRows(event.test()) ? window.allSucceeded() : 0;
        long events = window.commits();
        return new ExecOutcome(events / (time.toNanos() / 1e9), events, window.errors(),
                LatencySummary.ofMicros(window.latencyUs()), watched.switches(), watched.gcMs(),
                db.rows(settings.params().tables()), expectedRows + inserted, window.firstError());
    }

    /** Switches the execution mode by SQL and checks that the engine took it. */
    private static void switchTo(OltpDatabase db, ExecMode mode) throws Exception {
        db.execute(mode.switchStatement());
        String now = db.variable(ExecMode.VARIABLE);
        if (!mode.label().equals(now)) {
            throw new IllegalStateException(mode.switchStatement() + " left " + ExecMode.VARIABLE + " at " + now);
        }
    }

    /**
     * Waits until the previous run's threads are gone (a blocking session's own thread ends once
     * the session is closed): until the JVM is back to its idle thread count, or its count has
     * stopped changing, or the timeout.
     */
    private void settle() {
        long startNs = System.nanoTime();
        int last = jvmThreads.getThreadCount();
        long stableSinceNs = startNs;
        while (last > idleThreads + SETTLE_SLACK) {
            long nowNs = System.nanoTime();
            if (nowNs - stableSinceNs >= SETTLE_STABLE.toNanos() || nowNs - startNs >= SETTLE_TIMEOUT.toNanos()) {
                progress.printf(Locale.ROOT, "  note: %d JVM threads before the run (%d when idle)%n", last,
                        idleThreads);
                return;
            }
            AsyncSessions.parkUntil(nowNs + TimeUnit.MILLISECONDS.toNanos(50));
            int now = jvmThreads.getThreadCount();
            if (now != last) {
                last = now;
                stableSinceNs = System.nanoTime();
            }
        }
    }

    /** What the window's two readings say: context switches and threads, and the collectors' time. */
    private record Watched(ContextSwitches switches, long gcMs) {
    }

    /**
     * Parks the benchmark's thread through warm-up and window: a progress line at every report
     * interval, a /proc and GC reading at each end of the window.
     */
    private Watched watch(ExecWindow window, ProgressLine line) {
        long intervalNs = settings.reportInterval().toNanos();
        long nextTickNs = line.nextTickNs();
        ProcCounters.Sample from = null;
        long gcFromMs = 0;
        while (true) {
            long edgeNs = from == null ? window.measureFromNs() : window.endNs();
            AsyncSessions.parkUntil(Math.min(nextTickNs, edgeNs));
            long nowNs = System.nanoTime();
            ProcCounters.Sample to = null;
            if (nowNs - edgeNs >= 0) {
                if (from == null) {
                    gcFromMs = gcMs();
                    from = proc.sample();
                } else {
                    to = proc.sample();
                }
            }
            if (nowNs - nextTickNs >= 0) {
                line.print(nextTickNs, nowNs);
                nextTickNs += intervalNs;
            }
            if (to != null) {
                return new Watched(ProcCounters.between(from, to), gcMs() - gcFromMs);
            }
        }
    }

    /** Milliseconds every collector of the JVM has taken so far. */
    private static long gcMs() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }

    /**
     * Waits for the events in flight when the window closed, with a progress line every report
     * interval. The engine answers every statement within its statement timeout (120 s), so
     * sessions still in an event {@value Sql#TIMEOUT_S} s later mean a hang: the run fails,
     * saying how many.
     */
    private void drain(List<CompletableFuture<Void>> loops, ExecWindow window, ProgressLine line, String label)
            throws Exception {
        CompletableFuture<Void> all = CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new));
        long deadlineNs = window.endNs() + TimeUnit.SECONDS.toNanos(Sql.TIMEOUT_S);
        long intervalNs = settings.reportInterval().toNanos();
        long nextTickNs = intervalNs > 0 ? line.nextTickNs() : deadlineNs;
        while (!all.isDone()) {
            long nowNs = System.nanoTime();
            if (nowNs - deadlineNs >= 0) {
                throw new RunAbortedException(String.format(Locale.ROOT, "%s: %d of %d sessions still in an event"
                        + " %d s after the window closed (the engine did not answer)", label, unfinished(loops),
                        loops.size(), Sql.TIMEOUT_S), null);
            }
            if (nowNs - nextTickNs >= 0) {
                progress.printf(Locale.ROOT, "  [ %4.0fs ] %-44s draining: %d of %d sessions still in their last"
                        + " event%n", (nextTickNs - line.startNs) / 1e9, label, unfinished(loops), loops.size());
                nextTickNs += intervalNs;
            }
            try {
                all.get(Math.max(1, Math.min(nextTickNs, deadlineNs) - nowNs), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // not yet: report or give up above
            }
        }
        all.get(); // a loop that failed rethrows here
    }

    private static long unfinished(List<CompletableFuture<Void>> loops) {
        return loops.stream().filter(f -> !f.isDone()).count();
    }

    /** sysbench's live line, over the interval since the previous one. Benchmark thread only. */
    private final class ProgressLine {
        private final ExecWindow window;
        private final long startNs;
        private final String label;
        private long lastNs;
        private long lastSucceeded;
        private long lastFailed;
        private Optional<Long> lastSystemSwitches;
        private Histogram latencyUs;

        ProgressLine(ExecWindow window, long startNs, String label) {
            this.window = window;
            this.startNs = startNs;
            this.label = label;
            this.lastNs = startNs;
            this.lastSystemSwitches = proc.systemSwitches();
        }

        /** The first report boundary after the last line printed; never when lines are off. */
        long nextTickNs() {
            long intervalNs = settings.reportInterval().toNanos();
            if (intervalNs <= 0) {
                return Long.MAX_VALUE;
            }
            long elapsed = lastNs - startNs;
            return startNs + (elapsed / intervalNs + 1) * intervalNs;
        }

        void print(long boundaryNs, long nowNs) {
            double sec = Math.max(1e-9, (nowNs - lastNs) / 1e9);
            long succeeded = window.allSucceeded();
            long failed = window.allFailed();
            latencyUs = window.intervalLatencyUs(latencyUs);
            Optional<Long> systemSwitches = proc.systemSwitches();
            Optional<Double> csPerSec = lastSystemSwitches.flatMap(a -> systemSwitches.map(b -> (b - a) / sec));
            progress.printf(Locale.ROOT, "  [ %4.0fs ] %-44s tps: %9.1f lat (ms,95%%/99%%): %7.2f/%7.2f err/s: %6.1f"
                            + " cs/s (system): %9s threads: %5s%s%n",
                    (boundaryNs - startNs) / 1e9, label, (succeeded - lastSucceeded) / sec,
                    LatencySummary.percentileMs(latencyUs, 95), LatencySummary.percentileMs(latencyUs, 99),
                    (failed - lastFailed) / sec, ExecReport.format(csPerSec, "%,.0f"),
                    proc.threads().map(String::valueOf).orElse("n/a"),
                    boundaryNs - window.measureFromNs() <= 0 ? " (warm-up)" : "");
            lastNs = nowNs;
            lastSucceeded = succeeded;
            lastFailed = failed;
            lastSystemSwitches = systemSwitches;
        }
    }
}
