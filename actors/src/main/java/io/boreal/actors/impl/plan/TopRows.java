package io.boreal.actors.impl.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import io.boreal.actors.impl.sql.Expr;
import io.boreal.storage.Key;
import io.boreal.storage.RowFold;

/**
 * The first {@code count} rows by ORDER BY: a query's fold in each partition when it has ORDER
 * BY and LIMIT, so that each partition sends at most LIMIT + OFFSET rows and the session sorts
 * their union and cuts it. Also the session's own sort ({@link #sort}). Ties keep the order the
 * rows came in (a stable sort).
 *
 * @param orderBy    sort keys over the row
 * @param descending per key
 * @param count      how many rows to keep (LIMIT + OFFSET)
 * @param params     the statement's parameters
 */
record TopRows(List<Expr> orderBy, List<Boolean> descending, long count, Object[] params) implements RowFold {

    @Override
    public List<Object[]> fold(List<Object[]> rows) {
        List<Object[]> keys = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            Object[] k = new Object[orderBy.size()];
            for (int i = 0; i < k.length; i++) {
                k[i] = orderBy.get(i).eval(row, params);
            }
            keys.add(k);
        }
        List<Object[]> sorted = sort(rows, keys, descending);
        return sorted.size() <= count ? sorted : new ArrayList<>(sorted.subList(0, (int) count));
    }

    /** {@code rows} ordered by their {@code keys} (same positions), each key ascending or {@code descending}. */
    static List<Object[]> sort(List<Object[]> rows, List<Object[]> keys, List<Boolean> descending) {
        Integer[] order = new Integer[rows.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Comparator<Integer> byKeys = (a, b) -> {
            Object[] x = keys.get(a);
            Object[] y = keys.get(b);
            for (int i = 0; i < x.length; i++) {
                int c = Key.compareValues(x[i], y[i]);
                if (c != 0) {
                    return descending.get(i) ? -c : c;
                }
            }
            return 0;
        };
        Arrays.sort(order, byKeys);
        List<Object[]> sorted = new ArrayList<>(rows.size());
        for (int i : order) {
            sorted.add(rows.get(i));
        }
        return sorted;
    }
}
