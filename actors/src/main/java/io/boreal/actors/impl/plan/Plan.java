package io.boreal.actors.impl.plan;

import java.util.List;

import io.boreal.actors.ColumnInfo;

/**
 * A planned statement: immutable, shared by every session that runs the same text, valid while
 * the catalog is at {@link #catalogVersion()}.
 */
public sealed interface Plan permits SelectPlan, InsertPlan, UpdatePlan, DeletePlan, DdlPlan, ControlPlan, VariablePlan,
        PartitionsPlan {

    long catalogVersion();

    int parameterCount();

    /** The result columns of a query; empty for other statements. */
    default List<ColumnInfo> columns() {
        return List.of();
    }
}
