package io.boreal.actors.impl;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.boreal.actors.impl.plan.Plan;
import io.boreal.actors.impl.plan.Planner;
import io.boreal.sharding.BorealNode;
import io.boreal.sharding.Catalog;
import io.boreal.storage.EngineVariables;
import io.boreal.storage.schema.TableDef;

/**
 * What every session of a node shares: the node, the planner and the plan cache, the references
 * to partitions, and the statement gate ({@code boreal.thread_concurrency} and
 * {@code boreal.scheduler.aging_ms}, defined here).
 * Thread-safe; sessions call it from their own threads.
 */
public final class Engine {

    /** The name of the statement gate's cap. */
    public static final String THREAD_CONCURRENCY = "boreal.thread_concurrency";
    /** The name of the gate's aging limit: a statement queued this long goes first (0 = never). */
    public static final String SCHEDULER_AGING_MS = "boreal.scheduler.aging_ms";
    public static final String SCATTER_FOLD = "boreal.scatter_fold";

    private static final int MAX_CACHED_PLANS = 10_000;

    private final BorealNode node;
    private final Planner planner;
    private final ConcurrentHashMap<String, Plan> plans = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, PartitionRef> partitions = new ConcurrentHashMap<>();
    private final Admission admission;
    private final Execution execution;
    private final Authenticator authenticator;
    private final EngineVariables.Variable<Boolean> scatterFold;

    public Engine(BorealNode node) {
        this.node = node;
        this.execution = new Execution(node.variables(), node.system().settings().config());
        this.authenticator = new Authenticator(node.system().settings().config());
        this.planner = new Planner(node.settings().partitions());
        EngineVariables.Variable<Integer> threadConcurrency = node.variables().defineInt(THREAD_CONCURRENCY,
                node.system().settings().config().getString("boreal.thread-concurrency"),
                "statements of the node executing at once, others queue (innodb_thread_concurrency); 0 = unlimited",
                0, 1_000_000);
        EngineVariables.Variable<Integer> agingMs = node.variables().defineInt(SCHEDULER_AGING_MS,
                node.system().settings().config().getString("boreal.scheduler.aging-ms"),
                "a statement queued at the gate this long is admitted before any other (thread pool kickup);"
                        + " 0 = no aging",
                0, 3_600_000);
        this.scatterFold = node.variables().defineSwitch(SCATTER_FOLD,
                node.system().settings().config().getString("boreal.scatter-fold"),
                "queries over several partitions fold in each (partial aggregates, first rows by ORDER BY): on, or "
                        + "off (the twin: every row comes back to the session)");
        this.admission = new Admission(threadConcurrency::get,
                () -> TimeUnit.MILLISECONDS.toNanos(agingMs.get()), System::nanoTime);
    }

    public BorealNode node() {
        return node;
    }

    /** The execution switches: how a statement starting now waits. */
    Execution execution() {
        return execution;
    }

    /** Whether partitions fold what a query reads before they answer ({@code boreal.scatter_fold}). */
    boolean scatterFold() {
        return scatterFold.get();
    }

    /** Who may open a session ({@code boreal.users}). */
    Authenticator authenticator() {
        return authenticator;
    }

    /** Stops what the engine runs besides the node's actors. */
    public void close() {
        authenticator.close();
    }

    /** The node's statement gate. */
    public Admission admission() {
        return admission;
    }

    /**
     * The plan of {@code sql} for the current catalog: parsed once per text and catalog version.
     * A statement's text is its cache key, so prepared statements and repeated plain statements
     * both skip parsing.
     */
    public Plan plan(String sql) {
        Catalog.Snapshot catalog = node.catalog();
        Plan cached = plans.get(sql);
        if (cached != null && (cached.catalogVersion() == catalog.version() || cached.catalogVersion() == 0)) {
            return cached;
        }
        Plan plan = planner.plan(sql, catalog);
        if (plans.size() >= MAX_CACHED_PLANS) {
            plans.clear();
        }
        plans.put(sql, plan);
        return plan;
    }

    /** Drops the cached reference to a partition of a dropped table. */
    void forgetPartition(String partitionId) {
        partitions.remove(partitionId);
    }

    PartitionRef partition(TableDef table, int number) {
        String id = table.partitionId(number);
        return partitions.computeIfAbsent(id, i -> new PartitionRef(i, node.partition(i), node.localPartitions()));
    }
}
