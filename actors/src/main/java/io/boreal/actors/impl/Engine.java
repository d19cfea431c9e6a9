package io.boreal.actors.impl;

import java.util.concurrent.ConcurrentHashMap;

import io.boreal.actors.impl.plan.Plan;
import io.boreal.actors.impl.plan.Planner;
import io.boreal.sharding.BorealNode;
import io.boreal.sharding.Catalog;
import io.boreal.storage.schema.TableDef;

/**
 * What every session of a node shares: the node, the planner and the plan cache, and the
 * references to partitions. Thread-safe; sessions call it from their own threads.
 */
public final class Engine {

    private static final int MAX_CACHED_PLANS = 10_000;

    private final BorealNode node;
    private final Planner planner;
    private final ConcurrentHashMap<String, Plan> plans = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, PartitionRef> partitions = new ConcurrentHashMap<>();

    public Engine(BorealNode node) {
        this.node = node;
        this.planner = new Planner(node.settings().partitions());
    }

    public BorealNode node() {
        return node;
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

    PartitionRef partition(TableDef table, int number) {
        String id = table.partitionId(number);
        return partitions.computeIfAbsent(id, i -> new PartitionRef(i, node.partition(i), node.localPartitions()));
    }
}
