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
import io.boreal.txn.SlotRelease;
import io.boreal.txn.TxnSystem;

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
            List<Integer> partitions = new ArrayList<>(entries.size());
            for (List<Object[]> rows : entries) {
                Map<Integer, List<Object[]>> groups = StatementRunner.byPartition(table, rows);
                if (groups.size() != 1) {
                    done.accept(null, new SqlSession.BatchFailure(new long[0], EngineException.notSupported(
                            "a batch entry that inserts into several partitions cannot be pipelined; run it as a "
                                    + "statement of its own")));
                    return;
                }
                partitions.add(groups.keySet().iterator().next());
            }
            TxnSystem txns = engine.node().txns();
            List<Session.Request> requests = new ArrayList<>(entries.size());
            boolean reportProgress = session.holdsPermit(); // a lock wait gives the batch's permit back
            long[] ids = new long[entries.size()];
            for (int i = 0; i < entries.size(); i++) {
                List<Object[]> rows = entries.get(i);
                try {
                    ids[i] = txns.begin(engine.node().mvcc()).id();
                } catch (IllegalStateException noSlot) {
                    for (int begun = 0; begun < i; begun++) {
                        txns.finish(ids[begun]);
                    }
                    done.accept(null, new SqlSession.BatchFailure(new long[0], new EngineException("53000",
                            "too many transactions open at once for this batch: " + noSlot.getMessage())));
                    return;
                }
                TxnView view = TxnView.latest(ids[i]);
                requests.add(new Session.Request(engine.partition(table, partitions.get(i)),
                        tag -> new Partition.Write(tag, view, new WriteSpec.Insert(rows), true, session.replies(),
                                reportProgress)));
            }
            // Entries that commit in the round trip: they may wait for a lock, and for the redo log.
            boolean blocking = session.blocks(Execution.WaitPath.LOCK_WAIT) || session.blocks(Execution.WaitPath.LOG_FLUSH);
            session.send(blocking, requests, replies -> {
                long[] counts = new long[replies.length];
                EngineException failure = null;
                int failedAt = -1;
                for (int i = 0; i < replies.length; i++) {
                    if (replies[i] instanceof Partition.Written w) {
                        counts[i] = w.count(); // committed by the partition, which released the slot if on this node
                        txns.finish(ids[i]); // one of another node did not: it is ended here (a no-op otherwise)
                        continue;
                    }
                    // refused (nothing left behind) or timed out (the partition may still apply it): roll back
                    txns.tryAbort(ids[i]);
                    requests.get(i).to().tell(new Partition.Abort(ids[i], new SlotRelease(txns.log(), ids[i], 1)));
                    if (failure == null) {
                        failure = ((Partition.Failed) replies[i]).error();
                        failedAt = i;
                    }
                }
                if (failure != null) {
                    done.accept(null, new SqlSession.BatchFailure(java.util.Arrays.copyOf(counts, failedAt), failure));
                } else {
                    done.accept(counts, null);
                }
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
        session.await(Execution.WaitPath.OTHER, both, (first, error) -> {
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
