package io.boreal.actors.impl.plan;

import java.util.List;

import io.boreal.actors.impl.sql.Expr;
import io.boreal.storage.RowFold;

/**
 * An aggregate query's fold in each partition: the partition groups its rows and answers with one
 * partial row per group ({@link Groups#partials}), which the session merges; only the groups
 * cross, not the rows. Not used when an aggregate is DISTINCT.
 *
 * @param groupBy    the GROUP BY expressions over the row
 * @param aggregates the query's aggregate calls, none DISTINCT
 * @param params     the statement's parameters
 */
record PartialAggregate(List<Expr> groupBy, List<AggregateCall> aggregates, Object[] params) implements RowFold {

    @Override
    public List<Object[]> fold(List<Object[]> rows) {
        Groups groups = new Groups(aggregates, groupBy.size());
        for (Object[] row : rows) {
            groups.add(row, groupBy, params);
        }
        return groups.partials();
    }
}
