package io.boreal.bench.autoinc;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;

import io.boreal.actors.BorealDatabase;
import io.boreal.actors.SqlSession;
import io.boreal.actors.StatementResult;
import io.boreal.bench.LatencySummary;

/**
 * Concurrent single-row INSERTs without an id into an AUTO_INCREMENT table with one partition:
 * every insert meets the rightmost leaf of one tree, the hot spot where a tree that serializes
 * its splits makes everyone wait. The engine runs in-process and is driven through the async
 * {@link SqlSession} API, so 1,024 sessions need no 1,024 client threads: each session is a
 * closed loop ({@link InsertLoop}).
 *
 * <p>For each session count and each {@link AutoIncConfig} (switched by SQL on one database):
 * drop and create the table (a fresh tree), warm up, measure, check the table holds every
 * acknowledged insert; {@code runs} times, the median run reported.
 *
 * <p>Not thread-safe: one run at a time.
 */
public final class AutoIncBench {

    static final String TABLE = "autoinc_t";
    static final String CREATE = "CREATE TABLE " + TABLE + " (id BIGINT AUTO_INCREMENT PRIMARY KEY, k INT NOT NULL,"
            + " c VARCHAR(120) NOT NULL, pad VARCHAR(60) NOT NULL) PARTITION BY HASH(id) PARTITIONS 1";
    private static final long SETTLE_TIMEOUT_S = 300; // beyond the engine's statement timeout (120 s)

    private final AutoIncSettings settings;
    private final PrintStream progress;
    private final RowValues values;

    public AutoIncBench(AutoIncSettings settings, PrintStream progress) {
        this.settings = settings;
        this.progress = progress;
        this.values = new RowValues(settings.seed());
    }

    /** Runs every session count and configuration; the database lives only for the call. */
    public List<ConfigResult> run() throws Exception {
        Path tempDir = settings.fileMode() && settings.dir() == null ? Files.createTempDirectory("boreal-bench-autoinc") : null;
        Path dir = tempDir != null ? tempDir : settings.dir();
        Config config = settings.fileMode()
                ? BorealDatabase.fileConfig(dir).withValue("boreal.journal.file.fsync",
                        ConfigValueFactory.fromAnyRef(settings.fsync()))
                : BorealDatabase.memoryConfig("bench-autoinc-" + UUID.randomUUID());
        try (BorealDatabase db = BorealDatabase.start(config)) {
            SqlSession control = await(db.openSession("bench"));
            List<ConfigResult> results = new ArrayList<>();
            for (int sessions : settings.sessions()) {
                for (AutoIncConfig c : AutoIncConfig.values()) {
                    List<RunOutcome> runs = new ArrayList<>();
                    for (int r = 1; r <= settings.runs(); r++) {
                        RunOutcome outcome = runOnce(db, control, c, sessions);
                        progress.printf("  %5d sessions  %-20s run %d/%d: %,.0f inserts/s%s%n", sessions, c.label(), r,
                                settings.runs(), outcome.insertsPerSecond(),
                                outcome.errors() > 0 ? ", " + outcome.errors() + " errors: " + outcome.firstError() : "");
                        runs.add(outcome);
                    }
                    results.add(new ConfigResult(sessions, c, runs));
                }
            }
            await(control.close());
            return results;
        } finally {
            if (tempDir != null) {
                deleteRecursively(tempDir);
            }
        }
    }

    private RunOutcome runOnce(BorealDatabase db, SqlSession control, AutoIncConfig config, int sessionCount)
            throws Exception {
        for (String sql : config.switchStatements()) {
            execute(control, sql);
        }
        execute(control, "DROP TABLE IF EXISTS " + TABLE);
        execute(control, CREATE); // after the switch: the new tree is built in the new mode
        List<SqlSession> sessions = new ArrayList<>();
        for (int i = 0; i < sessionCount; i++) {
            sessions.add(await(db.openSession("bench-" + i)));
        }
        long startNs = System.nanoTime();
        long measureFromNs = startNs + settings.warmup().toNanos();
        MeasuredWindow window = new MeasuredWindow(measureFromNs, measureFromNs + settings.time().toNanos());
        List<CompletableFuture<Void>> loops = new ArrayList<>();
        for (SqlSession s : sessions) {
            loops.add(new InsertLoop(s, window, values).start());
        }
        parkUntil(window.measureFromNs());
        TreeDelta before = TreeDelta.reading(db.node().treeStats());
        parkUntil(window.endNs());
        TreeDelta tree = TreeDelta.reading(db.node().treeStats()).since(before);
        CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).get(SETTLE_TIMEOUT_S, TimeUnit.SECONDS);
        for (SqlSession s : sessions) {
            await(s.close());
        }
        StatementResult.Rows count = (StatementResult.Rows) execute(control, "SELECT COUNT(*) FROM " + TABLE);
        double windowSec = settings.time().toNanos() / 1e9;
        return new RunOutcome(window.measuredInserts() / windowSec, window.measuredInserts(), window.measuredErrors(),
                LatencySummary.ofMicros(window.latencyUs()), tree, window.totalInserts(),
                ((Number) count.rows().get(0)[0]).longValue(), window.firstError());
    }

    private static StatementResult execute(SqlSession session, String sql) throws Exception {
        return await(session.execute(sql, List.of()));
    }

    private static <T> T await(java.util.concurrent.CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(SETTLE_TIMEOUT_S, TimeUnit.SECONDS);
    }

    private static void parkUntil(long deadlineNs) {
        for (long left = deadlineNs - System.nanoTime(); left > 0; left = deadlineNs - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
