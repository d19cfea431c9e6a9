package io.boreal.jdbc.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.sql.BatchUpdateException;
import java.sql.Date;
import java.sql.JDBCType;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.boreal.actors.SqlSession;
import io.boreal.actors.StatementResult;

/** PreparedStatement binding, prepare-time validation and batches over a scripted session. */
class PreparedStatementOverSessionTest {

    private final ScriptedSession session = new ScriptedSession();
    private final BorealConnection connection = ScriptedSession.connect(session);

    private List<?> lastParams() {
        return session.params.get(session.params.size() - 1);
    }

    @Test
    void settersBindTheEngineValueClasses() throws SQLException {
        String sql = "INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setInt(1, 1);
            ps.setLong(2, 2L);
            ps.setShort(3, (short) 3);
            ps.setByte(4, (byte) 4);
            ps.setFloat(5, 0.1f);
            ps.setDouble(6, 0.25);
            ps.setBigDecimal(7, new BigDecimal("12.34"));
            ps.setBoolean(8, true);
            ps.setString(9, "text");
            ps.setTimestamp(10, Timestamp.valueOf("2024-01-02 03:04:05.5"));
            ps.setDate(11, Date.valueOf("2024-03-04"));
            ps.setTime(12, Time.valueOf("10:15:30"));
            ps.setNull(13, Types.INTEGER);
            ps.executeUpdate();
        }
        assertEquals(Arrays.asList(1, 2L, 3, 4, 0.1d, 0.25d, new BigDecimal("12.34"), true, "text",
                Timestamp.valueOf("2024-01-02 03:04:05.5"), Timestamp.valueOf("2024-03-04 00:00:00"), "10:15:30", null),
                lastParams());
        assertEquals(List.of("prepare " + sql, "execute " + sql + " " + lastParams()), session.calls);
    }

    @Test
    void setObjectConvertsJavaTypesAndTargetTypes() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT ?, ?, ?, ?, ?, ?, ?, ?")) {
            ps.setObject(1, LocalDateTime.of(2024, 5, 6, 7, 8, 9));
            ps.setObject(2, LocalDate.of(2024, 5, 6));
            ps.setObject(3, "42", Types.INTEGER);
            ps.setObject(4, 1.5, Types.DECIMAL, 2);
            ps.setObject(5, 7, JDBCType.BIGINT);
            ps.setObject(6, "yes", Types.BOOLEAN);
            ps.setObject(7, (short) 5);
            ps.setObject(8, null);
            ps.execute();
        }
        assertEquals(Arrays.asList(Timestamp.valueOf("2024-05-06 07:08:09"), Timestamp.valueOf("2024-05-06 00:00:00"),
                42, new BigDecimal("1.50"), 7L, true, 5, null), lastParams());
    }

    @Test
    void aMissingParameterFailsWith07001AndABadIndexWith07009() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT * FROM t WHERE a = ? AND b = ?")) {
            ps.setInt(1, 1);
            assertEquals("07001", assertThrows(SQLException.class, ps::executeQuery).getSQLState());
            assertEquals("07009", assertThrows(SQLException.class, () -> ps.setInt(3, 1)).getSQLState());
            assertEquals("07009", assertThrows(SQLException.class, () -> ps.setInt(0, 1)).getSQLState());
            ps.setInt(2, 2);
            ps.execute();
            assertEquals(List.of(1, 2), lastParams());
            ps.clearParameters();
            assertEquals("07001", assertThrows(SQLException.class, ps::execute).getSQLState());
        }
    }

    @Test
    void aSyntaxErrorFailsPrepareStatement() {
        session.failPrepare("SELEC 1", ScriptedSession.engineError("42000", "syntax error at position 1"));
        SQLSyntaxErrorException e = assertThrows(SQLSyntaxErrorException.class,
                () -> connection.prepareStatement("SELEC 1"));
        assertEquals("42000", e.getSQLState());
    }

    @Test
    void metadataComesFromPlanning() throws SQLException {
        session.prepared("SELECT id, name FROM t WHERE id = ?", new SqlSession.PreparedInfo(1,
                List.of(Columns.integer("id"), Columns.varchar("name", "n", 20))));
        try (PreparedStatement ps = connection.prepareStatement("SELECT id, name FROM t WHERE id = ?")) {
            ResultSetMetaData meta = ps.getMetaData();
            assertEquals(2, meta.getColumnCount());
            assertEquals("n", meta.getColumnLabel(2));
            ParameterMetaData params = ps.getParameterMetaData();
            assertEquals(1, params.getParameterCount());
            assertEquals(Types.VARCHAR, params.getParameterType(1));
            assertEquals(ParameterMetaData.parameterModeIn, params.getParameterMode(1));
        }
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM t WHERE id = ?")) {
            assertNull(ps.getMetaData());
        }
    }

    @Test
    void aBatchGoesToTheEngineInOneCall() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO t VALUES (?)")) {
            for (int i = 1; i <= 3; i++) {
                ps.setInt(1, i);
                ps.addBatch();
            }
            assertArrayEquals(new int[] {1, 1, 1}, ps.executeBatch());
            assertArrayEquals(new int[0], ps.executeBatch());
        }
        assertEquals(List.of("prepare INSERT INTO t VALUES (?)", "batch INSERT INTO t VALUES (?) [[1], [2], [3]]"),
                session.calls);
    }

    @Test
    void aBatchFailureBecomesBatchUpdateExceptionWithTheCountsBefore() throws SQLException {
        session.batch(sets -> CompletableFuture.failedFuture(new SqlSession.BatchFailure(new long[] {1, 1},
                ScriptedSession.engineError("23000", "duplicate key 2 in index PRIMARY"))));
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO t VALUES (?)")) {
            for (int i : new int[] {1, 3, 2}) {
                ps.setInt(1, i);
                ps.addBatch();
            }
            BatchUpdateException e = assertThrows(BatchUpdateException.class, ps::executeBatch);
            assertEquals("23000", e.getSQLState());
            assertArrayEquals(new int[] {1, 1}, e.getUpdateCounts());
            assertArrayEquals(new long[] {1, 1}, e.getLargeUpdateCounts());
        }
    }

    @Test
    void aBatchThatWantsKeysRunsEntryByEntryAndCollectsThem() throws SQLException {
        long[] next = {100};
        session.answer("INSERT INTO t (name) VALUES (?)",
                p -> new StatementResult.UpdateCount(1, List.of(next[0]++)));
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO t (name) VALUES (?)",
                Statement.RETURN_GENERATED_KEYS)) {
            for (String name : List.of("a", "b", "c")) {
                ps.setString(1, name);
                ps.addBatch();
            }
            assertArrayEquals(new int[] {1, 1, 1}, ps.executeBatch());
            List<Long> keys = new ArrayList<>();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                while (rs.next()) {
                    keys.add(rs.getLong(1));
                }
            }
            assertEquals(List.of(100L, 101L, 102L), keys);
        }
        assertFalse(session.calls.stream().anyMatch(c -> c.startsWith("batch")));
    }

    @Test
    void sqlTextMethodsAreRefused() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT 1")) {
            assertThrows(SQLException.class, () -> ps.executeQuery("SELECT 2"));
            assertThrows(SQLException.class, () -> ps.executeUpdate("DELETE FROM t"));
            assertThrows(SQLException.class, () -> ps.execute("SELECT 2"));
            assertThrows(SQLException.class, () -> ps.addBatch("SELECT 2"));
        }
    }

    @Test
    void characterStreamsAreBoundAsText() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT ?, ?")) {
            ps.setCharacterStream(1, new java.io.StringReader("hello world"), 5);
            ps.setNString(2, "n");
            ps.execute();
        }
        assertEquals(List.of("hello", "n"), lastParams());
    }
}
