package io.boreal.actors.impl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import io.boreal.actors.SqlSession;
import io.boreal.actors.StatementResult;
import io.boreal.actors.impl.plan.ControlPlan;
import io.boreal.actors.impl.plan.DdlPlan;
import io.boreal.actors.impl.plan.InsertPlan;
import io.boreal.actors.impl.plan.PartitionsPlan;
import io.boreal.actors.impl.plan.Plan;
import io.boreal.actors.impl.plan.SelectPlan;
import io.boreal.actors.impl.plan.Target;
import io.boreal.actors.impl.plan.VariablePlan;
import io.boreal.actors.impl.plan.WritePlan;
import io.boreal.sharding.Catalog;
import io.boreal.sharding.PartitionPlacement;
import io.boreal.storage.EngineException;
import io.boreal.storage.EngineVariables;
import io.boreal.storage.Partition;
import io.boreal.storage.RowFold;
import io.boreal.storage.TxnView;
import io.boreal.storage.WriteSpec;
import io.boreal.storage.schema.TableDef;

/**
 * Runs a session's statements: plans them (through the engine's cache) and drives each kind
 * through its messages. Every path ends in exactly one call of the statement's callback.
 *
 * <p>Hot path: point selects and single-row writes go through {@link #select} and {@link Writes}.
 */
final class StatementRunner {

    /** How long a transaction's first query takes fresh snapshots while partitions refuse older ones. */
    private static final long FRESH_SNAPSHOT_RETRIES_NS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    /** How long SHOW PARTITIONS waits for the shard regions of the cluster. */
    private static final java.time.Duration PLACEMENT_TIMEOUT = java.time.Duration.ofSeconds(3);

    private final Session session;
    private final Engine engine;
    private final Writes writes;
    private final Inserts inserts;
    private final DdlRunner ddl;

    StatementRunner(Session session, Engine engine) {
        this.session = session;
        this.engine = engine;
        this.writes = new Writes(session, engine);
        this.inserts = new Inserts(session, engine, writes);
        this.ddl = new DdlRunner(session, engine);
    }

    void execute(String sql, List<?> params, BiConsumer<StatementResult, Throwable> done) {
        Plan plan;
        Object[] values;
        try {
            plan = engine.plan(sql);
            values = parameters(plan, params);
        } catch (EngineException e) {
            done.accept(null, e);
            return;
        }
        session.admit(gated(plan), () -> run(plan, values, finishing(done)));
    }

    void prepare(String sql, BiConsumer<SqlSession.PreparedInfo, Throwable> done) {
        try {
            Plan plan = engine.plan(sql);
            done.accept(new SqlSession.PreparedInfo(plan.parameterCount(), plan.columns()), null);
        } catch (EngineException e) {
            done.accept(null, e);
        }
    }

    /**
     * A batch: in autocommit mode an INSERT's entries are sent together (each its own
     * transaction, group-committed by the partitions); anything else runs entry by entry.
     */
    void executeBatch(String sql, List<List<?>> paramSets, BiConsumer<long[], Throwable> done) {
        Plan plan;
        List<Object[]> sets = new ArrayList<>(paramSets.size());
        try {
            plan = engine.plan(sql);
            for (List<?> params : paramSets) {
                sets.add(parameters(plan, params));
            }
        } catch (EngineException e) {
            done.accept(null, new SqlSession.BatchFailure(new long[0], e));
            return;
        }
        // A batch is one client's unit of work: it passes the gate once, as one InnoDB thread would.
        session.admit(gated(plan), () -> {
            if (plan instanceof InsertPlan insert && !session.transactions.explicit()) {
                inserts.pipelined(insert, sets, done);
            } else {
                runEntry(plan, sets, 0, new long[sets.size()], done);
            }
        });
    }

    /**
     * Whether a statement passes the node's gate. Transaction control (COMMIT and ROLLBACK, and
     * BEGIN and SET autocommit, which commit) must not wait: it frees the locks admitted
     * statements may be waiting for. SET GLOBAL and SHOW VARIABLES must not wait either, so the
     * cap can always be raised.
     */
    private static boolean gated(Plan plan) {
        return !(plan instanceof ControlPlan || plan instanceof VariablePlan || plan instanceof PartitionsPlan);
    }

    private void runEntry(Plan plan, List<Object[]> sets, int i, long[] counts, BiConsumer<long[], Throwable> done) {
        if (i == sets.size()) {
            done.accept(counts, null);
            return;
        }
        run(plan, sets.get(i), finishing((result, error) -> {
            if (error != null) {
                done.accept(null, new SqlSession.BatchFailure(java.util.Arrays.copyOf(counts, i), asEngine(error)));
                return;
            }
            counts[i] = result instanceof StatementResult.UpdateCount u ? u.count() : 0;
            runEntry(plan, sets, i + 1, counts, done);
        }));
    }

    /** Ends an autocommit statement's transaction and rolls back a doomed one before answering. */
    private BiConsumer<StatementResult, Throwable> finishing(BiConsumer<StatementResult, Throwable> done) {
        return (result, error) -> {
            if (error != null) {
                session.transactions.rollbackIfDoomed(error);
            }
            session.transactions.statementDone();
            done.accept(result, error);
        };
    }

    private void run(Plan plan, Object[] params, BiConsumer<StatementResult, Throwable> done) {
        if (plan instanceof SelectPlan select && !select.forUpdate() && !session.transactions.running()) {
            runFirstQuery(select, params, System.nanoTime() + FRESH_SNAPSHOT_RETRIES_NS, done);
        } else if (plan instanceof SelectPlan || plan instanceof InsertPlan || plan instanceof WritePlan) {
            session.transactions.beforeFirstStatement(() -> runNow(plan, params, done));
        } else {
            runNow(plan, params, done);
        }
    }

    /**
     * A query that begins its transaction. Refused for a snapshot too old — a partition that
     * moved to another node refuses snapshots taken before it recovered there — it has read
     * nothing, so it runs again at a fresh snapshot (until {@code untilNs}) instead of failing
     * with 40001: a client sees the move as a short wait.
     */
    private void runFirstQuery(SelectPlan plan, Object[] params, long untilNs, BiConsumer<StatementResult, Throwable> done) {
        session.transactions.beforeFirstStatement(() -> runNow(plan, params, (result, error) -> {
            if (error instanceof EngineException e && e.isSnapshotTooOld() && System.nanoTime() < untilNs
                    && session.transactions.restartUnused()) {
                runFirstQuery(plan, params, untilNs, done);
            } else {
                done.accept(result, error);
            }
        }));
    }

    private void runNow(Plan plan, Object[] params, BiConsumer<StatementResult, Throwable> done) {
        try {
            if (plan instanceof SelectPlan select) {
                select(select, params, done);
            } else if (plan instanceof InsertPlan insert) {
                inserts.run(insert, params, done);
            } else if (plan instanceof WritePlan write) {
                write(write, params, done);
            } else if (plan instanceof ControlPlan control) {
                control(control, done);
            } else if (plan instanceof DdlPlan d) {
                // DDL commits the open transaction first, as in MySQL: CREATE INDEX waits for the
                // writes in flight on its table, which would otherwise include this session's own
                session.transactions.end(true, error -> {
                    if (error != null) {
                        done.accept(null, error);
                    } else {
                        ddl.run(d, done);
                    }
                });
            } else if (plan instanceof VariablePlan v) {
                variables(v, done);
            } else if (plan instanceof PartitionsPlan p) {
                partitions(p, done);
            }
        } catch (EngineException e) {
            done.accept(null, e);
        }
    }

    private void select(SelectPlan plan, Object[] params, BiConsumer<StatementResult, Throwable> done) {
        if (plan.table() == null) {
            done.accept(new StatementResult.Rows(plan.columns(), plan.shape(List.<Object[]>of(new Object[0]), params)), null);
            return;
        }
        List<Target> targets = plan.targets(params);
        if (plan.forUpdate() && session.transactions.explicit()) {
            List<Writes.Part> parts = new ArrayList<>();
            for (Target t : targets) {
                parts.add(new Writes.Part(t.partition(), new WriteSpec.Lock(t.spec())));
            }
            writes.run(plan.table(), parts, (count, rows, error) -> {
                if (error != null) {
                    done.accept(null, error);
                } else {
                    shaped(plan, rows, params, null, done);
                }
            });
            return;
        }
        Transactions txn = session.transactions;
        TxnView view = txn.view();
        RowFold fold = engine.scatterFold() ? plan.fold(params) : null;
        List<Session.Request> requests = new ArrayList<>(targets.size());
        for (Target t : targets) {
            boolean wroteHere = txn.changedRowsIn(plan.table().partitionId(t.partition()));
            requests.add(new Session.Request(engine.partition(plan.table(), t.partition()),
                    tag -> new Partition.Read(tag, view, t.spec(), session.replies(), fold, wroteHere)));
        }
        session.send(session.blocks(Execution.WaitPath.OTHER), requests, replies -> {
            List<Object[]> rows = new ArrayList<>();
            EngineException failure = null;
            for (Partition.Reply reply : replies) {
                if (reply instanceof Partition.Failed f) {
                    // a refusal to retry at a fresh snapshot only if no other error came with it
                    failure = failure == null || failure.isSnapshotTooOld() ? f.error() : failure;
                } else {
                    rows.addAll(((Partition.Rows) reply).rows());
                }
            }
            if (failure != null) {
                done.accept(null, failure);
                return;
            }
            shaped(plan, rows, params, fold, done);
        });
    }

    /**
     * The result rows from the rows read. Runs in a continuation, outside {@link #run}'s
     * catch: an error of the projection ({@code 1 / 'x'}) must reach {@code done} itself.
     */
    private static void shaped(SelectPlan plan, List<Object[]> rows, Object[] params, RowFold fold,
                               BiConsumer<StatementResult, Throwable> done) {
        StatementResult result;
        try {
            result = new StatementResult.Rows(plan.columns(), plan.shape(rows, params, fold));
        } catch (EngineException e) {
            done.accept(null, e);
            return;
        }
        done.accept(result, null);
    }

    private void write(WritePlan plan, Object[] params, BiConsumer<StatementResult, Throwable> done) {
        List<Writes.Part> parts = new ArrayList<>();
        for (Target t : plan.targets(params)) {
            parts.add(new Writes.Part(t.partition(), plan.write(t, params)));
        }
        writes.run(plan.table(), parts, (count, rows, error) ->
                done.accept(error == null ? StatementResult.UpdateCount.of(count) : null, error));
    }

    private void control(ControlPlan plan, BiConsumer<StatementResult, Throwable> done) {
        StatementResult ok = StatementResult.UpdateCount.of(0);
        Transactions txn = session.transactions;
        switch (plan.kind()) {
            case BEGIN -> txn.begin(error -> done.accept(ok, error));
            case COMMIT -> txn.end(true, error -> done.accept(ok, error));
            case ROLLBACK -> txn.end(false, error -> done.accept(ok, error));
            case SET_AUTOCOMMIT -> txn.setAutoCommit(
                    Map.of("1", true, "on", true, "true", true).getOrDefault(plan.value(), false),
                    error -> done.accept(ok, error));
            case SET_IGNORED -> done.accept(ok, null);
        }
    }

    /** SET GLOBAL and SHOW VARIABLES, on the node's registry; no partition involved. */
    private void variables(VariablePlan plan, BiConsumer<StatementResult, Throwable> done) {
        EngineVariables registry = engine.node().variables();
        if (plan instanceof VariablePlan.SetGlobal set) {
            registry.set(set.name(), set.value()); // EngineException (HY000, 22023) reaches the caller of run
            done.accept(StatementResult.UpdateCount.of(0), null);
        } else if (plan instanceof VariablePlan.Show show) {
            List<Object[]> rows = new ArrayList<>();
            for (EngineVariables.Variable<?> variable : registry.list()) {
                if (show.matches(variable.name())) {
                    rows.add(new Object[] {variable.name(), variable.text()});
                }
            }
            done.accept(new StatementResult.Rows(show.columns(), rows), null);
        }
    }

    /** SHOW PARTITIONS: the catalog's partitions, each with the node its shard runs on now. */
    private void partitions(PartitionsPlan plan, BiConsumer<StatementResult, Throwable> done) {
        Catalog.Snapshot catalog = engine.node().catalog();
        if (plan.table() != null && catalog.table(plan.table()) == null) {
            throw EngineException.unknownTable(plan.table());
        }
        PartitionPlacement placement = engine.node().placement();
        session.await(Execution.WaitPath.OTHER, placement.shardNodes(PLACEMENT_TIMEOUT), (nodes, error) -> {
            if (error != null) {
                done.accept(null, asEngine(error));
                return;
            }
            List<Object[]> rows = new ArrayList<>();
            for (TableDef table : new java.util.TreeMap<>(catalog.byName()).values()) {
                if (plan.table() != null && !plan.table().equals(table.name())) {
                    continue;
                }
                for (int p = 0; p < table.partitioning().count(); p++) {
                    String shard = placement.shardOf(table.partitionId(p));
                    rows.add(new Object[] {table.name(), p, shard, nodes.get(shard)});
                }
            }
            done.accept(new StatementResult.Rows(plan.columns(), rows), null);
        });
    }

    private static Object[] parameters(Plan plan, List<?> params) {
        if (params.size() < plan.parameterCount()) {
            throw new EngineException("07001", "the statement has " + plan.parameterCount()
                    + " parameters but " + params.size() + " were given");
        }
        return params.toArray();
    }

    static EngineException asEngine(Throwable error) {
        return error instanceof EngineException e ? e : EngineException.internal(String.valueOf(error), error);
    }

    /** Groups rows by the partition they belong to, keeping their order within each. */
    static Map<Integer, List<Object[]>> byPartition(io.boreal.storage.schema.TableDef table, List<Object[]> rows) {
        Map<Integer, List<Object[]>> groups = new LinkedHashMap<>();
        for (Object[] row : rows) {
            groups.computeIfAbsent(table.partitioning().partitionOfRow(row), p -> new ArrayList<>()).add(row);
        }
        return groups;
    }
}
