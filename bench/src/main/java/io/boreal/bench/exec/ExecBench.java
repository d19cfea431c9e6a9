package io.boreal.bench.exec;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.boreal.actors.SqlSession;
import io.boreal.bench.impl.OltpDatabase;
import io.boreal.bench.impl.OltpEvent;
import io.boreal.bench.impl.ScratchDir;
import io.boreal.bench.sysbench.OltpTest;

/**
 * The engine's two execution modes in one process: sysbench's write tests at several session
 * counts, {@code boreal.execution_mode = async} against its thread-per-connection twin
 * {@code blocking}, switched by SQL on one database. The engine runs in-process and is driven
 * through the async {@link SqlSession} API, so 4,096 sessions need no 4,096 client threads: in
 * blocking mode the threads are the engine's own, one per session, as the twin has them.
 *
 * <p>After one unreported run per mode to warm the JVM, every test and session count runs both
 * modes back to back, {@code runs} times, alternating which goes first from run to run and
 * configuration to configuration, so neither always meets the warmer (or the fuller) database.
 *
 * <p>Not thread-safe: one run at a time.
 */
public final class ExecBench {

    /** Sessions of the JVM warm-up runs (at most): enough to take every path, few enough to be quick. */
    private static final int WARM_UP_SESSIONS = 256;
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    private final ExecSettings settings;
    private final PrintStream progress;
    private final ExecRunner runner;
    /** Rows the sbtest tables hold now: the loaded ones plus every acknowledged oltp_insert. */
    private long expectedRows;

    public ExecBench(ExecSettings settings, PrintStream progress) {
        this.settings = settings;
        this.progress = progress;
        this.runner = new ExecRunner(settings, ProcCounters.linux(), progress);
    }

    /** Runs every test, session count and mode; the database lives only for the call. */
    public ExecResults run() throws Exception {
        try (ScratchDir scratch = settings.fileMode() ? ScratchDir.of(settings.dir(), "boreal-bench-exec") : null;
             OltpDatabase db = scratch != null ? OltpDatabase.file(scratch.path().resolve("exec"), settings.fsync())
                     : OltpDatabase.memory("bench-exec-")) {
            if (db.variable(ExecMode.VARIABLE) == null) {
                throw new IllegalStateException("this engine has no " + ExecMode.VARIABLE
                        + " (SHOW VARIABLES does not list it): build it with the execution-mode switch");
            }
            progress.printf("%s storage%s; %s%n", settings.fileMode() ? "file" : "mem",
                    settings.fileMode() ? ", fsync " + (settings.fsync() ? "on" : "off") : "",
                    settings.tests().stream().map(OltpTest::sysbenchName).toList());
            db.prepare(settings.params(), settings.partitions(), settings.seed(), progress);
            expectedRows = settings.loadedRows();
            for (String setting : settings.engineSettings()) {
                int eq = setting.indexOf('=');
                db.execute("SET GLOBAL " + setting.substring(0, eq) + " = '" + setting.substring(eq + 1) + "'");
            }
            progress.println("  switches: " + String.join(", ", db.switches()));
            warmUpJvm(db);
            List<ExecResult> results = new ArrayList<>();
            int config = 0;
            for (OltpTest test : settings.tests()) {
                OltpEvent event = new OltpEvent(test, settings.params());
                for (int sessions : settings.sessions()) {
                    List<List<ExecOutcome>> byMode = List.of(new ArrayList<>(), new ArrayList<>());
                    for (int r = 1; r <= settings.runs(); r++) {
                        for (ExecMode mode : order(config + r)) {
                            ExecOutcome outcome = runSide(db, mode, event, sessions, settings.time());
                            printRun(test, sessions, mode, r, outcome);
                            byMode.get(mode.ordinal()).add(outcome);
                        }
                    }
                    for (ExecMode mode : ExecMode.values()) {
                        results.add(new ExecResult(test, sessions, mode, byMode.get(mode.ordinal())));
                    }
                    config++;
                }
            }
            progress.println();
            return new ExecResults(results);
        }
    }

    /**
     * One run of one side. A test that adds rows (oltp_insert) starts each run from freshly loaded
     * tables: both sides insert into trees of the same size, and the heap does not fill with the
     * rows of earlier runs (the engine keeps every row in memory; some 60,000 inserts a second
     * over two dozen runs would outgrow a 2 GB heap). The reload's DDL empties the engine's plan
     * cache, so the test's statements are planned again before the sessions start: otherwise
     * thousands of sessions would all parse at once (in blocking mode, each on its own thread).
     */
    private ExecOutcome runSide(OltpDatabase db, ExecMode mode, OltpEvent event, int sessions, Duration time)
            throws Exception {
        if (ExecRunner.insertsRows(event.test())) {
            db.prepare(settings.params(), settings.partitions(), settings.seed(), QUIET);
            expectedRows = settings.loadedRows();
        }
        for (String sql : event.sqlTexts()) {
            db.plan(sql);
        }
        ExecOutcome outcome = runner.runOnce(db, mode, event, sessions, time, expectedRows);
        expectedRows = outcome.expectedRows();
        return outcome;
    }

    /**
     * A fresh JVM runs its first seconds interpreted: one unreported run per mode, of the first
     * test, so that no measured configuration pays for the JIT.
     */
    private void warmUpJvm(OltpDatabase db) throws Exception {
        OltpEvent event = new OltpEvent(settings.tests().get(0), settings.params());
        int sessions = Math.min(WARM_UP_SESSIONS, settings.sessions().stream().max(Integer::compare).orElseThrow());
        for (ExecMode mode : ExecMode.values()) {
            ExecOutcome o = runSide(db, mode, event, sessions, settings.time());
            progress.printf(Locale.ROOT, "  JVM warm-up, not reported: %s, %d sessions, %s: %,.1f tps%n",
                    event.test().sysbenchName(), sessions, mode.label(), o.tps());
        }
    }

    /** Alternates which mode goes first, across runs and configurations. */
    private static List<ExecMode> order(int turn) {
        return turn % 2 == 1 ? List.of(ExecMode.BLOCKING, ExecMode.ASYNC) : List.of(ExecMode.ASYNC, ExecMode.BLOCKING);
    }

    private void printRun(OltpTest test, int sessions, ExecMode mode, int run, ExecOutcome o) {
        progress.printf(Locale.ROOT, "  %-22s %5d sessions  %-8s run %d/%d: %,9.1f tps, p99 %.2f ms, p99.9 %.2f ms,"
                        + " %s proc cs/s, %s threads, gc %d ms%s%s%n", test.sysbenchName(), sessions, mode.label(), run,
                settings.runs(), o.tps(), o.latency().p99Ms(), o.latency().p999Ms(),
                ExecReport.format(o.switches().processPerSec(), "%,.0f"),
                o.switches().threads().map(String::valueOf).orElse("n/a"), o.gcMs(),
                o.errors() > 0 ? ", " + o.errors() + " errors (" + o.firstError() + ")" : "",
                o.rows() != o.expectedRows() ? ", WARNING: " + o.rows() + " rows, expected " + o.expectedRows() : "");
    }
}
