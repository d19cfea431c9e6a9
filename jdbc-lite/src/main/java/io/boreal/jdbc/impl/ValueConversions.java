package io.boreal.jdbc.impl;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/**
 * JDBC's conversions between the engine's value classes (Integer, Long, String, Double,
 * BigDecimal, Boolean, Timestamp) and what getters and setters ask for. A value that cannot be
 * converted fails with 22018 (22007 for a malformed date or time, 22003 when out of range).
 *
 * <p>Times of day: the engine has no TIME type. A {@link Time} is bound as the text
 * {@code HH:mm:ss} and read back from such text or from a timestamp's time of day. A
 * {@link Date} is a timestamp at local midnight.
 */
public final class ValueConversions {

    private static final LocalDate EPOCH_DAY = LocalDate.of(1970, 1, 1);

    /** A conversion of a non-null value to one class. */
    @FunctionalInterface
    private interface Conversion {
        Object apply(Object v) throws SQLException;
    }

    /** What {@link #toType} converts to, by the exact class asked for. */
    private static final Map<Class<?>, Conversion> BY_TYPE = Map.ofEntries(
            Map.entry(Integer.class, ValueConversions::toInt),
            Map.entry(Long.class, ValueConversions::toLong),
            Map.entry(Short.class, ValueConversions::toShort),
            Map.entry(Byte.class, ValueConversions::toByte),
            Map.entry(Double.class, ValueConversions::toDouble),
            Map.entry(Float.class, ValueConversions::toFloat),
            Map.entry(BigDecimal.class, ValueConversions::toBigDecimal),
            Map.entry(BigInteger.class, v -> toBigDecimal(v).setScale(0, RoundingMode.DOWN).toBigInteger()),
            Map.entry(Boolean.class, ValueConversions::toBoolean),
            Map.entry(String.class, ValueConversions::toText),
            Map.entry(Timestamp.class, ValueConversions::toTimestamp),
            Map.entry(java.util.Date.class, ValueConversions::toTimestamp),
            Map.entry(Date.class, ValueConversions::toDate),
            Map.entry(Time.class, ValueConversions::toTime),
            Map.entry(LocalDateTime.class, v -> toTimestamp(v).toLocalDateTime()),
            Map.entry(LocalDate.class, v -> toDate(v).toLocalDate()),
            Map.entry(LocalTime.class, ValueConversions::toLocalTime),
            Map.entry(Instant.class, v -> toTimestamp(v).toInstant()),
            Map.entry(OffsetDateTime.class,
                    v -> toTimestamp(v).toLocalDateTime().atZone(ZoneId.systemDefault()).toOffsetDateTime()));

    private ValueConversions() {
    }

    public static String toText(Object v) {
        if (v == null || v instanceof String) {
            return (String) v;
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return v.toString();
    }

    public static boolean toBoolean(Object v) throws SQLException {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof BigDecimal d) {
            return d.signum() != 0;
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (v instanceof String s) {
            switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "true", "t", "1", "yes", "y", "on":
                    return true;
                case "false", "f", "0", "no", "n", "off":
                    return false;
                default:
                    break;
            }
        }
        throw mismatch(v, "BOOLEAN");
    }

    public static long toLong(Object v) throws SQLException {
        if (v == null) {
            return 0;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || d < Long.MIN_VALUE || d >= 0x1p63) {
                throw outOfRange(v, "BIGINT");
            }
            return (long) d;
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        BigDecimal d = toBigDecimal(v);
        try {
            return d.setScale(0, RoundingMode.DOWN).longValueExact();
        } catch (ArithmeticException e) {
            throw outOfRange(v, "BIGINT");
        }
    }

    public static int toInt(Object v) throws SQLException {
        return (int) narrow(v, Integer.MIN_VALUE, Integer.MAX_VALUE, "INTEGER");
    }

    public static short toShort(Object v) throws SQLException {
        return (short) narrow(v, Short.MIN_VALUE, Short.MAX_VALUE, "SMALLINT");
    }

    public static byte toByte(Object v) throws SQLException {
        return (byte) narrow(v, Byte.MIN_VALUE, Byte.MAX_VALUE, "TINYINT");
    }

    public static double toDouble(Object v) throws SQLException {
        if (v == null) {
            return 0;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw mismatch(v, "DOUBLE");
            }
        }
        throw mismatch(v, "DOUBLE");
    }

    public static float toFloat(Object v) throws SQLException {
        double d = toDouble(v);
        float f = (float) d;
        if (Float.isInfinite(f) && !Double.isInfinite(d)) {
            throw outOfRange(v, "REAL");
        }
        return f;
    }

    public static BigDecimal toBigDecimal(Object v) throws SQLException {
        if (v == null || v instanceof BigDecimal) {
            return (BigDecimal) v;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw outOfRange(v, "DECIMAL");
            }
            return v instanceof Float ? new BigDecimal(v.toString()) : BigDecimal.valueOf(d);
        }
        if (v instanceof Boolean b) {
            return b ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        if (v instanceof String s) {
            try {
                return new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                throw mismatch(v, "DECIMAL");
            }
        }
        throw mismatch(v, "DECIMAL");
    }

    /** A point in local time; java.time values with a zone or offset keep their instant. */
    public static Timestamp toTimestamp(Object v) throws SQLException {
        if (v == null || v instanceof Timestamp) {
            return (Timestamp) v;
        }
        if (v instanceof Date d) {
            return Timestamp.valueOf(d.toLocalDate().atStartOfDay());
        }
        if (v instanceof Time t) {
            return Timestamp.valueOf(EPOCH_DAY.atTime(t.toLocalTime()));
        }
        if (v instanceof java.util.Date d) {
            return new Timestamp(d.getTime());
        }
        if (v instanceof LocalDateTime t) {
            return Timestamp.valueOf(t);
        }
        if (v instanceof LocalDate d) {
            return Timestamp.valueOf(d.atStartOfDay());
        }
        if (v instanceof Instant i) {
            return Timestamp.from(i);
        }
        if (v instanceof OffsetDateTime t) {
            return Timestamp.from(t.toInstant());
        }
        if (v instanceof ZonedDateTime t) {
            return Timestamp.from(t.toInstant());
        }
        if (v instanceof String s) {
            return parseTimestamp(s.trim());
        }
        throw mismatch(v, "TIMESTAMP");
    }

    public static Date toDate(Object v) throws SQLException {
        if (v == null || v instanceof Date) {
            return (Date) v;
        }
        return Date.valueOf(toTimestamp(v).toLocalDateTime().toLocalDate());
    }

    public static Time toTime(Object v) throws SQLException {
        if (v == null || v instanceof Time) {
            return (Time) v;
        }
        return Time.valueOf(toLocalTime(v));
    }

    /** The time of day of {@code v}: text {@code HH:mm[:ss[.f]]} or a timestamp's time. */
    public static LocalTime toLocalTime(Object v) throws SQLException {
        if (v == null || v instanceof LocalTime) {
            return (LocalTime) v;
        }
        if (v instanceof Time t) {
            return t.toLocalTime();
        }
        if (v instanceof String s && s.trim().length() <= 18 && s.indexOf('-') < 0) {
            try {
                return LocalTime.parse(s.trim());
            } catch (DateTimeParseException e) {
                throw new SQLDataException("not a time of day: '" + s + "'", "22007", e);
            }
        }
        return toTimestamp(v).toLocalDateTime().toLocalTime();
    }

    /** {@code getObject(column, type)}: the value as {@code type}, null stays null. */
    public static <T> T toType(Object v, Class<T> type) throws SQLException {
        Arguments.checkNotNull("type", type);
        if (v == null) {
            return null;
        }
        if (type.isInstance(v)) {
            return type.cast(v);
        }
        return type.cast(convert(v, type));
    }

    private static Object convert(Object v, Class<?> type) throws SQLException {
        Conversion conversion = BY_TYPE.get(type);
        if (conversion == null) {
            throw mismatch(v, type.getName());
        }
        return conversion.apply(v);
    }

    private static long narrow(Object v, long min, long max, String target) throws SQLException {
        long l = toLong(v);
        if (l < min || l > max) {
            throw outOfRange(v, target);
        }
        return l;
    }

    private static Timestamp parseTimestamp(String s) throws SQLException {
        try {
            if (s.length() == 10) {
                return Timestamp.valueOf(LocalDate.parse(s).atStartOfDay());
            }
            if (s.indexOf('T') > 0) {
                return Timestamp.valueOf(LocalDateTime.parse(s));
            }
            return Timestamp.valueOf(s);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new SQLDataException("not a timestamp: '" + s + "'", "22007", e);
        }
    }

    private static SQLException mismatch(Object v, String target) {
        return new SQLDataException("cannot convert " + describe(v) + " to " + target, "22018");
    }

    private static SQLException outOfRange(Object v, String target) {
        return new SQLDataException(describe(v) + " is out of range for " + target, "22003");
    }

    private static String describe(Object v) {
        String text = String.valueOf(v);
        if (text.length() > 40) {
            text = text.substring(0, 40) + "…";
        }
        return v.getClass().getSimpleName() + " '" + text + "'";
    }
}
