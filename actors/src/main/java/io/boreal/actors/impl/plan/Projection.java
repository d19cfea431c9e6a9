package io.boreal.actors.impl.plan;

import java.util.ArrayList;
import java.util.List;

import io.boreal.actors.ColumnInfo;
import io.boreal.actors.impl.sql.Expr;
import io.boreal.actors.impl.sql.ExprCompiler;
import io.boreal.actors.impl.sql.RowScope;
import io.boreal.actors.impl.sql.Scope;
import io.boreal.storage.EngineException;
import io.boreal.storage.schema.ColumnDef;
import io.boreal.storage.schema.TableDef;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.SelectItem;

/** A compiled SELECT list: expressions, their result columns, and their labels for ORDER BY. */
record Projection(List<Expr> exprs, List<ColumnInfo> columns, List<String> labels) {

    static Projection of(List<SelectItem<?>> items, TableDef table, RowScope rows, Scope scope) {
        List<Expr> exprs = new ArrayList<>();
        List<ColumnInfo> columns = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        ExprCompiler compiler = new ExprCompiler(scope);
        for (SelectItem<?> item : items) {
            if (Planner.isStar(item)) {
                if (table == null) {
                    throw EngineException.syntax("SELECT * needs a FROM clause");
                }
                for (ColumnDef c : table.columns()) {
                    exprs.add(compiler.compile(new Column(c.name())));
                    columns.add(Planner.info(c.name(), c.name(), table, c.type(), c.length(), c.scale(), c.nullable()));
                    labels.add(c.name());
                }
                continue;
            }
            Expression e = item.getExpression();
            Expr expr = compiler.compile(e);
            String name = e instanceof Column c ? Planner.name(c.getColumnName()) : e.toString();
            String label = item.getAlias() != null ? Planner.name(item.getAlias().getName()) : name;
            ColumnDef def = e instanceof Column c ? table.columns().get(table.columnIndex(Planner.name(c.getColumnName()))) : null;
            columns.add(def != null
                    ? Planner.info(name, label, table, def.type(), def.length(), def.scale(), def.nullable())
                    : Planner.info(name, label, null, expr.type(), 0, 0, true));
            exprs.add(expr);
            labels.add(label);
        }
        return new Projection(exprs, columns, labels);
    }

    /** An ORDER BY item: an output label, a 1-based position, or an expression in {@code compiler}'s scope. */
    Expr orderKey(Expression e, ExprCompiler compiler) {
        if (e instanceof LongValue position) {
            java.math.BigInteger p = position.getBigIntegerValue(); // getValue() throws past BIGINT
            if (p.signum() <= 0 || p.compareTo(java.math.BigInteger.valueOf(exprs.size())) > 0) {
                throw EngineException.syntax("ORDER BY position " + p + " is not in the select list");
            }
            return exprs.get(p.intValueExact() - 1);
        }
        if (e instanceof Column c && c.getTable() == null) {
            int i = labels.indexOf(Planner.name(c.getColumnName()));
            if (i >= 0) {
                return exprs.get(i);
            }
        }
        return compiler.compile(e);
    }
}
