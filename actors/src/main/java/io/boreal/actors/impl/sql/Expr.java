package io.boreal.actors.impl.sql;

import java.util.List;
import java.util.regex.Pattern;

import io.boreal.storage.EngineException;
import io.boreal.storage.schema.ColumnType;

/**
 * A compiled scalar expression over a row and the statement's parameters. SQL's three-valued
 * logic: comparisons and boolean operators yield TRUE, FALSE or NULL (Java null).
 *
 * <p>Immutable and stateless: one plan's expressions are shared by every session executing it.
 */
public sealed interface Expr {

    Object eval(Object[] row, Object[] params);

    /** The static type of the result where known, else null (a parameter, NULL). */
    ColumnType type();

    static boolean isTrue(Object v) {
        return v instanceof Boolean b && b;
    }

    record Const(Object value, ColumnType type) implements Expr {
        @Override
        public Object eval(Object[] row, Object[] params) {
            return value;
        }
    }

    record Param(int index) implements Expr {
        @Override
        public Object eval(Object[] row, Object[] params) {
            if (index >= params.length) {
                throw new EngineException("07001", "parameter " + (index + 1) + " is not set");
            }
            return params[index];
        }

        @Override
        public ColumnType type() {
            return null;
        }
    }

    record Column(int index, String name, ColumnType type) implements Expr {
        @Override
        public Object eval(Object[] row, Object[] params) {
            return row[index];
        }
    }

    enum CmpOp { EQ, NE, LT, LE, GT, GE }

    record Compare(CmpOp op, Expr left, Expr right) implements Expr {
        @Override
        public Object eval(Object[] row, Object[] params) {
            Object l = left.eval(row, params);
            Object r = right.eval(row, params);
            if (l == null || r == null) {
                return null;
            }
            int c = Values.compare(l, r);
            return switch (op) {
                case EQ -> c == 0;
                case NE -> c != 0;
                case LT -> c < 0;
                case LE -> c <= 0;
                case GT -> c > 0;
                case GE -> c >= 0;
            };
        }

        @Override
        public ColumnType type() {
            return ColumnType.BOOLEAN;
        }
    }

    record And(Expr left, Expr right) implements Expr {
        @Override
        public Object eval(Object[] row, Object[] params) {
            Object l = left.eval(row, params);
            if (Boolean.FALSE.equals(l)) {
                return false;
            }
            Object r = right.eval(row, params);
            if (Boolean.FALSE.equals(r)) {
                return false;
            }
            return l == null || r == null ? null : true;
        }

        @Override
        public ColumnType type() {
            return ColumnType.BOOLEAN;
        }
    }

    record Or(Expr left, Expr right) implements Expr {
        @Override
        public Object eval(Object[] row, Object[] params) {
            Object l = left.eval(row, params);
            if (Boolean.TRUE.equals(l)) {
                return true;
            }
            Object r = right.eval(row, params);
            if (Boolean.TRUE.equals(r)) {
                return true;
            }
            return l == null || r == null ? null : false;
        }

        @Override
        public ColumnType type() {
            return ColumnType.BOOLEAN;
        }
    }

    record Not(Expr operand) implements Expr {
        @Override
        public Object eval(Object[] row, Object[] params) {
            Object v = operand.eval(row, params);
            return v == null ? null : !isTrue(v);
        }

        @Override
        public ColumnType type() {
            return ColumnType.BOOLEAN;
        }
    }

    record IsNull(Expr operand, boolean negated) implements Expr {
        @Override
        public Object eval(Object[] row, Object[] params) {
            return (operand.eval(row, params) == null) != negated;
        }

        @Override
        public ColumnType type() {
            return ColumnType.BOOLEAN;
        }
    }

    record In(Expr operand, List<Expr> list, boolean negated) implements Expr {
        @Override
        public Object eval(Object[] row, Object[] params) {
            Object v = operand.eval(row, params);
            if (v == null) {
                return null;
            }
            boolean sawNull = false;
            for (Expr e : list) {
                Object x = e.eval(row, params);
                if (x == null) {
                    sawNull = true;
                } else if (Values.compare(v, x) == 0) {
                    return !negated;
                }
            }
            return sawNull ? null : negated;
        }

        @Override
        public ColumnType type() {
            return ColumnType.BOOLEAN;
        }
    }

    record Like(Expr operand, Expr pattern, boolean negated) implements Expr {
        @Override
        public Object eval(Object[] row, Object[] params) {
            Object v = operand.eval(row, params);
            Object p = pattern.eval(row, params);
            if (v == null || p == null) {
                return null;
            }
            return likePattern(p.toString()).matcher(v.toString()).matches() != negated;
        }

        /** SQL LIKE to a regular expression: {@code %}, {@code _}, and a backslash escapes the next character. */
        public static Pattern likePattern(String like) {
            StringBuilder regex = new StringBuilder();
            for (int i = 0; i < like.length(); i++) {
                char c = like.charAt(i);
                if (c == '\\' && i + 1 < like.length()) {
                    regex.append(Pattern.quote(String.valueOf(like.charAt(++i))));
                } else if (c == '%') {
                    regex.append(".*");
                } else if (c == '_') {
                    regex.append('.');
                } else {
                    regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return Pattern.compile(regex.toString(), Pattern.DOTALL);
        }

        @Override
        public ColumnType type() {
            return ColumnType.BOOLEAN;
        }
    }

    record Arithmetic(char op, Expr left, Expr right, ColumnType type) implements Expr {
        @Override
        public Object eval(Object[] row, Object[] params) {
            return Values.arithmetic(op, left.eval(row, params), right.eval(row, params));
        }
    }

    record Negate(Expr operand) implements Expr {
        @Override
        public Object eval(Object[] row, Object[] params) {
            Object v = operand.eval(row, params);
            return v == null ? null : Values.arithmetic('-', 0, v);
        }

        @Override
        public ColumnType type() {
            return operand.type();
        }
    }
}
