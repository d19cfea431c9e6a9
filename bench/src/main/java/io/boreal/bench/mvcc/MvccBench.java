package io.boreal.bench.mvcc;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.boreal.actors.SqlSession;
import io.boreal.bench.impl.OltpDatabase;
import io.boreal.bench.impl.OltpEvent;
import io.boreal.bench.impl.OltpLoop;
import io.boreal.bench.impl.ScratchDir;
import io.boreal.bench.sysbench.OltpTest;

/**
 * The two MVCC modes of the engine in one process, in three parts:
 *
 * <ol>
 *   <li>sysbench OLTP tests at several session counts, cts against active_list, switched by
 *       {@code SET GLOBAL boreal.mvcc} on one database. The engine runs in-process and is driven
 *       through the async {@link SqlSession} API ({@link OltpLoop}), so 1,024 sessions need no
 *       1,024 client threads. After an unreported JVM warm-up, the modes alternate which goes
 *       first from one run (and configuration) to the next.</li>
 *   <li>Read-view cost with N transactions held open, on the node's transaction system
 *       ({@link ReadViewBench}).</li>
 *   <li>oltp_write_only on a file database with the journal's fsync on, then on another with
 *       it off: what durability costs once commits are grouped, and fsyncs per commit.</li>
 * </ol>
 *
 * <p>Not thread-safe: one run at a time.
 */
public final class MvccBench {

    private final MvccSettings settings;
    private final PrintStream progress;
    private final OltpRunner runner;

    public MvccBench(MvccSettings settings, PrintStream progress) {
        this.settings = settings;
        this.progress = progress;
        this.runner = new OltpRunner(settings);
    }

    /** Runs the selected parts; every database lives only for the call. */
    public MvccResults run() throws Exception {
        boolean needsDisk = settings.runs(MvccPart.DURABLE) || settings.runs(MvccPart.OLTP) && settings.fileMode();
        try (ScratchDir scratch = needsDisk ? ScratchDir.of(settings.dir(), "boreal-bench-mvcc") : null) {
            Path root = scratch != null ? scratch.path() : settings.dir();
            List<ReadViewResult> readViews = settings.runs(MvccPart.READ_VIEW) ? readViews() : List.of();
            List<OltpResult> oltp = settings.runs(MvccPart.OLTP) ? oltp(root) : List.of();
            List<DurableResult> durable = settings.runs(MvccPart.DURABLE) ? durable(root) : List.of();
            return new MvccResults(oltp, readViews, durable);
        }
    }

    private List<ReadViewResult> readViews() throws Exception {
        progress.println("Read views: begin + finish of one transaction, one thread, N transactions held open");
        try (OltpDatabase db = OltpDatabase.memory("bench-mvcc-")) { // no session runs: the node's transaction system is idle
            List<ReadViewResult> results = new ReadViewBench(settings, progress).run(db.database().node().txns());
            progress.println();
            return results;
        }
    }

    private List<OltpResult> oltp(Path root) throws Exception {
        progress.printf("OLTP: %s, %s storage%s%n", settings.tests().stream().map(OltpTest::sysbenchName).toList(),
                settings.fileMode() ? "file" : "mem", settings.fileMode() ? ", fsync " + onOff(settings.fsync()) : "");
        List<OltpResult> results = new ArrayList<>();
        try (OltpDatabase db = settings.fileMode() ? OltpDatabase.file(root.resolve("oltp"), settings.fsync())
                : OltpDatabase.memory("bench-mvcc-")) {
            db.prepare(settings.params(), settings.partitions(), settings.seed(), progress);
            progress.println("  switches: " + String.join(", ", db.switches()));
            warmUpJvm(db);
            int config = 0;
            for (OltpTest test : settings.tests()) {
                OltpEvent event = new OltpEvent(test, settings.params());
                for (int sessions : settings.sessions()) {
                    List<List<OltpOutcome>> byMode = List.of(new ArrayList<>(), new ArrayList<>());
                    for (int r = 1; r <= settings.runs(); r++) {
                        for (MvccMode mode : order(config + r)) {
                            OltpOutcome outcome = runner.runOnce(db, mode, event, sessions);
                            printRun(test.sysbenchName(), sessions, mode.label(), r, outcome);
                            byMode.get(mode.ordinal()).add(outcome);
                        }
                    }
                    for (MvccMode mode : MvccMode.values()) {
                        results.add(new OltpResult(test, sessions, mode, byMode.get(mode.ordinal())));
                    }
                    config++;
                }
            }
        }
        progress.println();
        return results;
    }

    /**
     * Both databases (fsync on, fsync off) are open at once; after one unreported run each, the
     * runs alternate which goes first, so neither side is measured colder or in a noisier minute.
     */
    private List<DurableResult> durable(Path root) throws Exception {
        progress.printf("Durable commit: oltp_write_only, %d sessions, cts, file journal%n", settings.durableSessions());
        OltpEvent event = new OltpEvent(OltpTest.OLTP_WRITE_ONLY, settings.params());
        int sessions = settings.durableSessions();
        try (OltpDatabase on = OltpDatabase.file(root.resolve("durable-fsync-on"), true);
             OltpDatabase off = OltpDatabase.file(root.resolve("durable-fsync-off"), false)) {
            on.prepare(settings.params(), settings.partitions(), settings.seed(), progress);
            off.prepare(settings.params(), settings.partitions(), settings.seed(), progress);
            for (OltpDatabase db : List.of(on, off)) {
                OltpOutcome o = runner.runOnce(db, MvccMode.CTS, event, sessions, settings.warmup().isZero()
                        ? settings.time() : settings.warmup());
                progress.printf(Locale.ROOT, "  JVM warm-up, not reported: fsync %s: %,.1f tps%n",
                        onOff(db == on), o.tps());
            }
            List<OltpOutcome> onRuns = new ArrayList<>();
            List<OltpOutcome> offRuns = new ArrayList<>();
            for (int r = 1; r <= settings.runs(); r++) {
                for (boolean fsync : r % 2 == 1 ? new boolean[] {true, false} : new boolean[] {false, true}) {
                    OltpOutcome outcome = runner.runOnce(fsync ? on : off, MvccMode.CTS, event, sessions);
                    printRun("oltp_write_only", sessions, "fsync " + onOff(fsync), r, outcome);
                    (fsync ? onRuns : offRuns).add(outcome);
                }
            }
            progress.println();
            return List.of(new DurableResult(true, sessions, onRuns), new DurableResult(false, sessions, offRuns));
        }
    }

    /**
     * A fresh JVM runs its first seconds interpreted: one unreported run per mode, of the first
     * test at the most sessions, so that no measured configuration pays for the JIT.
     */
    private void warmUpJvm(OltpDatabase db) throws Exception {
        OltpEvent event = new OltpEvent(settings.tests().get(0), settings.params());
        int sessions = settings.sessions().stream().max(Integer::compare).orElseThrow();
        for (MvccMode mode : MvccMode.values()) {
            OltpOutcome o = runner.runOnce(db, mode, event, sessions, settings.warmup().isZero()
                    ? settings.time() : settings.warmup());
            progress.printf(Locale.ROOT, "  JVM warm-up, not reported: %s, %d sessions, %s: %,.1f tps%n",
                    event.test().sysbenchName(), sessions, mode.label(), o.tps());
        }
    }

    /** Alternates which mode goes first, across runs and configurations: neither always meets the warmer database. */
    private static List<MvccMode> order(int turn) {
        return turn % 2 == 1 ? List.of(MvccMode.CTS, MvccMode.ACTIVE_LIST) : List.of(MvccMode.ACTIVE_LIST, MvccMode.CTS);
    }

    private void printRun(String test, int sessions, String config, int run, OltpOutcome o) {
        progress.printf(Locale.ROOT, "  %-16s %5d sessions  %-12s run %d/%d: %,9.1f tps, p99 %.1f ms, %.3f fsyncs/commit"
                        + "%s%s%n", test, sessions, config, run, settings.runs(), o.tps(), o.latency().p99Ms(),
                o.fsyncsPerCommit(), o.errors() > 0 ? ", " + o.errors() + " errors (" + o.firstError() + ")" : "",
                o.rows() != settings.expectedRows()
                        ? ", WARNING: " + o.rows() + " rows, expected " + settings.expectedRows() : "");
    }

    private static String onOff(boolean on) {
        return on ? "on" : "off";
    }
}
