package io.boreal.actors.impl.sql;

import net.sf.jsqlparser.expression.Function;

/** What names mean where an expression is compiled: a table's row, or an aggregated row. */
public interface Scope {

    /** The expression a column name stands for here. */
    Expr column(String table, String name);

    /** The expression an aggregate call stands for here; 42000 where aggregates are not allowed. */
    Expr aggregate(Function call, ExprCompiler compiler);
}
