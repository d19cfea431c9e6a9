package io.boreal.actors.impl.sql;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;

import io.boreal.storage.EngineException;
import io.boreal.storage.schema.ColumnDef;
import io.boreal.storage.schema.ColumnType;

/**
 * SQL value semantics over the Java classes of {@link ColumnType}: comparison across numeric
 * classes, arithmetic, and coercion of a literal or parameter to a column's type.
 */
public final class Values {

    /** Digits an integer part may have before a value is out of every range the engine has. */
    private static final int MAX_INTEGER_DIGITS = 1000;

    private Values() {
    }

    /** Compares two non-null values; numbers of different classes compare by value. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y && a.getClass() != b.getClass()) {
            if (isIntegral(x) && isIntegral(y)) {
                return Long.compare(x.longValue(), y.longValue());
            }
            if (x instanceof Double || y instanceof Double) {
                return Double.compare(x.doubleValue(), y.doubleValue());
            }
            return decimal(x).compareTo(decimal(y));
        }
        if (a instanceof Timestamp t && b instanceof String s) {
            return t.compareTo(toTimestamp(s));
        }
        if (a instanceof String s && b instanceof Timestamp t) {
            return toTimestamp(s).compareTo(t);
        }
        if (a instanceof Boolean x && b instanceof Number y) {
            return compare(x ? 1 : 0, y);
        }
        if (a instanceof Number x && b instanceof Boolean y) {
            return compare(x, y ? 1 : 0);
        }
        if (a.getClass() != b.getClass() && (a instanceof String || b instanceof String)) {
            return a.toString().compareTo(b.toString());
        }
        if (a.getClass() != b.getClass() && !(a instanceof Number && b instanceof Number)) {
            throw EngineException.typeMismatch("cannot compare " + typeName(a) + " with " + typeName(b));
        }
        return ((Comparable) a).compareTo(b);
    }

    private static String typeName(Object v) {
        return v instanceof Timestamp ? "TIMESTAMP" : v instanceof Boolean ? "BOOLEAN"
                : v instanceof Number ? "a number" : v.getClass().getSimpleName();
    }

    public static boolean isIntegral(Number n) {
        return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte;
    }

    public static BigDecimal decimal(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        return isIntegral(n) ? BigDecimal.valueOf(n.longValue()) : BigDecimal.valueOf(n.doubleValue());
    }

    /** Arithmetic: integral stays BIGINT (overflow is an error), DOUBLE wins over DECIMAL. */
    public static Object arithmetic(char op, Object a, Object b) {
        if (a == null || b == null) {
            return null;
        }
        Number x = number(a);
        Number y = number(b);
        if (isIntegral(x) && isIntegral(y) && op != '/') {
            long l = x.longValue();
            long r = y.longValue();
            try {
                return switch (op) {
                    case '+' -> Math.addExact(l, r);
                    case '-' -> Math.subtractExact(l, r);
                    case '*' -> Math.multiplyExact(l, r);
                    default -> r == 0 ? null : l % r;
                };
            } catch (ArithmeticException e) {
                throw new EngineException("22003", "BIGINT value out of range in " + l + " " + op + " " + r);
            }
        }
        if (x instanceof Double || y instanceof Double || x instanceof Float || y instanceof Float) {
            double l = x.doubleValue();
            double r = y.doubleValue();
            return switch (op) {
                case '+' -> l + r;
                case '-' -> l - r;
                case '*' -> l * r;
                case '/' -> r == 0 ? null : l / r;
                default -> r == 0 ? null : l % r;
            };
        }
        BigDecimal l = decimal(x);
        BigDecimal r = decimal(y);
        return switch (op) {
            case '+' -> l.add(r);
            case '-' -> l.subtract(r);
            case '*' -> l.multiply(r);
            case '/' -> r.signum() == 0 ? null : l.divide(r, Math.max(4, l.scale() + 4), RoundingMode.HALF_UP);
            default -> r.signum() == 0 ? null : l.remainder(r);
        };
    }

    private static Number number(Object v) {
        if (v instanceof Number n) {
            return n;
        }
        if (v instanceof String s) {
            try {
                return new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                throw EngineException.typeMismatch("'" + s + "' is not a number");
            }
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        throw EngineException.typeMismatch(v + " is not a number");
    }

    /**
     * Converts {@code value} to the class of {@code column}'s type, checking range, length and
     * NOT NULL. Throws 22018 (type), 22001 (too long), 22003 (out of range) or 23000 (NULL).
     */
    public static Object coerce(Object value, ColumnDef column) {
        if (value == null) {
            if (!column.nullable()) {
                throw new EngineException("23000", "column '" + column.name() + "' cannot be NULL");
            }
            return null;
        }
        Object v = coerce(value, column.type(), column.name());
        if (column.type().isText() && column.length() > 0 && ((String) v).length() > column.length()) {
            throw new EngineException("22001", "value too long for column '" + column.name() + "' "
                    + column.type() + "(" + column.length() + "): " + ((String) v).length() + " characters");
        }
        if (column.type() == ColumnType.DECIMAL && column.length() > 0) {
            BigDecimal d = rescale((BigDecimal) v, column.scale());
            if (d.precision() - d.scale() > column.length() - column.scale()) {
                throw new EngineException("22003", "value " + value + " out of range for column '"
                        + column.name() + "' DECIMAL(" + column.length() + "," + column.scale() + ")");
            }
            v = d;
        }
        return v;
    }

    /** Converts a non-null value to the class of {@code type}. */
    public static Object coerce(Object value, ColumnType type, String what) {
        if (type.javaClass().isInstance(value)) {
            return value;
        }
        try {
            return switch (type) {
                case INT -> Math.toIntExact(integral(value, what));
                case BIGINT -> integral(value, what);
                case VARCHAR, CHAR -> value instanceof Timestamp t ? t.toString() : value.toString();
                case DOUBLE -> value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString().trim());
                case DECIMAL -> value instanceof Number n ? finiteDecimal(n, what) : new BigDecimal(value.toString().trim());
                case BOOLEAN -> toBoolean(value, what);
                case TIMESTAMP -> value instanceof java.util.Date d ? new Timestamp(d.getTime()) : toTimestamp(value.toString());
            };
        } catch (NumberFormatException e) {
            throw EngineException.typeMismatch("'" + value + "' is not a valid " + type + " for " + what);
        } catch (ArithmeticException e) {
            throw new EngineException("22003", value + " is out of range for " + type + " column " + what);
        }
    }

    /** NaN and the infinities have no DECIMAL: out of its range, as PostgreSQL says for numeric. */
    private static BigDecimal finiteDecimal(Number n, String what) {
        if ((n instanceof Double || n instanceof Float) && !Double.isFinite(n.doubleValue())) {
            throw new EngineException("22003", n + " is out of range for " + what);
        }
        return decimal(n);
    }

    private static long integral(Object value, String what) {
        if (value instanceof Number n) {
            if (isIntegral(n)) {
                return n.longValue();
            }
            return rescale(finiteDecimal(n, what), 0).longValueExact();
        }
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        String s = value.toString().trim();
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return rescale(new BigDecimal(s), 0).longValueExact();
        }
    }

    /**
     * {@code d.setScale(scale, HALF_UP)} without materialising a number of billions of digits (a
     * wire or literal DECIMAL may carry any 32-bit exponent). A value whose integer part is past
     * {@value #MAX_INTEGER_DIGITS} digits is returned as it is: out of every range the engine has,
     * it fails the caller's range check (a column's precision, {@code longValueExact}); a value
     * below half of the last kept digit is zero.
     */
    static BigDecimal rescale(BigDecimal d, int scale) {
        long integerDigits = (long) d.precision() - d.scale();
        if (integerDigits > MAX_INTEGER_DIGITS) {
            return d;
        }
        if (integerDigits < -(long) scale - 1) {
            return BigDecimal.ZERO.setScale(scale);
        }
        return d.setScale(scale, RoundingMode.HALF_UP);
    }

    private static Boolean toBoolean(Object value, String what) {
        if (value instanceof Number n) {
            return n.intValue() != 0;
        }
        String s = value.toString().trim().toLowerCase();
        return switch (s) {
            case "true", "1", "t", "yes", "on" -> true;
            case "false", "0", "f", "no", "off" -> false;
            default -> throw EngineException.typeMismatch("'" + value + "' is not a valid BOOLEAN for " + what);
        };
    }

    private static Timestamp toTimestamp(String s) {
        String t = s.trim();
        try {
            return Timestamp.valueOf(t.length() == 10 ? t + " 00:00:00" : t.replace('T', ' '));
        } catch (IllegalArgumentException e) {
            throw EngineException.typeMismatch("'" + s + "' is not a valid TIMESTAMP (yyyy-mm-dd hh:mm:ss[.f])");
        }
    }
}
