package io.boreal.bench.mvcc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

import io.boreal.actors.SqlSession;
import io.boreal.bench.LatencySummary;
import io.boreal.bench.RunAbortedException;
import io.boreal.bench.impl.AsyncSessions;
import io.boreal.bench.impl.OltpDatabase;
import io.boreal.bench.impl.OltpEvent;
import io.boreal.bench.impl.OltpLoop;
import io.boreal.bench.impl.Sql;
import io.boreal.bench.impl.TxnWindow;
import io.boreal.bench.sysbench.SbtestValues;
import io.boreal.storage.journal.JournalMetrics;

/**
 * One OLTP run: switch the read views by SQL, open the sessions (autocommit off), run their
 * closed loops ({@link OltpLoop}) through warm-up and the measured window, wait for the
 * transactions in flight, close the sessions and count the rows.
 *
 * <p>Not thread-safe: one run at a time.
 */
final class OltpRunner {

    private final MvccSettings settings;
    private final SplittableRandom seeds;

    OltpRunner(MvccSettings settings) {
        this.settings = settings;
        this.seeds = new SplittableRandom(settings.seed());
    }

    /** A run of {@code --warmup} then {@code --time} seconds. */
    OltpOutcome runOnce(OltpDatabase db, MvccMode mode, OltpEvent event, int sessionCount) throws Exception {
        return runOnce(db, mode, event, sessionCount, settings.time());
    }

    /** A run of {@code --warmup} seconds then a window of {@code time}. */
    OltpOutcome runOnce(OltpDatabase db, MvccMode mode, OltpEvent event, int sessionCount, Duration time)
            throws Exception {
        switchTo(db, mode); // before the sessions: every transaction of the run begins under the new mode
        List<SqlSession> sessions = AsyncSessions.open(db.database(), sessionCount, false);
        long startNs = System.nanoTime();
        long measureFromNs = startNs + settings.warmup().toNanos();
        TxnWindow window = new TxnWindow(measureFromNs, measureFromNs + time.toNanos());
        List<CompletableFuture<Void>> loops = new ArrayList<>();
        for (SqlSession s : sessions) {
            SbtestValues values = new SbtestValues(seeds.split(), settings.params().tables(),
                    settings.params().tableSize());
            loops.add(new OltpLoop(s, event, values, window, settings.ignoredErrors(), ForkJoinPool.commonPool())
                    .start());
        }
        AsyncSessions.parkUntil(window.measureFromNs());
        JournalMetrics.Snapshot before = db.journal();
        AsyncSessions.parkUntil(window.measureFromNs() + time.toNanos() / 2);
        int listedMid = listed(db);
        AsyncSessions.parkUntil(window.endNs());
        JournalMetrics.Snapshot journal = db.journal().minus(before);
        CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).get(Sql.TIMEOUT_S, TimeUnit.SECONDS);
        AsyncSessions.closeAll(sessions);
        if (window.abortedBy() != null) {
            throw new RunAbortedException(event.test().sysbenchName() + " at " + sessionCount + " sessions under "
                    + mode.label() + " aborted: " + window.abortedBy(), null);
        }
        long commits = window.commits();
        return new OltpOutcome(commits / (time.toNanos() / 1e9), commits, window.errors(),
                LatencySummary.ofMicros(window.latencyUs()), journal, listedMid,
                db.rows(settings.params().tables()), window.firstError());
    }

    /** Switches the node's read views by SQL and checks that the node took it. */
    private static void switchTo(OltpDatabase db, MvccMode mode) throws Exception {
        db.execute(mode.switchStatement());
        if (db.database().node().mvcc() != mode.engineMode()) {
            throw new IllegalStateException(mode.switchStatement() + " left boreal.mvcc at " + db.database().node().mvcc());
        }
    }

    /** Transactions in the active list of the node's transaction system, now (takes its mutex once). */
    private static int listed(OltpDatabase db) {
        return db.database().node().txns().activeList().size();
    }
}
