package io.boreal.actors.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

import io.boreal.actors.SqlSession;
import io.boreal.actors.StatementResult;
import io.boreal.actors.impl.plan.InsertPlan;
import io.boreal.actors.impl.sql.Values;
import io.boreal.sharding.AutoIncrements;
import io.boreal.storage.EngineException;
import io.boreal.storage.Partition;
import io.boreal.storage.TxnView;
import io.boreal.storage.WriteSpec;
import io.boreal.storage.schema.ColumnDef;
import io.boreal.storage.schema.TableDef;

/**
 * INSERT: builds the rows, gives AUTO_INCREMENT columns their values (from the node's
 * reserved blocks, usually without waiting), then writes each partition's rows.
 */
final class Inserts {

    private final Session session;
    private final Engine engine;
    private final Writes writes;

    Inserts(Session session, Engine engine, Writes writes) {
        this.session = session;
        this.engine = engine;
        this.writes = writes;
    }

    void run(InsertPlan plan, Object[] params, BiConsumer<StatementResult, Throwable> done) {
        List<Object[]> rows = plan.rows(params);
        withKeys(plan, rows, generated -> {
            List<Writes.Part> parts = new ArrayList<>();
            for (Map.Entry<Integer, List<Object[]>> group : StatementRunner.byPartition(plan.table(), rows).entrySet()) {
                parts.add(new Writes.Part(group.getKey(), new WriteSpec.Insert(group.getValue())));
            }
            if (parts.size() > 1 && !session.transactions.explicit()) {
                done.accept(null, EngineException.notSupported("this INSERT writes to " + parts.size()
                        + " partitions of " + plan.table().name() + "; until cross-partition commit lands, insert "
                        + "the rows one per statement (a JDBC batch sends them together)"));
                return;
            }
            writes.run(plan.table(), parts, (count, returned, error) -> done.accept(
                    error == null ? new StatementResult.UpdateCount(count, generated) : null, error));
        }, error -> done.accept(null, error));
    }

    /**
     * A batch of single-statement inserts in autocommit mode: every entry is its own transaction
     * and all are sent at once, so the partitions commit them in a few group commits.
     */
    void pipelined(InsertPlan plan, List<Object[]> paramSets, BiConsumer<long[], Throwable> done) {
        List<List<Object[]>> entries = new ArrayList<>(paramSets.size());
        List<Object[]> all = new ArrayList<>();
        try {
            for (Object[] params : paramSets) {
                List<Object[]> rows = plan.rows(params);
                entries.add(rows);
                all.addAll(rows);
            }
        } catch (EngineException e) {
            done.accept(null, new SqlSession.BatchFailure(new long[0], e));
            return;
        }
        withKeys(plan, all, generated -> {
            TableDef table = plan.table();
            List<Session.Request> requests = new ArrayList<>(entries.size());
            for (List<Object[]> rows : entries) {
                Map<Integer, List<Object[]>> groups = StatementRunner.byPartition(table, rows);
                if (groups.size() != 1) {
                    done.accept(null, new SqlSession.BatchFailure(new long[0], EngineException.notSupported(
                            "a batch entry that inserts into several partitions is not supported yet")));
                    return;
                }
                int partition = groups.keySet().iterator().next();
                TxnView view = TxnView.latest(engine.node().timestamps().nextTransactionId());
                requests.add(new Session.Request(engine.partition(table, partition),
                        tag -> new Partition.Write(tag, view, new WriteSpec.Insert(rows), true, session.replies)));
            }
            session.send(requests, replies -> {
                long[] counts = new long[replies.length];
                for (int i = 0; i < replies.length; i++) {
                    if (replies[i] instanceof Partition.Failed f) {
                        done.accept(null, new SqlSession.BatchFailure(java.util.Arrays.copyOf(counts, i), f.error()));
                        return;
                    }
                    counts[i] = ((Partition.Written) replies[i]).count();
                }
                done.accept(counts, null);
            });
        }, error -> done.accept(null, new SqlSession.BatchFailure(new long[0], StatementRunner.asEngine(error))));
    }

    /**
     * Fills the AUTO_INCREMENT column where it is missing and moves the counter past values
     * given explicitly; then runs {@code then} with the generated values, in row order.
     */
    private void withKeys(InsertPlan plan, List<Object[]> rows, java.util.function.Consumer<List<Object>> then,
                          java.util.function.Consumer<Throwable> failed) {
        TableDef table = plan.table();
        int auto = table.autoIncrementColumn();
        if (auto < 0) {
            then.accept(List.of());
            return;
        }
        int missing = 0;
        long maxGiven = 0;
        for (Object[] row : rows) {
            if (row[auto] == null) {
                missing++;
            } else {
                maxGiven = Math.max(maxGiven, ((Number) row[auto]).longValue());
            }
        }
        AutoIncrements counters = engine.node().autoIncrements();
        long reserved = engine.node().catalog().autoIncrementReserved().getOrDefault(table.id(), 0L);
        CompletionStage<Void> observed = maxGiven > 0
                ? counters.observe(table.id(), reserved, maxGiven) : CompletableFuture.completedFuture(null);
        CompletionStage<Long> allocated = missing > 0
                ? counters.allocate(table.id(), reserved, missing) : CompletableFuture.completedFuture(0L);
        CompletableFuture<Long> both = observed.toCompletableFuture().thenCombine(allocated, (a, first) -> first);
        if (both.isDone() && !both.isCompletedExceptionally()) {
            then.accept(fill(table, auto, rows, both.join()));
            return;
        }
        session.await(both, (first, error) -> {
            if (error != null) {
                failed.accept(error);
            } else {
                then.accept(fill(table, auto, rows, first));
            }
        });
    }

    private static List<Object> fill(TableDef table, int auto, List<Object[]> rows, long first) {
        ColumnDef column = table.columns().get(auto);
        List<Object> generated = new ArrayList<>();
        long next = first;
        for (Object[] row : rows) {
            if (row[auto] == null) {
                row[auto] = Values.coerce(next++, column.type(), column.name());
                generated.add(row[auto]);
            }
        }
        return generated;
    }
}
