package io.boreal.actors.impl.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.boreal.actors.impl.sql.Expr;
import io.boreal.actors.impl.sql.Values;
import io.boreal.storage.EngineException;
import io.boreal.storage.Key;
import io.boreal.storage.ReadSpec;
import io.boreal.storage.RowPredicate;
import io.boreal.storage.schema.ColumnDef;
import io.boreal.storage.schema.TableDef;

/**
 * How a statement reaches its rows: the partitions it visits and, in each, the key range of one
 * index. Chosen at plan time from the WHERE clause ({@link AccessPlanner}); turned into
 * {@link Target}s when the parameters are known.
 *
 * <ul>
 *   <li>points: the full primary key is fixed (= or IN): one lookup per key, each in its partition;</li>
 *   <li>range: a prefix of an index fixed by = and perhaps a range on the next column;</li>
 *   <li>scan: every row of the visited partitions.</li>
 * </ul>
 * Partitions are pruned to one when every partitioning column is fixed by =. The whole WHERE
 * clause is always applied as the filter: the access path only narrows what is looked at.
 *
 * @param points     for points: per key, one expression per primary-key column
 * @param index      for range: 0 = primary, i + 1 = secondary index i; -1 for a scan
 * @param prefix     for range: expressions fixing the index's leading columns
 * @param rangeColumn for range: the row position of the column after the prefix carrying
 *                   {@code lower}/{@code upper}, or -1
 * @param partitionValues expressions fixing every partitioning column, or null
 */
public record AccessPath(TableDef table, List<List<Expr>> points, int index, List<Expr> prefix,
                         int rangeColumn, Expr lower, boolean lowerInclusive, Expr upper, boolean upperInclusive,
                         List<Expr> partitionValues) {

    public boolean isPoints() {
        return points != null;
    }

    /** The partitions and reads this path makes for {@code params}; {@code limit} is per partition. */
    public List<Target> targets(Object[] params, RowPredicate filter, int limit) {
        List<Target> targets = new ArrayList<>();
        if (isPoints()) {
            Set<Key> seen = new HashSet<>();
            for (List<Expr> point : points) {
                Object[] values = bind(point, table.primaryKey(), params);
                if (values == null) {
                    continue; // a NULL key matches nothing
                }
                Key key = Key.of(values);
                if (!seen.add(key)) {
                    continue; // IN (1, 1): the row is read, and returned, once
                }
                targets.add(new Target(partitionOfKey(values), ReadSpec.primaryKey(key, filter)));
            }
            return targets;
        }
        Key from = null;
        Key to = null;
        if (index >= 0) {
            List<Integer> columns = index == 0 ? table.primaryKey() : table.indexes().get(index - 1).columns();
            Object[] fixed = bind(prefix, columns, params);
            if (fixed == null) {
                return targets;
            }
            from = Key.before(fixed);
            to = Key.after(fixed);
            if (rangeColumn >= 0) {
                ColumnDef column = table.columns().get(rangeColumn);
                if (lower != null) {
                    Object lo = lower.eval(null, params);
                    if (lo == null) {
                        return targets;
                    }
                    Object[] bound = append(fixed, Values.coerce(lo, column.type(), column.name()));
                    from = lowerInclusive ? Key.before(bound) : Key.after(bound);
                }
                if (upper != null) {
                    Object hi = upper.eval(null, params);
                    if (hi == null) {
                        return targets;
                    }
                    Object[] bound = append(fixed, Values.coerce(hi, column.type(), column.name()));
                    to = upperInclusive ? Key.after(bound) : Key.before(bound);
                }
            }
        }
        ReadSpec spec = new ReadSpec(Math.max(index, 0), from, to, filter, limit);
        if (partitionValues != null) {
            Object[] values = bind(partitionValues, table.partitioning().columns(), params);
            if (values != null) {
                targets.add(new Target(table.partitioning().partitionOfValues(values), spec));
            }
            return targets;
        }
        for (int p = 0; p < table.partitioning().count(); p++) {
            targets.add(new Target(p, spec));
        }
        return targets;
    }

    private int partitionOfKey(Object[] keyValues) {
        List<Integer> partitionColumns = table.partitioning().columns();
        Object[] values = new Object[partitionColumns.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = keyValues[table.primaryKey().indexOf(partitionColumns.get(i))];
        }
        return table.partitioning().partitionOfValues(values);
    }

    /** Evaluates and coerces to the columns' types; null when a value is NULL (matches nothing). */
    private Object[] bind(List<Expr> exprs, List<Integer> columns, Object[] params) {
        Object[] values = new Object[exprs.size()];
        for (int i = 0; i < values.length; i++) {
            Object v = exprs.get(i).eval(null, params);
            if (v == null) {
                return null;
            }
            ColumnDef column = table.columns().get(columns.get(i));
            try {
                values[i] = Values.coerce(v, column.type(), column.name());
            } catch (EngineException e) {
                if (e.sqlState().equals("22003")) {
                    return null; // out of the column's range: no row can match
                }
                throw e;
            }
        }
        return values;
    }

    private static Object[] append(Object[] prefix, Object last) {
        Object[] values = java.util.Arrays.copyOf(prefix, prefix.length + 1);
        values[prefix.length] = last;
        return values;
    }
}
