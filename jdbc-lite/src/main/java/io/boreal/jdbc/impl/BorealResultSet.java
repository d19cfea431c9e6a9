package io.boreal.jdbc.impl;

import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Calendar;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.boreal.actors.ColumnInfo;

/**
 * A forward-only, read-only result set over rows the engine materialized. Getters convert as
 * JDBC describes ({@link ValueConversions}); labels are matched case-insensitively, the first
 * match wins, and an unknown label fails with 42S22.
 *
 * <p>Temporal values are local date-times (TIMESTAMP has no zone). A getter given a
 * {@link Calendar} reads the stored local date-time as a time in the calendar's zone.
 *
 * <p>Thread-safety: used by one thread at a time, like its connection.
 */
public final class BorealResultSet extends ForwardReadOnlyResultSet {

    private final BorealStatement statement;
    private final List<ColumnInfo> columns;
    private final RowSource rows;
    private final Map<String, Integer> byLabel = new HashMap<>();
    /** The current row's number (1-based), 0 before the first; stays past the last once there. */
    private int cursor;
    private Object[] current;
    /** A row read ahead of the cursor (isLast, isBeforeFirst), or null. */
    private Object[] ahead;
    private boolean exhausted;
    private boolean closed;
    private boolean wasNull;

    /**
     * @param statement the statement that produced it, null for metadata results
     * @param rows      the rows, each with one value per column (not copied: never modified)
     */
    BorealResultSet(BorealStatement statement, List<ColumnInfo> columns, List<Object[]> rows) {
        this(statement, columns, RowSource.of(rows));
    }

    BorealResultSet(BorealStatement statement, List<ColumnInfo> columns, RowSource rows) {
        this.statement = statement;
        this.columns = List.copyOf(columns);
        this.rows = rows;
        for (int i = columns.size(); i >= 1; i--) {
            byLabel.put(columns.get(i - 1).name().toLowerCase(Locale.ROOT), i);
        }
        for (int i = columns.size(); i >= 1; i--) {
            byLabel.put(columns.get(i - 1).label().toLowerCase(Locale.ROOT), i);
        }
    }

    private Object value(int column) throws SQLException {
        checkOpen();
        if (current == null) {
            throw new SQLException(cursor < 1 ? "no current row: call next() first" : "no current row: past the last row",
                    "24000");
        }
        Arguments.checkIndex("column", column, columns.size());
        Object v = current[column - 1];
        wasNull = v == null;
        return v;
    }

    @Override
    void checkOpen() throws SQLException {
        if (isClosed()) {
            throw new SQLException("result set is closed", "HY010");
        }
    }

    /** Closes without telling the statement (it is the statement dropping its result). */
    void release() {
        closed = true;
        rows.close();
    }

    /** The row after the current one, read ahead if not yet read; null past the last. */
    private Object[] peek() throws SQLException {
        if (ahead == null && !exhausted) {
            ahead = read();
            exhausted = ahead == null;
        }
        return ahead;
    }

    private Object[] read() throws SQLException {
        try {
            return rows.next();
        } catch (RuntimeException e) {
            throw SqlErrors.fromEngine(e);
        }
    }

    // ---- cursor ------------------------------------------------------------------------------

    @Override
    public boolean next() throws SQLException {
        checkOpen();
        if (current == null && cursor > 0) {
            return false; // past the last already
        }
        current = peek();
        ahead = null;
        if (current != null || cursor > 0) {
            cursor++;
        }
        return current != null;
    }

    @Override
    public int getRow() throws SQLException {
        checkOpen();
        return current != null ? cursor : 0;
    }

    @Override
    public boolean isBeforeFirst() throws SQLException {
        checkOpen();
        return cursor == 0 && peek() != null;
    }

    @Override
    public boolean isAfterLast() throws SQLException {
        checkOpen();
        return current == null && cursor > 0;
    }

    @Override
    public boolean isFirst() throws SQLException {
        checkOpen();
        return cursor == 1 && current != null;
    }

    @Override
    public boolean isLast() throws SQLException {
        checkOpen();
        return current != null && peek() == null;
    }

    @Override
    public boolean wasNull() throws SQLException {
        checkOpen();
        return wasNull;
    }

    /** The first column whose label (else name, else unqualified label) matches, ignoring case. */
    @Override
    public int findColumn(String label) throws SQLException {
        checkOpen();
        if (label != null) {
            String key = label.toLowerCase(Locale.ROOT);
            Integer index = byLabel.get(key);
            if (index == null && key.indexOf('.') >= 0) {
                index = byLabel.get(key.substring(key.lastIndexOf('.') + 1));
            }
            if (index != null) {
                return index;
            }
        }
        throw SqlErrors.of("column '" + label + "' is not in the result set", "42S22", null);
    }

    // ---- getters -----------------------------------------------------------------------------

    @Override
    public String getString(int column) throws SQLException {
        return ValueConversions.toText(value(column));
    }

    @Override
    public String getNString(int column) throws SQLException {
        return getString(column);
    }

    @Override
    public boolean getBoolean(int column) throws SQLException {
        return ValueConversions.toBoolean(value(column));
    }

    @Override
    public byte getByte(int column) throws SQLException {
        return ValueConversions.toByte(value(column));
    }

    @Override
    public short getShort(int column) throws SQLException {
        return ValueConversions.toShort(value(column));
    }

    @Override
    public int getInt(int column) throws SQLException {
        return ValueConversions.toInt(value(column));
    }

    @Override
    public long getLong(int column) throws SQLException {
        return ValueConversions.toLong(value(column));
    }

    @Override
    public float getFloat(int column) throws SQLException {
        return ValueConversions.toFloat(value(column));
    }

    @Override
    public double getDouble(int column) throws SQLException {
        return ValueConversions.toDouble(value(column));
    }

    @Override
    public BigDecimal getBigDecimal(int column) throws SQLException {
        return ValueConversions.toBigDecimal(value(column));
    }

    @Deprecated
    @Override
    public BigDecimal getBigDecimal(int column, int scale) throws SQLException {
        BigDecimal d = getBigDecimal(column);
        return d == null ? null : d.setScale(scale, RoundingMode.HALF_UP);
    }

    @Override
    public Timestamp getTimestamp(int column) throws SQLException {
        return ValueConversions.toTimestamp(value(column));
    }

    @Override
    public Timestamp getTimestamp(int column, Calendar cal) throws SQLException {
        Timestamp local = getTimestamp(column);
        if (local == null || cal == null) {
            return local;
        }
        return Timestamp.from(local.toLocalDateTime().atZone(zone(cal)).toInstant());
    }

    @Override
    public Date getDate(int column) throws SQLException {
        return ValueConversions.toDate(value(column));
    }

    @Override
    public Date getDate(int column, Calendar cal) throws SQLException {
        Date local = getDate(column);
        if (local == null || cal == null) {
            return local;
        }
        return new Date(local.toLocalDate().atStartOfDay(zone(cal)).toInstant().toEpochMilli());
    }

    @Override
    public Time getTime(int column) throws SQLException {
        return ValueConversions.toTime(value(column));
    }

    @Override
    public Time getTime(int column, Calendar cal) throws SQLException {
        Time local = getTime(column);
        if (local == null || cal == null) {
            return local;
        }
        return new Time(LocalDate.of(1970, 1, 1).atTime(local.toLocalTime()).atZone(zone(cal)).toInstant().toEpochMilli());
    }

    @Override
    public Object getObject(int column) throws SQLException {
        return value(column);
    }

    @Override
    public <T> T getObject(int column, Class<T> type) throws SQLException {
        return ValueConversions.toType(value(column), type);
    }

    @Override
    public Object getObject(int column, Map<String, Class<?>> map) throws SQLException {
        if (map != null && !map.isEmpty()) {
            throw SqlErrors.unsupported("user-defined type maps");
        }
        return getObject(column);
    }

    @Override
    public Reader getCharacterStream(int column) throws SQLException {
        String s = getString(column);
        return s == null ? null : new StringReader(s);
    }

    @Override
    public Reader getNCharacterStream(int column) throws SQLException {
        return getCharacterStream(column);
    }

    private static ZoneId zone(Calendar cal) {
        return cal.getTimeZone().toZoneId();
    }

    // ---- types the engine has no column for --------------------------------------------------

    @Override
    public byte[] getBytes(int column) throws SQLException {
        throw SqlErrors.unsupported("binary values");
    }

    @Override
    public InputStream getAsciiStream(int column) throws SQLException {
        throw SqlErrors.unsupported("getAsciiStream");
    }

    @Deprecated
    @Override
    public InputStream getUnicodeStream(int column) throws SQLException {
        throw SqlErrors.unsupported("getUnicodeStream");
    }

    @Override
    public InputStream getBinaryStream(int column) throws SQLException {
        throw SqlErrors.unsupported("binary values");
    }

    @Override
    public Ref getRef(int column) throws SQLException {
        throw SqlErrors.unsupported("Ref");
    }

    @Override
    public Blob getBlob(int column) throws SQLException {
        throw SqlErrors.unsupported("Blob");
    }

    @Override
    public Clob getClob(int column) throws SQLException {
        throw SqlErrors.unsupported("Clob");
    }

    @Override
    public Array getArray(int column) throws SQLException {
        throw SqlErrors.unsupported("Array");
    }

    @Override
    public URL getURL(int column) throws SQLException {
        throw SqlErrors.unsupported("URL values");
    }

    @Override
    public RowId getRowId(int column) throws SQLException {
        throw SqlErrors.unsupported("RowId");
    }

    @Override
    public NClob getNClob(int column) throws SQLException {
        throw SqlErrors.unsupported("NClob");
    }

    @Override
    public SQLXML getSQLXML(int column) throws SQLException {
        throw SqlErrors.unsupported("SQLXML");
    }

    // ---- the result set itself ---------------------------------------------------------------

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        return new BorealResultSetMetaData(columns);
    }

    @Override
    public Statement getStatement() throws SQLException {
        checkOpen();
        return statement;
    }

    @Override
    public String getCursorName() throws SQLException {
        throw SqlErrors.unsupported("named cursors");
    }

    @Override
    public int getType() throws SQLException {
        checkOpen();
        return TYPE_FORWARD_ONLY;
    }

    @Override
    public int getConcurrency() throws SQLException {
        checkOpen();
        return CONCUR_READ_ONLY;
    }

    @Override
    public int getHoldability() throws SQLException {
        checkOpen();
        return CLOSE_CURSORS_AT_COMMIT;
    }

    @Override
    public void close() throws SQLException {
        if (!closed) {
            closed = true;
            rows.close();
            if (statement != null) {
                statement.onResultSetClosed(this);
            }
        }
    }

    @Override
    public boolean isClosed() {
        return closed || statement != null && statement.isClosed();
    }
}
