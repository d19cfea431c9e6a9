package io.boreal.bench.sysbench;

import io.boreal.bench.ConnectionFactory;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * sysbench's {@code prepare}: drops and creates {@code sbtest1..N}, loads {@code tableSize} rows
 * into each (ids 1..tableSize, k uniform in [1, tableSize], random c and pad), then creates the
 * {@code k_N} indexes.
 *
 * <p>Rows go in as JDBC batches of single-row {@code INSERT}s ({@value #BATCH_ROWS} rows a batch,
 * autocommit on) from up to {@code loaders} connections in parallel, each loading its own id
 * range. The rows of a range depend only on the seed, the table and the range, not on which
 * loader runs it.
 */
public final class SbtestLoader {
    /** Rows per JDBC batch. */
    public static final int BATCH_ROWS = 1000;
    private static final long PROGRESS_EVERY_MS = 2000;

    private final ConnectionFactory connections;
    private final PrintStream out;

    public SbtestLoader(ConnectionFactory connections, PrintStream out) {
        this.connections = connections;
        this.out = out;
    }

    /**
     * Creates and loads the tables.
     *
     * @param partitions &gt; 0 appends {@code PARTITION BY HASH(id) PARTITIONS n} (a Boreal option)
     * @param loaders connections loading in parallel (&ge; 1)
     */
    public void prepare(OltpParams params, int partitions, int loaders, long seed) throws SQLException {
        try (Connection c = connections.open(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            for (int t = 1; t <= params.tables(); t++) {
                out.printf("Creating table '%s'...%n", SbtestSchema.tableName(t));
                s.execute(SbtestSchema.dropTable(t));
                s.execute(SbtestSchema.createTable(t, partitions));
            }
        }
        load(params, loaders, seed);
        List<LoaderPool.SqlTask> indexes = new ArrayList<>();
        for (int t = 1; t <= params.tables(); t++) {
            int table = t;
            out.printf("Creating a secondary index on '%s'...%n", SbtestSchema.tableName(t));
            indexes.add(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute(SbtestSchema.createIndex(table));
                }
            });
        }
        LoaderPool.run(connections, loaders, indexes, PROGRESS_EVERY_MS, () -> { });
    }

    private void load(OltpParams params, int loaders, long seed) throws SQLException {
        long total = (long) params.tables() * params.tableSize();
        if (total == 0) {
            return;
        }
        int rangesPerTable = Math.max(1, (loaders + params.tables() - 1) / params.tables());
        List<LoaderPool.SqlTask> tasks = new ArrayList<>();
        LongAdder loaded = new LongAdder();
        for (int t = 1; t <= params.tables(); t++) {
            out.printf("Inserting %d records into '%s'%n", params.tableSize(), SbtestSchema.tableName(t));
            long per = (params.tableSize() + rangesPerTable - 1) / rangesPerTable;
            for (long from = 1; from <= params.tableSize(); from += per) {
                int table = t;
                int first = (int) from;
                int last = (int) Math.min(params.tableSize(), from + per - 1);
                tasks.add(c -> loadRange(c, params, table, first, last, seed, loaded));
            }
        }
        long startNs = System.nanoTime();
        LoaderPool.run(connections, loaders, tasks, PROGRESS_EVERY_MS, () -> progress(loaded.sum(), total, startNs));
        double sec = (System.nanoTime() - startNs) / 1e9;
        out.printf(Locale.ROOT, "Loaded %d rows in %.1f s (%.0f rows/s) with %d connection(s)%n",
                total, sec, total / Math.max(sec, 1e-9), Math.min(loaders, tasks.size()));
    }

    private void progress(long done, long total, long startNs) {
        double sec = (System.nanoTime() - startNs) / 1e9;
        out.printf(Locale.ROOT, "  loaded %d/%d rows (%.0f%%), %.0f rows/s%n",
                done, total, 100.0 * done / total, done / Math.max(sec, 1e-9));
    }

    private static void loadRange(Connection c, OltpParams params, int table, int first, int last, long seed,
                                  LongAdder loaded) throws SQLException {
        SbtestValues values = new SbtestValues(new SplittableRandom(seed * 31 + table * 1_000_003L + first),
                params.tables(), params.tableSize());
        try (PreparedStatement ps = c.prepareStatement(SbtestSchema.loadInsert(table))) {
            int pending = 0;
            for (int id = first; id <= last; id++) {
                ps.setInt(1, id);
                ps.setInt(2, values.id());
                ps.setString(3, values.c());
                ps.setString(4, values.pad());
                ps.addBatch();
                if (++pending == BATCH_ROWS) {
                    ps.executeBatch();
                    loaded.add(pending);
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
                loaded.add(pending);
            }
        }
    }
}
