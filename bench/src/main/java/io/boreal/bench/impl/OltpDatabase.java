package io.boreal.bench.impl;

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
 * A database the OLTP runs of an in-process benchmark share: the engine in this process, a
 * control session for the switches and checks, and the sbtest tables.
 *
 * <p>Not thread-safe: used by the benchmark's thread only (the loops use their own sessions).
 */
public final class OltpDatabase implements AutoCloseable {

    private final BorealDatabase db;
    private final SqlSession control;

    private OltpDatabase(BorealDatabase db, SqlSession control) {
        this.db = db;
        this.control = control;
    }

    /** A durable database under {@code dir}; {@code fsync} off skips the disk flush of group commits. */
    public static OltpDatabase file(Path dir, boolean fsync) throws Exception {
        return start(BorealDatabase.fileConfig(dir)
                .withValue("boreal.journal.file.fsync", ConfigValueFactory.fromAnyRef(fsync)));
    }

    /**
     * An in-memory database named {@code namePrefix} and a random suffix (its journal keeps every
     * event on the heap: long runs grow it).
     */
    public static OltpDatabase memory(String namePrefix) throws Exception {
        return start(BorealDatabase.memoryConfig(namePrefix + UUID.randomUUID()));
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

    public BorealDatabase database() {
        return db;
    }

    public void prepare(OltpParams params, int partitions, long seed, PrintStream out) throws Exception {
        AsyncSbtestLoader.prepare(db, control, params, partitions, seed, out);
    }

    /** Runs one control statement (a switch, a check) on the control session. */
    public void execute(String sql) throws Exception {
        Sql.execute(control, sql);
    }

    /**
     * Has the engine parse and plan {@code sql} now (its plan cache is shared by every session
     * and emptied by any DDL), so that no measured statement pays for it.
     */
    public void plan(String sql) throws Exception {
        Sql.await(control.prepare(sql));
    }

    /** {@code SHOW VARIABLES LIKE 'boreal.%'}: one {@code name = value} per switch. */
    public List<String> switches() throws Exception {
        List<String> out = new ArrayList<>();
        for (Object[] row : Sql.query(control, "SHOW VARIABLES LIKE 'boreal.%'")) {
            out.add(row[0] + " = " + (row.length > 1 ? row[1] : ""));
        }
        return out;
    }

    /** The value {@code SHOW VARIABLES} gives the engine variable {@code name}, or null when it has none. */
    public String variable(String name) throws Exception {
        for (Object[] row : Sql.query(control, "SHOW VARIABLES LIKE '" + name + "'")) {
            if (name.equals(row[0])) {
                return row.length > 1 ? String.valueOf(row[1]) : "";
            }
        }
        return null;
    }

    /** Rows of {@code sbtest1..tables}. */
    public long rows(int tables) throws Exception {
        long sum = 0;
        for (int t = 1; t <= tables; t++) {
            sum += ((Number) Sql.query(control, "SELECT COUNT(*) FROM " + SbtestSchema.tableName(t)).get(0)[0])
                    .longValue();
        }
        return sum;
    }

    /** Counters of every journal of the node, now. */
    public JournalMetrics.Snapshot journal() {
        return JournalMetrics.get(db.node().system()).snapshot();
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
