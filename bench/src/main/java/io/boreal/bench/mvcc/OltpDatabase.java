package io.boreal.bench.mvcc;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;

import io.boreal.actors.BorealDatabase;
import io.boreal.actors.SqlSession;
import io.boreal.bench.sysbench.OltpParams;
import io.boreal.bench.sysbench.SbtestSchema;
import io.boreal.storage.journal.JournalMetrics;

/**
 * A database the OLTP runs share: the engine in this process, a control session for the
 * switches and checks, and the sbtest tables.
 *
 * <p>Not thread-safe: used by the benchmark's thread only (the loops use their own sessions).
 */
final class OltpDatabase implements AutoCloseable {

    private final BorealDatabase db;
    private final SqlSession control;

    private OltpDatabase(BorealDatabase db, SqlSession control) {
        this.db = db;
        this.control = control;
    }

    /** A durable database under {@code dir}; {@code fsync} off skips the disk flush of group commits. */
    static OltpDatabase file(Path dir, boolean fsync) throws Exception {
        return start(BorealDatabase.fileConfig(dir)
                .withValue("boreal.journal.file.fsync", ConfigValueFactory.fromAnyRef(fsync)));
    }

    /** An in-memory database (its journal keeps every event on the heap: long runs grow it). */
    static OltpDatabase memory() throws Exception {
        return start(BorealDatabase.memoryConfig("bench-mvcc-" + UUID.randomUUID()));
    }

    private static OltpDatabase start(Config config) throws Exception {
        BorealDatabase db = BorealDatabase.start(config);
        try {
            return new OltpDatabase(db, Sql.await(db.openSession("bench")));
        } catch (Exception | Error e) {
            db.close();
            throw e;
        }
    }

    BorealDatabase database() {
        return db;
    }

    void prepare(OltpParams params, int partitions, long seed, PrintStream out) throws Exception {
        AsyncSbtestLoader.prepare(db, control, params, partitions, seed, out);
    }

    /** Switches the node's read views by SQL and checks that the node took it. */
    void switchTo(MvccMode mode) throws Exception {
        Sql.execute(control, mode.switchStatement());
        if (db.node().mvcc() != mode.engineMode()) {
            throw new IllegalStateException(mode.switchStatement() + " left boreal.mvcc at " + db.node().mvcc());
        }
    }

    /** {@code SHOW VARIABLES LIKE 'boreal.%'}: one {@code name = value} per switch. */
    List<String> switches() throws Exception {
        List<String> out = new ArrayList<>();
        for (Object[] row : Sql.query(control, "SHOW VARIABLES LIKE 'boreal.%'")) {
            out.add(row[0] + " = " + (row.length > 1 ? row[1] : ""));
        }
        return out;
    }

    /** Rows of {@code sbtest1..tables}. */
    long rows(int tables) throws Exception {
        long sum = 0;
        for (int t = 1; t <= tables; t++) {
            sum += ((Number) Sql.query(control, "SELECT COUNT(*) FROM " + SbtestSchema.tableName(t)).get(0)[0])
                    .longValue();
        }
        return sum;
    }

    /** Counters of every journal of the node, now. */
    JournalMetrics.Snapshot journal() {
        return JournalMetrics.get(db.node().system()).snapshot();
    }

    /** Transactions in the active list of the node's transaction system, now (takes its mutex once). */
    int listed() {
        return db.node().txns().activeList().size();
    }

    @Override
    public void close() throws Exception {
        try {
            Sql.await(control.close());
        } finally {
            db.close();
        }
    }
}
