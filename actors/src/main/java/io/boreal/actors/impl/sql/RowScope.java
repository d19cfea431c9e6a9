package io.boreal.actors.impl.sql;

import io.boreal.storage.EngineException;
import io.boreal.storage.schema.TableDef;
import net.sf.jsqlparser.expression.Function;

/** Names resolve to the columns of one table's row (null table: a SELECT without FROM). */
public record RowScope(TableDef table) implements Scope {

    @Override
    public Expr column(String tableName, String name) {
        if (table == null) {
            throw EngineException.unknownColumn(name);
        }
        if (tableName != null && !tableName.equals(table.name())) {
            throw EngineException.unknownColumn(tableName + "." + name);
        }
        int index = table.columnIndex(name);
        if (index < 0) {
            throw EngineException.unknownColumn(name);
        }
        return new Expr.Column(index, name, table.columns().get(index).type());
    }

    @Override
    public Expr aggregate(Function call, ExprCompiler compiler) {
        throw EngineException.syntax("aggregate " + call + " is not allowed here");
    }
}
