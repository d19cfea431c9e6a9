package io.boreal.actors.impl.plan;

import java.util.List;

import io.boreal.actors.impl.sql.Expr;
import io.boreal.storage.WriteSpec;
import io.boreal.storage.schema.TableDef;

/** An UPDATE or DELETE: reaches rows like a query, then writes each partition's matches. */
public interface WritePlan {

    TableDef table();

    AccessPath access();

    Expr where();

    /** What to do in one target partition. */
    WriteSpec write(Target target, Object[] params);

    default List<Target> targets(Object[] params) {
        return access().targets(params, BoundFilter.of(where(), params), -1);
    }
}
