package io.boreal.jdbc.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The cursor, the getters' conversions and the metadata of a materialized result set. */
class ResultSetTest {

    private static final Timestamp T = Timestamp.valueOf("2024-01-02 03:04:05");

    private static BorealResultSet oneRow(Object... values) {
        List<Object[]> rows = new ArrayList<>();
        rows.add(values);
        return new BorealResultSet(null, List.of(Columns.integer("id"), Columns.bigint("big"),
                Columns.varchar("name", "alias", 20), Columns.decimal("price", 10, 2), Columns.dbl("ratio"),
                Columns.bool("active"), Columns.timestamp("created"), Columns.expression("COUNT(*)", "COUNT(*)")), rows);
    }

    private static BorealResultSet sample() {
        return oneRow(7, 9_000_000_000L, "42", new BigDecimal("12.34"), 2.5, true, T, 3L);
    }

    @Test
    void gettersConvertAsJdbcDescribes() throws SQLException {
        ResultSet rs = sample();
        assertTrue(rs.next());
        assertEquals(7L, rs.getLong("id"));
        assertEquals("7", rs.getString(1));
        assertEquals(new BigDecimal("7"), rs.getBigDecimal(1));
        assertEquals(42, rs.getInt("alias"));
        assertEquals(42.0, rs.getDouble(3));
        assertEquals("9000000000", rs.getString("big"));
        assertEquals(3, rs.getInt("count(*)"));
        assertEquals("12.34", rs.getString("price"));
        assertEquals(12, rs.getInt("price"));
        assertEquals(2.5, rs.getBigDecimal("ratio").doubleValue());
        assertEquals(2, rs.getInt("ratio"));
        assertTrue(rs.getBoolean("active"));
        assertEquals("true", rs.getString("active"));
        assertEquals(1, rs.getInt("active"));
        assertEquals(T, rs.getTimestamp("created"));
        assertEquals(Date.valueOf("2024-01-02"), rs.getDate("created"));
        assertEquals(Time.valueOf("03:04:05"), rs.getTime("created"));
        assertEquals("2024-01-02 03:04:05.0", rs.getString("created"));
        assertEquals(LocalDateTime.of(2024, 1, 2, 3, 4, 5), rs.getObject("created", LocalDateTime.class));
        assertEquals(LocalDate.of(2024, 1, 2), rs.getObject("created", LocalDate.class));
        assertEquals(7L, rs.getObject(1, Long.class));
        assertEquals(Integer.valueOf(7), rs.getObject(1));
        assertEquals("42", rs.getObject(3, String.class));
        assertFalse(rs.wasNull());
    }

    @Test
    void textConvertsToNumbersBooleansAndTimestamps() throws SQLException {
        for (String text : List.of("1", "true", "yes", "T")) {
            ResultSet rs = oneRow(null, null, text, null, null, null, null, null);
            rs.next();
            assertTrue(rs.getBoolean(3), text);
        }
        ResultSet rs = oneRow(null, null, "2024-01-02 03:04:05", null, null, null, null, null);
        rs.next();
        assertEquals(T, rs.getTimestamp(3));
        ResultSet time = oneRow(null, null, "10:15:30", null, null, null, null, null);
        time.next();
        assertEquals(Time.valueOf("10:15:30"), time.getTime(3));
    }

    @Test
    void badConversionsFailWithDataExceptions() throws SQLException {
        ResultSet rs = oneRow(null, Long.MAX_VALUE, "abc", null, Double.NaN, null, null, null);
        rs.next();
        assertEquals("22003", assertThrows(SQLDataException.class, () -> rs.getInt(2)).getSQLState());
        assertEquals("22018", assertThrows(SQLDataException.class, () -> rs.getInt(3)).getSQLState());
        assertEquals("22018", assertThrows(SQLDataException.class, () -> rs.getBoolean(3)).getSQLState());
        assertEquals("22007", assertThrows(SQLDataException.class, () -> rs.getTimestamp(3)).getSQLState());
        assertThrows(SQLDataException.class, () -> rs.getBigDecimal(5));
    }

    @Test
    void nullsReadAsZeroFalseOrNullAndSetWasNull() throws SQLException {
        ResultSet rs = oneRow(null, null, null, null, null, null, null, null);
        rs.next();
        assertEquals(0, rs.getInt(1));
        assertTrue(rs.wasNull());
        assertFalse(rs.getBoolean("active"));
        assertNull(rs.getString(3));
        assertNull(rs.getBigDecimal(4));
        assertNull(rs.getTimestamp(7));
        assertNull(rs.getObject(2, Long.class));
        assertTrue(rs.wasNull());
    }

    @Test
    void labelsAreCaseInsensitiveAndUnknownOnesFailWith42S22() throws SQLException {
        ResultSet rs = sample();
        assertEquals(3, rs.findColumn("ALIAS"));
        assertEquals(3, rs.findColumn("name"));
        assertEquals(1, rs.findColumn("t.id"));
        SQLException e = assertThrows(SQLSyntaxErrorException.class, () -> rs.findColumn("nope"));
        assertEquals("42S22", e.getSQLState());
    }

    @Test
    void theCursorMovesForwardOnly() throws SQLException {
        ResultSet rs = sample();
        assertTrue(rs.isBeforeFirst());
        assertEquals(0, rs.getRow());
        assertEquals("24000", assertThrows(SQLException.class, () -> rs.getInt(1)).getSQLState());
        assertTrue(rs.next());
        assertTrue(rs.isFirst());
        assertTrue(rs.isLast());
        assertEquals(1, rs.getRow());
        assertEquals("07009", assertThrows(SQLException.class, () -> rs.getInt(9)).getSQLState());
        assertFalse(rs.next());
        assertTrue(rs.isAfterLast());
        assertFalse(rs.next());
        assertThrows(SQLFeatureNotSupportedException.class, rs::previous);
        assertThrows(SQLFeatureNotSupportedException.class, () -> rs.absolute(1));
        assertThrows(SQLFeatureNotSupportedException.class, () -> rs.updateInt(1, 2));
        assertThrows(SQLFeatureNotSupportedException.class, () -> rs.getBytes(1));
        assertEquals(ResultSet.TYPE_FORWARD_ONLY, rs.getType());
        assertEquals(ResultSet.CONCUR_READ_ONLY, rs.getConcurrency());
        rs.close();
        assertTrue(rs.isClosed());
        assertThrows(SQLException.class, rs::next);
    }

    @Test
    void metadataReportsTheEngineColumns() throws SQLException {
        ResultSetMetaData meta = sample().getMetaData();
        assertEquals(8, meta.getColumnCount());
        assertEquals("name", meta.getColumnName(3));
        assertEquals("alias", meta.getColumnLabel(3));
        assertEquals(Types.VARCHAR, meta.getColumnType(3));
        assertEquals("VARCHAR", meta.getColumnTypeName(3));
        assertEquals(20, meta.getPrecision(3));
        assertEquals(10, meta.getPrecision(4));
        assertEquals(2, meta.getScale(4));
        assertEquals(ResultSetMetaData.columnNoNulls, meta.isNullable(1));
        assertEquals(ResultSetMetaData.columnNullable, meta.isNullable(2));
        assertEquals(Integer.class.getName(), meta.getColumnClassName(1));
        assertEquals("t", meta.getTableName(1));
        assertTrue(meta.isReadOnly(8));
        assertTrue(meta.isSigned(1));
        assertEquals(10, meta.getPrecision(1));
        assertThrows(SQLException.class, () -> meta.getColumnName(0));
    }
}
