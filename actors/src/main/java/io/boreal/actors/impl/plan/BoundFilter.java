package io.boreal.actors.impl.plan;

import io.boreal.actors.impl.sql.Expr;
import io.boreal.storage.RowPredicate;

/** A WHERE clause with its parameters: what a partition applies to each row. */
record BoundFilter(Expr where, Object[] params) implements RowPredicate {

    static RowPredicate of(Expr where, Object[] params) {
        return where == null ? RowPredicate.ALL : new BoundFilter(where, params);
    }

    @Override
    public boolean test(Object[] row) {
        return Expr.isTrue(where.eval(row, params));
    }
}
