package io.boreal.jdbc.impl;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * The {@code ?} values of a prepared statement, held as the engine takes them: Integer, Long,
 * String, Double, BigDecimal, Boolean, Timestamp or null. Setters convert on the way in
 * ({@link #bind}, {@link #bindAs}); execution takes a {@link #snapshot()}.
 */
final class ParameterValues {

    private final Object[] values;
    private final boolean[] set;

    ParameterValues(int count) {
        values = new Object[count];
        set = new boolean[count];
    }

    int count() {
        return values.length;
    }

    /** Sets the value of the 1-based {@code index}; an index out of range fails with 07009. */
    void set(int index, Object value) throws SQLException {
        Arguments.checkIndex("parameter", index, values.length);
        values[index - 1] = value;
        set[index - 1] = true;
    }

    void clear() {
        Arrays.fill(values, null);
        Arrays.fill(set, false);
    }

    /** The values for one execution; a parameter never set fails with 07001. */
    List<Object> snapshot() throws SQLException {
        for (int i = 0; i < set.length; i++) {
            if (!set[i]) {
                throw new SQLException("no value specified for parameter " + (i + 1), "07001");
            }
        }
        return Collections.unmodifiableList(Arrays.asList(values.clone()));
    }

    /** {@code setObject(i, x)}: the engine's class for {@code x}'s Java class. */
    static Object bind(Object x) throws SQLException {
        if (x == null || x instanceof Integer || x instanceof Long || x instanceof String || x instanceof Double
                || x instanceof BigDecimal || x instanceof Boolean || x instanceof Timestamp) {
            return x;
        }
        if (x instanceof Short || x instanceof Byte) {
            return ((Number) x).intValue();
        }
        if (x instanceof Float f) {
            return decimalDouble(f);
        }
        if (x instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (x instanceof Time || x instanceof LocalTime) {
            return timeText(x);
        }
        if (x instanceof java.util.Date || x instanceof TemporalAccessor) {
            return ValueConversions.toTimestamp(x);
        }
        if (x instanceof Character || x instanceof UUID) {
            return x.toString();
        }
        if (x instanceof Enum<?> e) {
            return e.name();
        }
        throw SqlErrors.unsupported("a parameter of class " + x.getClass().getName());
    }

    /** {@code setObject(i, x, targetSqlType, scale)}: {@code x} converted to the target type. */
    static Object bindAs(Object x, int sqlType, int scale) throws SQLException {
        if (x == null) {
            return null;
        }
        switch (sqlType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER:
                return ValueConversions.toInt(x);
            case Types.BIGINT:
                return ValueConversions.toLong(x);
            case Types.REAL, Types.FLOAT, Types.DOUBLE:
                return x instanceof Float f ? decimalDouble(f) : ValueConversions.toDouble(x);
            case Types.DECIMAL, Types.NUMERIC:
                BigDecimal d = ValueConversions.toBigDecimal(x);
                return scale > 0 ? d.setScale(scale, RoundingMode.HALF_UP) : d;
            case Types.BIT, Types.BOOLEAN:
                return ValueConversions.toBoolean(x);
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR:
                return x instanceof Time || x instanceof LocalTime ? timeText(x) : ValueConversions.toText(bind(x));
            case Types.DATE:
                return ValueConversions.toTimestamp(ValueConversions.toDate(x));
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE:
                return ValueConversions.toTimestamp(x);
            case Types.TIME, Types.TIME_WITH_TIMEZONE:
                return timeText(ValueConversions.toLocalTime(x));
            case Types.NULL:
                return null;
            case Types.OTHER, Types.JAVA_OBJECT:
                return bind(x);
            default:
                throw SqlErrors.unsupported("target SQL type " + sqlType);
        }
    }

    /** The double the float's decimal text denotes: 0.1f binds as 0.1, not 0.10000000149011612. */
    private static Double decimalDouble(Float f) {
        return Double.valueOf(f.toString());
    }

    /** A time of day as the engine's text: {@code HH:mm:ss} with a fraction when there is one. */
    static String timeText(Object x) throws SQLException {
        LocalTime t = x instanceof Time time ? time.toLocalTime() : ValueConversions.toLocalTime(x);
        return DateTimeFormatter.ISO_LOCAL_TIME.format(t);
    }
}
