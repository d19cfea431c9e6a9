package io.boreal.bench.impl;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.boreal.actors.BorealDatabase;
import io.boreal.actors.SqlSession;
import io.boreal.bench.sysbench.OltpParams;
import io.boreal.bench.sysbench.SbtestLoader;
import io.boreal.bench.sysbench.SbtestSchema;
import io.boreal.bench.sysbench.SbtestValues;

/**
 * sysbench's prepare ({@link SbtestLoader}'s tables, rows and indexes) through the async
 * {@link SqlSession} API: drop and create {@code sbtest1..N}, load ids {@code 1..tableSize} as
 * autocommit batches of {@value SbtestLoader#BATCH_ROWS} single-row INSERTs from
 * {@value #LOADERS} sessions, then create the {@code k} indexes.
 */
public final class AsyncSbtestLoader {

    public static final int LOADERS = 4;

    private AsyncSbtestLoader() {
    }

    public static void prepare(BorealDatabase db, SqlSession control, OltpParams params, int partitions, long seed,
                        PrintStream out) throws Exception {
        for (int t = 1; t <= params.tables(); t++) {
            Sql.execute(control, SbtestSchema.dropTable(t));
            Sql.execute(control, SbtestSchema.createTable(t, partitions));
        }
        long startNs = System.nanoTime();
        List<SqlSession> loaders = new ArrayList<>();
        List<CompletableFuture<?>> chains = new ArrayList<>();
        for (int i = 0; i < LOADERS; i++) {
            loaders.add(Sql.await(db.openSession("bench-loader-" + i)));
            chains.add(CompletableFuture.completedFuture(null));
        }
        int batch = 0;
        for (int t = 1; t <= params.tables(); t++) {
            for (int first = 1; first <= params.tableSize(); first += SbtestLoader.BATCH_ROWS) {
                int table = t;
                int from = first;
                int to = Math.min(params.tableSize(), first + SbtestLoader.BATCH_ROWS - 1);
                int loader = batch++ % LOADERS;
                SqlSession s = loaders.get(loader);
                chains.set(loader, chains.get(loader).thenCompose(
                        v -> s.executeBatch(SbtestSchema.loadInsert(table), rows(params, table, from, to, seed))));
            }
        }
        CompletableFuture.allOf(chains.toArray(CompletableFuture[]::new)).get(Sql.TIMEOUT_S, TimeUnit.SECONDS);
        for (SqlSession s : loaders) {
            Sql.await(s.close());
        }
        for (int t = 1; t <= params.tables(); t++) {
            Sql.execute(control, SbtestSchema.createIndex(t));
        }
        double sec = (System.nanoTime() - startNs) / 1e9;
        out.printf(Locale.ROOT, "  loaded %d table(s) of %d rows and their k indexes in %.1f s%n", params.tables(),
                params.tableSize(), sec);
    }

    private static List<List<?>> rows(OltpParams params, int table, int first, int last, long seed) {
        SbtestValues values = new SbtestValues(new SplittableRandom(seed * 31 + table * 1_000_003L + first),
                params.tables(), params.tableSize());
        List<List<?>> rows = new ArrayList<>(last - first + 1);
        for (int id = first; id <= last; id++) {
            rows.add(List.of(id, values.id(), values.c(), values.pad()));
        }
        return rows;
    }
}
