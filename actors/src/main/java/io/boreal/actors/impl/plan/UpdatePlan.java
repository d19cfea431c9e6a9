package io.boreal.actors.impl.plan;

import java.util.ArrayList;
import java.util.List;

import io.boreal.actors.impl.sql.Expr;
import io.boreal.actors.impl.sql.Values;
import io.boreal.storage.RowTransform;
import io.boreal.storage.WriteSpec;
import io.boreal.storage.schema.ColumnDef;
import io.boreal.storage.schema.TableDef;

/** UPDATE: the rows of the access path passing WHERE get the SET values (computed from the old row). */
public record UpdatePlan(TableDef table, AccessPath access, Expr where, List<Integer> setColumns, List<Expr> setValues,
                         int parameterCount, long catalogVersion) implements Plan, WritePlan {

    @Override
    public WriteSpec write(Target target, Object[] params) {
        int[] columns = new int[setColumns.size()];
        List<ColumnDef> targets = new ArrayList<>(columns.length);
        for (int i = 0; i < columns.length; i++) {
            columns[i] = setColumns.get(i);
            targets.add(table.columns().get(columns[i]));
        }
        return new WriteSpec.Update(target.spec(), new SetTransform(columns, setValues, targets, params));
    }

    /**
     * The SET list with its parameters: what a partition applies to each row. Data only (the
     * columns, their definitions, the compiled values), so that it crosses nodes.
     *
     * @param columns the positions set, in SET order
     * @param values  the value of each, computed from the old row
     * @param targets the definition of each column set, to coerce its value
     */
    record SetTransform(int[] columns, List<Expr> values, List<ColumnDef> targets, Object[] params)
            implements RowTransform {
        @Override
        public Object[] apply(Object[] row) {
            Object[] changed = row.clone();
            for (int i = 0; i < columns.length; i++) {
                changed[columns[i]] = Values.coerce(values.get(i).eval(row, params), targets.get(i));
            }
            return changed;
        }
    }
}
