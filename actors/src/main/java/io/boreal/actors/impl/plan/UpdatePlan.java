package io.boreal.actors.impl.plan;

import java.util.List;

import io.boreal.actors.impl.sql.Expr;
import io.boreal.actors.impl.sql.Values;
import io.boreal.storage.RowTransform;
import io.boreal.storage.WriteSpec;
import io.boreal.storage.schema.TableDef;

/** UPDATE: the rows of the access path passing WHERE get the SET values (computed from the old row). */
public record UpdatePlan(TableDef table, AccessPath access, Expr where, List<Integer> setColumns, List<Expr> setValues,
                         int parameterCount, long catalogVersion) implements Plan, WritePlan {

    @Override
    public WriteSpec write(Target target, Object[] params) {
        return new WriteSpec.Update(target.spec(), new SetTransform(this, params));
    }

    /** The SET list with its parameters: what a partition applies to each row. */
    private record SetTransform(UpdatePlan plan, Object[] params) implements RowTransform {
        @Override
        public Object[] apply(Object[] row) {
            Object[] changed = row.clone();
            for (int i = 0; i < plan.setColumns.size(); i++) {
                int column = plan.setColumns.get(i);
                Object value = plan.setValues.get(i).eval(row, params);
                changed[column] = Values.coerce(value, plan.table.columns().get(column));
            }
            return changed;
        }
    }
}
