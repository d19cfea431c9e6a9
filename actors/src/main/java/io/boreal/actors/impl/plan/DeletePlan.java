package io.boreal.actors.impl.plan;

import io.boreal.actors.impl.sql.Expr;
import io.boreal.storage.WriteSpec;
import io.boreal.storage.schema.TableDef;

/** DELETE: the rows of the access path passing WHERE. */
public record DeletePlan(TableDef table, AccessPath access, Expr where, int parameterCount, long catalogVersion)
        implements Plan, WritePlan {

    @Override
    public WriteSpec write(Target target, Object[] params) {
        return new WriteSpec.Delete(target.spec());
    }
}
