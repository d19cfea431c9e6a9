package io.boreal.jdbc.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.BatchUpdateException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.boreal.actors.StatementResult;

/** Statement execution, results, batches and generated keys over a scripted session. */
class StatementOverSessionTest {

    private final ScriptedSession session = new ScriptedSession();
    private final BorealConnection connection = ScriptedSession.connect(session);

    private static StatementResult.Rows idRows(int n) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            rows.add(new Object[] {i, "name-" + i});
        }
        return new StatementResult.Rows(List.of(Columns.integer("id"), Columns.varchar("name", "name", 20)), rows);
    }

    @Test
    void aQueryYieldsAForwardOnlyResultSetAndNoUpdateCount() throws SQLException {
        session.answer("SELECT id, name FROM t", idRows(2));
        try (Statement statement = connection.createStatement()) {
            assertTrue(statement.execute("SELECT id, name FROM t"));
            assertEquals(-1, statement.getUpdateCount());
            ResultSet rs = statement.getResultSet();
            assertSame(statement, rs.getStatement());
            assertTrue(rs.next());
            assertEquals(1, rs.getInt("ID"));
            assertEquals("name-1", rs.getString(2));
            assertTrue(rs.next());
            assertFalse(rs.next());
            assertFalse(statement.getMoreResults());
            assertTrue(rs.isClosed());
            assertEquals(-1, statement.getUpdateCount());
        }
    }

    @Test
    void anUpdateReportsItsCountAndTheGeneratedKeys() throws SQLException {
        session.answer("INSERT INTO t (name) VALUES ('a'), ('b')", new StatementResult.UpdateCount(2, List.of(7L, 8L)));
        try (Statement statement = connection.createStatement()) {
            assertEquals(2, statement.executeUpdate("INSERT INTO t (name) VALUES ('a'), ('b')",
                    Statement.RETURN_GENERATED_KEYS));
            try (ResultSet keys = statement.getGeneratedKeys()) {
                assertEquals("GENERATED_KEY", keys.getMetaData().getColumnLabel(1));
                assertTrue(keys.next());
                assertEquals(7L, keys.getLong(1));
                assertTrue(keys.next());
                assertEquals(8, keys.getInt("generated_key"));
                assertFalse(keys.next());
            }
            statement.executeUpdate("INSERT INTO t (name) VALUES ('a'), ('b')", new String[] {"id"});
            try (ResultSet keys = statement.getGeneratedKeys()) {
                assertTrue(keys.next());
                assertEquals(7L, keys.getObject("id"));
            }
        }
    }

    @Test
    void executeQueryRefusesAnUpdateAndExecuteUpdateRefusesAQuery() throws SQLException {
        session.answer("SELECT id, name FROM t", idRows(1));
        try (Statement statement = connection.createStatement()) {
            assertThrows(SQLException.class, () -> statement.executeQuery("DELETE FROM t"));
            assertThrows(SQLException.class, () -> statement.executeUpdate("SELECT id, name FROM t"));
        }
    }

    @Test
    void maxRowsCutsTheMaterializedRows() throws SQLException {
        session.answer("SELECT id, name FROM t", idRows(10));
        try (Statement statement = connection.createStatement()) {
            statement.setMaxRows(3);
            ResultSet rs = statement.executeQuery("SELECT id, name FROM t");
            int n = 0;
            while (rs.next()) {
                n++;
            }
            assertEquals(3, n);
        }
    }

    @Test
    void executingAgainClosesThePreviousResultSet() throws SQLException {
        session.answer("SELECT id, name FROM t", idRows(1));
        try (Statement statement = connection.createStatement()) {
            ResultSet first = statement.executeQuery("SELECT id, name FROM t");
            statement.executeQuery("SELECT id, name FROM t");
            assertTrue(first.isClosed());
            assertFalse(statement.isClosed());
        }
    }

    @Test
    void closeOnCompletionClosesTheStatementWithItsResultSet() throws SQLException {
        session.answer("SELECT id, name FROM t", idRows(1));
        Statement statement = connection.createStatement();
        statement.closeOnCompletion();
        ResultSet rs = statement.executeQuery("SELECT id, name FROM t");
        assertFalse(statement.isClosed());
        rs.close();
        assertTrue(statement.isClosed());
        assertEquals("HY010", assertThrows(SQLException.class, () -> statement.execute("SELECT 1")).getSQLState());
    }

    @Test
    void aBatchRunsInOrderAndStopsAtTheFirstFailure() throws SQLException {
        session.answer("INSERT 1", new StatementResult.UpdateCount(1, List.of()));
        session.fail("INSERT dup", ScriptedSession.engineError("23000", "duplicate key 1 in index PRIMARY"));
        try (Statement statement = connection.createStatement()) {
            statement.addBatch("INSERT 1");
            statement.addBatch("INSERT dup");
            statement.addBatch("INSERT 3");
            BatchUpdateException e = assertThrows(BatchUpdateException.class, statement::executeBatch);
            assertEquals("23000", e.getSQLState());
            assertArrayEquals(new int[] {1}, e.getUpdateCounts());
            assertInstanceOf(SQLIntegrityConstraintViolationException.class, e.getCause());
            assertFalse(session.calls.stream().anyMatch(c -> c.startsWith("execute INSERT 3")));
            assertArrayEquals(new int[0], statement.executeBatch());
        }
    }

    @Test
    void aBatchReportsEveryCountAndCollectsTheKeys() throws SQLException {
        session.answer("INSERT a", new StatementResult.UpdateCount(1, List.of(1L)));
        session.answer("INSERT b", new StatementResult.UpdateCount(2, List.of(2L, 3L)));
        try (Statement statement = connection.createStatement()) {
            statement.addBatch("INSERT a");
            statement.addBatch("INSERT b");
            assertArrayEquals(new long[] {1, 2}, statement.executeLargeBatch());
            ResultSet keys = statement.getGeneratedKeys();
            List<Long> seen = new ArrayList<>();
            while (keys.next()) {
                seen.add(keys.getLong(1));
            }
            assertEquals(List.of(1L, 2L, 3L), seen);
        }
    }

    @Test
    void optionsAreCheckedAndRemembered() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.setFetchSize(100);
            assertEquals(100, statement.getFetchSize());
            statement.setQueryTimeout(7);
            assertEquals(7, statement.getQueryTimeout());
            assertThrows(SQLException.class, () -> statement.setQueryTimeout(-1));
            assertThrows(SQLException.class, () -> statement.setMaxRows(-1));
            statement.cancel(); // reaches the session
            assertTrue(session.calls.contains("cancel"), session.calls.toString());
            assertThrows(SQLFeatureNotSupportedException.class, () -> statement.setCursorName("c"));
            assertEquals(ResultSet.TYPE_FORWARD_ONLY, statement.getResultSetType());
            assertEquals(ResultSet.CONCUR_READ_ONLY, statement.getResultSetConcurrency());
            assertSame(connection, statement.getConnection());
        }
    }
}
