package io.boreal.actors.impl.sql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import io.boreal.storage.EngineException;
import io.boreal.storage.schema.ColumnType;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.DateTimeLiteralExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimestampValue;
import net.sf.jsqlparser.expression.operators.arithmetic.Addition;
import net.sf.jsqlparser.expression.operators.arithmetic.Division;
import net.sf.jsqlparser.expression.operators.arithmetic.Modulo;
import net.sf.jsqlparser.expression.operators.arithmetic.Multiplication;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.schema.Column;

/**
 * Compiles JSqlParser expressions into {@link Expr} trees, resolving names through a
 * {@link Scope}. Parameters keep the positions the parser gave them (1-based in the text, 0-based
 * here), so the order in which clauses are compiled does not matter.
 */
public final class ExprCompiler {

    /**
     * How deep an expression may nest ({@code 1 + 1 + ... } or {@code ((((x))))}): compiling,
     * planning and evaluating all recurse over the tree, so a statement past this is refused
     * with 54001 (PostgreSQL's statement_too_complex) before any of them can overflow a
     * dispatcher thread's stack, which would take the whole actor system down.
     */
    public static final int MAX_DEPTH = 500;

    private final Scope scope;
    /** Nesting of the {@link #compile} calls under way: the depth of the node being compiled. */
    private int depth;

    public ExprCompiler(Scope scope) {
        this.scope = scope;
    }

    public Scope scope() {
        return scope;
    }

    public Expr compile(Expression e) {
        if (depth == MAX_DEPTH) {
            throw tooComplex();
        }
        depth++;
        try {
            return compileNode(e);
        } finally {
            depth--;
        }
    }

    /** 54001: the statement nests deeper than this engine evaluates. */
    public static EngineException tooComplex() {
        return new EngineException("54001", "statement too complex: expressions nest deeper than " + MAX_DEPTH + " levels");
    }

    private Expr compileNode(Expression e) {
        if (e instanceof JdbcParameter p) {
            return new Expr.Param(p.getIndex() - 1);
        }
        if (e instanceof Column c) {
            return column(c);
        }
        if (e instanceof LongValue v) {
            BigInteger big = v.getBigIntegerValue();
            if (big.bitLength() >= Long.SIZE) { // past BIGINT: a DECIMAL, 22003 where it meets an integral column
                return new Expr.Const(new BigDecimal(big), ColumnType.DECIMAL);
            }
            long l = big.longValue();
            return l == (int) l ? new Expr.Const((int) l, ColumnType.INT) : new Expr.Const(l, ColumnType.BIGINT);
        }
        if (e instanceof DoubleValue v) {
            return new Expr.Const(new BigDecimal(v.toString()), ColumnType.DECIMAL);
        }
        if (e instanceof StringValue v) {
            return new Expr.Const(v.getValue().replace("''", "'"), ColumnType.VARCHAR);
        }
        if (e instanceof NullValue) {
            return new Expr.Const(null, null);
        }
        if (e instanceof BooleanValue b) {
            return new Expr.Const(b.getValue(), ColumnType.BOOLEAN);
        }
        if (e instanceof TimestampValue t) {
            return new Expr.Const(t.getValue(), ColumnType.TIMESTAMP);
        }
        if (e instanceof DateTimeLiteralExpression d) {
            return new Expr.Const(Values.coerce(unquote(d.getValue()), ColumnType.TIMESTAMP, "literal"), ColumnType.TIMESTAMP);
        }
        if (e instanceof Parenthesis p) {
            return compile(p.getExpression());
        }
        if (e instanceof ExpressionList<?> list && list.size() == 1) {
            return compile(list.get(0));
        }
        if (e instanceof SignedExpression s) {
            Expr operand = compile(s.getExpression());
            return s.getSign() == '-' ? negate(operand) : operand;
        }
        if (e instanceof AndExpression a) {
            return new Expr.And(compile(a.getLeftExpression()), compile(a.getRightExpression()));
        }
        if (e instanceof OrExpression o) {
            return new Expr.Or(compile(o.getLeftExpression()), compile(o.getRightExpression()));
        }
        if (e instanceof NotExpression n) {
            return new Expr.Not(compile(n.getExpression()));
        }
        if (e instanceof ComparisonOperator c) {
            return new Expr.Compare(cmpOp(c), compile(c.getLeftExpression()), compile(c.getRightExpression()));
        }
        if (e instanceof Between b) {
            Expr operand = compile(b.getLeftExpression());
            Expr range = new Expr.And(
                    new Expr.Compare(Expr.CmpOp.GE, operand, compile(b.getBetweenExpressionStart())),
                    new Expr.Compare(Expr.CmpOp.LE, operand, compile(b.getBetweenExpressionEnd())));
            return b.isNot() ? new Expr.Not(range) : range;
        }
        if (e instanceof InExpression in) {
            if (!(in.getRightExpression() instanceof ExpressionList<?> list)) {
                throw EngineException.notSupported("IN with a subquery is not supported");
            }
            List<Expr> items = new ArrayList<>();
            for (Expression item : list) {
                items.add(compile(item));
            }
            return new Expr.In(compile(in.getLeftExpression()), items, in.isNot());
        }
        if (e instanceof IsNullExpression n) {
            return new Expr.IsNull(compile(n.getLeftExpression()), n.isNot());
        }
        if (e instanceof LikeExpression l) {
            if (l.getLikeKeyWord() != LikeExpression.KeyWord.LIKE) {
                throw EngineException.notSupported(l.getLikeKeyWord() + " is not supported");
            }
            return new Expr.Like(compile(l.getLeftExpression()), compile(l.getRightExpression()), l.isNot());
        }
        if (e instanceof Addition a) {
            return arithmetic('+', a.getLeftExpression(), a.getRightExpression());
        }
        if (e instanceof Subtraction s) {
            return arithmetic('-', s.getLeftExpression(), s.getRightExpression());
        }
        if (e instanceof Multiplication m) {
            return arithmetic('*', m.getLeftExpression(), m.getRightExpression());
        }
        if (e instanceof Division d) {
            return arithmetic('/', d.getLeftExpression(), d.getRightExpression());
        }
        if (e instanceof Modulo m) {
            return arithmetic('%', m.getLeftExpression(), m.getRightExpression());
        }
        if (e instanceof Function f) {
            return scope.aggregate(f, this);
        }
        throw EngineException.notSupported("expression not supported: " + e);
    }

    private Expr column(Column c) {
        String name = c.getColumnName();
        String lower = unquote(name).toLowerCase();
        if (c.getTable() == null && (lower.equals("true") || lower.equals("false")) && !name.startsWith("`")) {
            return new Expr.Const(lower.equals("true"), ColumnType.BOOLEAN);
        }
        String table = c.getTable() == null || c.getTable().getName() == null
                ? null : unquote(c.getTable().getName()).toLowerCase();
        return scope.column(table, lower);
    }

    private Expr arithmetic(char op, Expression left, Expression right) {
        Expr l = compile(left);
        Expr r = compile(right);
        return new Expr.Arithmetic(op, l, r, arithmeticType(op, l.type(), r.type()));
    }

    static ColumnType arithmeticType(char op, ColumnType l, ColumnType r) {
        if (l == ColumnType.DOUBLE || r == ColumnType.DOUBLE) {
            return ColumnType.DOUBLE;
        }
        if (l == ColumnType.DECIMAL || r == ColumnType.DECIMAL || op == '/') {
            return ColumnType.DECIMAL;
        }
        return ColumnType.BIGINT;
    }

    private static Expr negate(Expr operand) {
        if (operand instanceof Expr.Const c && c.value() instanceof Integer i) {
            return new Expr.Const(-i, ColumnType.INT);
        }
        if (operand instanceof Expr.Const c && c.value() instanceof Long l) {
            return new Expr.Const(-l, ColumnType.BIGINT);
        }
        if (operand instanceof Expr.Const c && c.value() instanceof BigDecimal d) {
            return new Expr.Const(d.negate(), ColumnType.DECIMAL);
        }
        return new Expr.Negate(operand);
    }

    private static Expr.CmpOp cmpOp(ComparisonOperator c) {
        if (c instanceof EqualsTo) {
            return Expr.CmpOp.EQ;
        }
        if (c instanceof NotEqualsTo) {
            return Expr.CmpOp.NE;
        }
        if (c instanceof GreaterThan) {
            return Expr.CmpOp.GT;
        }
        if (c instanceof GreaterThanEquals) {
            return Expr.CmpOp.GE;
        }
        if (c instanceof MinorThan) {
            return Expr.CmpOp.LT;
        }
        if (c instanceof MinorThanEquals) {
            return Expr.CmpOp.LE;
        }
        throw EngineException.notSupported("operator " + c.getStringExpression() + " is not supported");
    }

    /** Strips `backticks`, "double quotes" or 'single quotes' around an identifier or literal. */
    public static String unquote(String s) {
        if (s.length() >= 2) {
            char first = s.charAt(0);
            char last = s.charAt(s.length() - 1);
            if ((first == '`' || first == '"' || first == '\'') && last == first) {
                return s.substring(1, s.length() - 1);
            }
        }
        return s;
    }
}
