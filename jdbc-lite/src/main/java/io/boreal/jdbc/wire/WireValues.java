package io.boreal.jdbc.wire;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;

import io.boreal.actors.ColumnInfo;

/**
 * Values and column descriptions on the wire: a tag byte, then the value in binary.
 *
 * <pre>
 *   tag  class        payload
 *   0    null         -
 *   1    Integer      int32
 *   2    Long         int64
 *   3    String       int32 byte count, UTF-8
 *   4    Double       IEEE 754 bits, int64
 *   5    BigDecimal   int32 scale, int32 byte count, two's-complement unscaled value
 *   6    Boolean      - (true)
 *   7    Boolean      - (false)
 *   8    Timestamp    int64 seconds, int32 nanos of the local date-time read as UTC
 * </pre>
 *
 * A TIMESTAMP has no zone: the local date-time is sent as it is, so client and server agree on
 * it whatever their default zones.
 */
public final class WireValues {

    static final byte NULL = 0;
    static final byte INT = 1;
    static final byte LONG = 2;
    static final byte STRING = 3;
    static final byte DOUBLE = 4;
    static final byte DECIMAL = 5;
    static final byte TRUE = 6;
    static final byte FALSE = 7;
    static final byte TIMESTAMP = 8;

    /** The longest unscaled DECIMAL accepted (bytes): far past any column's precision. */
    private static final int MAX_DECIMAL_BYTES = 1024;

    private WireValues() {
    }

    /** Writes one value of the engine's classes; another class is refused with IllegalArgumentException. */
    public static void put(FrameWriter out, Object v) {
        if (v == null) {
            out.putByte(NULL);
        } else if (v instanceof Integer i) {
            out.putByte(INT).putInt(i);
        } else if (v instanceof Long l) {
            out.putByte(LONG).putLong(l);
        } else if (v instanceof String s) {
            out.putByte(STRING).putString(s);
        } else if (v instanceof Double d) {
            out.putByte(DOUBLE).putDouble(d);
        } else if (v instanceof BigDecimal d) {
            out.putByte(DECIMAL).putInt(d.scale()).putBytes(d.unscaledValue().toByteArray());
        } else if (v instanceof Boolean b) {
            out.putByte(b ? TRUE : FALSE);
        } else if (v instanceof Timestamp t) {
            LocalDateTime local = t.toLocalDateTime();
            out.putByte(TIMESTAMP).putLong(local.toEpochSecond(ZoneOffset.UTC)).putInt(local.getNano());
        } else {
            throw new IllegalArgumentException("no wire form for a value of " + v.getClass().getName());
        }
    }

    public static Object get(FrameReader in) throws ProtocolException {
        byte tag = in.getByte();
        switch (tag) {
            case NULL: return null;
            case INT: return in.getInt();
            case LONG: return in.getLong();
            case STRING: return in.getText("string value");
            case DOUBLE: return in.getDouble();
            case DECIMAL: return decimal(in);
            case TRUE: return Boolean.TRUE;
            case FALSE: return Boolean.FALSE;
            case TIMESTAMP: return timestamp(in);
            default: throw new ProtocolException("malformed frame: unknown value tag " + tag);
        }
    }

    public static void putList(FrameWriter out, List<?> values) {
        out.putInt(values.size());
        for (Object v : values) {
            put(out, v);
        }
    }

    public static List<Object> getList(FrameReader in) throws ProtocolException {
        int n = in.getCount("value", 1);
        List<Object> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(get(in));
        }
        return values;
    }

    /** Rows of {@code width} values each: int32 count, int32 width, then the values row by row. */
    public static void putRows(FrameWriter out, List<Object[]> rows, int width) {
        out.putInt(rows.size()).putInt(width);
        for (Object[] row : rows) {
            for (int c = 0; c < width; c++) {
                put(out, row[c]);
            }
        }
    }

    public static List<Object[]> getRows(FrameReader in) throws ProtocolException {
        int n = in.getCount("row", 0);
        int width = in.getCount("column", 0);
        if ((long) n * width > in.remaining()) {
            throw new ProtocolException("malformed frame: " + n + " rows of " + width + " values in "
                    + in.remaining() + " bytes");
        }
        List<Object[]> rows = new ArrayList<>(n);
        for (int r = 0; r < n; r++) {
            Object[] row = new Object[width];
            for (int c = 0; c < width; c++) {
                row[c] = get(in);
            }
            rows.add(row);
        }
        return rows;
    }

    public static void putColumns(FrameWriter out, List<ColumnInfo> columns) {
        out.putInt(columns.size());
        for (ColumnInfo c : columns) {
            out.putString(c.name()).putString(c.label()).putString(c.table()).putInt(c.sqlType())
                    .putString(c.typeName()).putInt(c.precision()).putInt(c.scale()).putBoolean(c.nullable())
                    .putByte(classTag(c.javaClass()));
        }
    }

    public static List<ColumnInfo> getColumns(FrameReader in) throws ProtocolException {
        int n = in.getCount("column", 27);
        List<ColumnInfo> columns = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            columns.add(new ColumnInfo(in.getText("column name"), in.getText("column label"),
                    in.getText("column table"), in.getInt(), in.getText("column type"), in.getInt(), in.getInt(),
                    in.getBoolean(), classOf(in.getByte())));
        }
        return columns;
    }

    private static byte classTag(Class<?> c) {
        if (c == Integer.class) {
            return INT;
        } else if (c == Long.class) {
            return LONG;
        } else if (c == String.class) {
            return STRING;
        } else if (c == Double.class) {
            return DOUBLE;
        } else if (c == BigDecimal.class) {
            return DECIMAL;
        } else if (c == Boolean.class) {
            return TRUE;
        } else if (c == Timestamp.class) {
            return TIMESTAMP;
        }
        return STRING; // expressions of no declared class are read as text
    }

    private static Class<?> classOf(byte tag) throws ProtocolException {
        switch (tag) {
            case INT: return Integer.class;
            case LONG: return Long.class;
            case STRING: return String.class;
            case DOUBLE: return Double.class;
            case DECIMAL: return BigDecimal.class;
            case TRUE: return Boolean.class;
            case TIMESTAMP: return Timestamp.class;
            default: throw new ProtocolException("malformed frame: unknown column class tag " + tag);
        }
    }

    private static BigDecimal decimal(FrameReader in) throws ProtocolException {
        int scale = in.getInt();
        byte[] unscaled = in.getBytes();
        if (unscaled.length == 0 || unscaled.length > MAX_DECIMAL_BYTES) {
            throw new ProtocolException("malformed frame: a DECIMAL of " + unscaled.length + " bytes");
        }
        return new BigDecimal(new BigInteger(unscaled), scale);
    }

    private static Timestamp timestamp(FrameReader in) throws ProtocolException {
        long seconds = in.getLong();
        int nanos = in.getInt();
        try {
            return Timestamp.valueOf(LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC));
        } catch (DateTimeException | IllegalArgumentException e) {
            throw new ProtocolException("malformed frame: timestamp " + seconds + "s " + nanos + "ns");
        }
    }
}
