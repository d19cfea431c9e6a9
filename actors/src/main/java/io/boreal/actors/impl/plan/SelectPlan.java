package io.boreal.actors.impl.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.boreal.actors.ColumnInfo;
import io.boreal.actors.impl.sql.Expr;
import io.boreal.actors.impl.sql.Values;
import io.boreal.storage.EngineException;
import io.boreal.storage.RowFold;
import io.boreal.storage.schema.ColumnType;
import io.boreal.storage.schema.TableDef;

/**
 * A query: read the rows of {@link #access()} (filtered by WHERE in the partitions), then in the
 * session group and aggregate, project, DISTINCT, ORDER BY, OFFSET/LIMIT.
 *
 * @param table       null for a SELECT without FROM
 * @param access      how rows are reached (null without FROM)
 * @param where       the WHERE clause over the row, or null
 * @param groupBy     GROUP BY expressions over the row (empty: none)
 * @param aggregates  aggregate calls (empty: not an aggregate query)
 * @param projections the SELECT list, over the row (or the aggregated row)
 * @param orderBy     sort keys in the same context as the projections
 * @param descending  per sort key
 * @param limit       LIMIT expression or null
 * @param offset      OFFSET expression or null
 * @param forUpdate   SELECT … FOR UPDATE
 */
public record SelectPlan(TableDef table, AccessPath access, Expr where, List<Expr> groupBy,
                         List<AggregateCall> aggregates, List<Expr> projections, List<ColumnInfo> columns,
                         boolean distinct, List<Expr> orderBy, List<Boolean> descending, Expr limit, Expr offset,
                         boolean forUpdate, int parameterCount, long catalogVersion) implements Plan {

    public boolean isAggregate() {
        return !aggregates.isEmpty() || !groupBy.isEmpty();
    }

    /** The partitions to read and what to read in each. */
    public List<Target> targets(Object[] params) {
        return access.targets(params, BoundFilter.of(where, params), partitionLimit(params));
    }

    /** Rows each partition may stop after: only when nothing after the read reorders or folds them. */
    public int partitionLimit(Object[] params) {
        if (limit == null || isAggregate() || distinct || !orderBy.isEmpty()) {
            return -1;
        }
        long n = saturatedSum(rowCount(limit, params, "LIMIT"), rowCount(offset, params, "OFFSET"));
        return (int) Math.min(Integer.MAX_VALUE, n);
    }

    /**
     * What each partition makes of its rows before it answers, or null when it must send them
     * as they are: an aggregate query folds them into partial groups (unless an aggregate is
     * DISTINCT), a query with ORDER BY and LIMIT keeps its first LIMIT + OFFSET rows (unless
     * DISTINCT, which may need rows past them). {@link #shape} then merges the folded rows.
     */
    public RowFold fold(Object[] params) {
        if (isAggregate()) {
            return aggregates.stream().anyMatch(AggregateCall::distinct) ? null
                    : new PartialAggregate(groupBy, aggregates, params);
        }
        if (limit == null || distinct || orderBy.isEmpty()) {
            return null;
        }
        long keep = saturatedSum(rowCount(limit, params, "LIMIT"), rowCount(offset, params, "OFFSET"));
        return keep == Long.MAX_VALUE ? null : new TopRows(orderBy, descending, keep, params);
    }

    /** Turns the rows read from the partitions into the result rows. */
    public List<Object[]> shape(List<Object[]> rows, Object[] params) {
        return shape(rows, params, null);
    }

    /** Turns the rows the partitions answered, folded by {@code fold} (from {@link #fold}, or null), into the result rows. */
    public List<Object[]> shape(List<Object[]> rows, Object[] params, RowFold fold) {
        List<Object[]> input = isAggregate() ? aggregate(rows, params, fold instanceof PartialAggregate) : rows;
        List<Object[]> out = new ArrayList<>(input.size());
        List<Object[]> sortKeys = orderBy.isEmpty() ? null : new ArrayList<>(input.size());
        Set<List<Object>> seen = distinct ? new HashSet<>() : null;
        for (Object[] row : input) {
            Object[] projected = new Object[projections.size()];
            for (int i = 0; i < projected.length; i++) {
                projected[i] = projections.get(i).eval(row, params);
            }
            if (seen != null && !seen.add(Arrays.asList(projected))) {
                continue;
            }
            out.add(projected);
            if (sortKeys != null) {
                Object[] keys = new Object[orderBy.size()];
                for (int i = 0; i < keys.length; i++) {
                    keys[i] = orderBy.get(i).eval(row, params);
                }
                sortKeys.add(keys);
            }
        }
        if (sortKeys != null) {
            out = TopRows.sort(out, sortKeys, descending);
        }
        long skip = rowCount(offset, params, "OFFSET");
        long take = limit == null ? Long.MAX_VALUE : rowCount(limit, params, "LIMIT");
        int from = (int) Math.min(out.size(), skip);
        int to = (int) Math.min(out.size(), saturatedSum(from, take));
        return from == 0 && to == out.size() ? out : new ArrayList<>(out.subList(from, to));
    }

    private List<Object[]> aggregate(List<Object[]> rows, Object[] params, boolean partials) {
        Groups groups = new Groups(aggregates, groupBy.size());
        for (Object[] row : rows) {
            if (partials) {
                groups.mergePartial(row);
            } else {
                groups.add(row, groupBy, params);
            }
        }
        return groups.results();
    }

    /**
     * The value of a LIMIT or OFFSET: a non-negative integer, as in PostgreSQL. A NULL (or an
     * absent clause) limits nothing: no LIMIT, OFFSET 0. Anything else is the error PostgreSQL
     * gives: 2201W/2201X for a negative count, 22003 past BIGINT, 22018 for a non-number.
     */
    private static long rowCount(Expr e, Object[] params, String clause) {
        Object v = e == null ? null : e.eval(null, params);
        if (v == null) {
            return clause.equals("LIMIT") ? Long.MAX_VALUE : 0;
        }
        long n = (Long) Values.coerce(v, ColumnType.BIGINT, clause);
        if (n < 0) {
            throw new EngineException(clause.equals("LIMIT") ? "2201W" : "2201X", clause + " must not be negative: " + n);
        }
        return n;
    }

    private static long saturatedSum(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum; // both are non-negative: only overflow goes negative
    }
}
