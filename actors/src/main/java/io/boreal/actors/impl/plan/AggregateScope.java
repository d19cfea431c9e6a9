package io.boreal.actors.impl.plan;

import java.util.List;

import io.boreal.actors.impl.sql.Expr;
import io.boreal.actors.impl.sql.ExprCompiler;
import io.boreal.actors.impl.sql.RowScope;
import io.boreal.actors.impl.sql.Scope;
import io.boreal.storage.EngineException;
import io.boreal.storage.schema.ColumnType;
import net.sf.jsqlparser.expression.Function;

/**
 * Names in a grouped query: the aggregated row is the GROUP BY values followed by one value per
 * aggregate call, so a column means its GROUP BY position and an aggregate its slot after them.
 */
final class AggregateScope implements Scope {

    private final RowScope rows;
    private final List<Expr> groupBy;
    private final List<AggregateCall> calls;

    AggregateScope(RowScope rows, List<Expr> groupBy, List<AggregateCall> calls) {
        this.rows = rows;
        this.groupBy = groupBy;
        this.calls = calls;
    }

    @Override
    public Expr column(String table, String name) {
        Expr column = rows.column(table, name);
        int position = groupBy.indexOf(column);
        if (position < 0) {
            throw new EngineException("42000", "column '" + name + "' must appear in GROUP BY or inside an aggregate");
        }
        return new Expr.Column(position, name, column.type());
    }

    @Override
    public Expr aggregate(Function call, ExprCompiler compiler) {
        AggregateCall.Kind kind;
        try {
            kind = AggregateCall.Kind.valueOf(call.getName().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw EngineException.notSupported("function " + call.getName() + " is not supported");
        }
        Expr argument = null;
        boolean star = call.isAllColumns() || (call.getParameters() != null && call.getParameters().size() == 1
                && call.getParameters().get(0) instanceof net.sf.jsqlparser.statement.select.AllColumns);
        if (!star) {
            if (call.getParameters() == null || call.getParameters().size() != 1) {
                throw EngineException.syntax(call.getName() + " takes one argument");
            }
            argument = new ExprCompiler(rows).compile(call.getParameters().get(0));
        } else if (kind != AggregateCall.Kind.COUNT) {
            throw EngineException.syntax(call.getName() + "(*) is not valid");
        }
        AggregateCall aggregate = new AggregateCall(kind, argument, call.isDistinct());
        calls.add(aggregate);
        ColumnType type = aggregate.type();
        return new Expr.Column(groupBy.size() + calls.size() - 1, call.toString(), type);
    }
}
