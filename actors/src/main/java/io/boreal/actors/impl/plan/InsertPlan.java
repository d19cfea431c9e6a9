package io.boreal.actors.impl.plan;

import java.util.ArrayList;
import java.util.List;

import io.boreal.actors.impl.sql.Expr;
import io.boreal.actors.impl.sql.Values;
import io.boreal.storage.schema.ColumnDef;
import io.boreal.storage.schema.TableDef;

/**
 * INSERT … VALUES: each VALUES row becomes a full row (missing columns get their DEFAULT, the
 * AUTO_INCREMENT column its next value when missing or NULL), coerced to the column types.
 *
 * @param targetColumns for each VALUES position, the row position it fills
 * @param values  the VALUES rows (literals and parameters)
 */
public record InsertPlan(TableDef table, List<Integer> targetColumns, List<List<Expr>> values,
                         int parameterCount, long catalogVersion) implements Plan {

    /**
     * The rows for {@code params}; the AUTO_INCREMENT column is left null where it must be
     * generated ({@link #needsGeneratedKey}).
     */
    public List<Object[]> rows(Object[] params) {
        int auto = table.autoIncrementColumn();
        List<Object[]> rows = new ArrayList<>(values.size());
        for (List<Expr> tuple : values) {
            Object[] given = new Object[table.columns().size()];
            boolean[] present = new boolean[given.length];
            for (int i = 0; i < tuple.size(); i++) {
                given[targetColumns.get(i)] = tuple.get(i).eval(null, params);
                present[targetColumns.get(i)] = true;
            }
            Object[] row = new Object[given.length];
            for (int c = 0; c < row.length; c++) {
                ColumnDef column = table.columns().get(c);
                Object v = present[c] ? given[c] : column.defaultValue();
                row[c] = c == auto && v == null ? null : Values.coerce(v, column);
            }
            rows.add(row);
        }
        return rows;
    }

    public boolean needsGeneratedKey(Object[] row) {
        int auto = table.autoIncrementColumn();
        return auto >= 0 && row[auto] == null;
    }
}
