package io.boreal.jdbc.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.boreal.actors.StatementResult;

/** The Connection's contract over a scripted session: no engine needed. */
class ConnectionOverSessionTest {

    private final ScriptedSession session = new ScriptedSession();
    private final BorealConnection connection = ScriptedSession.connect(session);

    @Test
    void autocommitIsOnAndReachesTheSessionOnlyWhenItChanges() throws SQLException {
        assertTrue(connection.getAutoCommit());
        connection.setAutoCommit(true);
        connection.setAutoCommit(false);
        connection.setAutoCommit(false);
        connection.commit();
        connection.rollback();
        connection.setAutoCommit(true);
        assertEquals(List.of("setAutoCommit false", "commit", "rollback", "setAutoCommit true"), session.calls);
    }

    @Test
    void everyIsolationButNoneIsAcceptedAndReportedAsRepeatableRead() throws SQLException {
        assertEquals(Connection.TRANSACTION_REPEATABLE_READ, connection.getTransactionIsolation());
        for (int level : new int[] {Connection.TRANSACTION_READ_UNCOMMITTED, Connection.TRANSACTION_READ_COMMITTED,
                Connection.TRANSACTION_REPEATABLE_READ, Connection.TRANSACTION_SERIALIZABLE}) {
            connection.setTransactionIsolation(level);
            assertEquals(Connection.TRANSACTION_REPEATABLE_READ, connection.getTransactionIsolation());
        }
        assertThrows(SQLFeatureNotSupportedException.class,
                () -> connection.setTransactionIsolation(Connection.TRANSACTION_NONE));
        assertThrows(SQLException.class, () -> connection.setTransactionIsolation(99));
    }

    @Test
    void closeClosesTheSessionOnceAndLaterCallsFailWith08003() throws SQLException {
        connection.close();
        connection.close();
        assertEquals(List.of("close"), session.calls);
        assertTrue(connection.isClosed());
        assertFalse(connection.isValid(1));
        SQLException e = assertThrows(SQLNonTransientConnectionException.class, connection::createStatement);
        assertEquals("08003", e.getSQLState());
    }

    @Test
    void statementsOfAClosedConnectionAreClosed() throws SQLException {
        Statement statement = connection.createStatement();
        connection.close();
        assertTrue(statement.isClosed());
        assertEquals("08003", assertThrows(SQLException.class, () -> statement.execute("SELECT 1")).getSQLState());
    }

    @Test
    void engineErrorsKeepTheirStateAndClassAndTheConnectionStaysUsable() throws SQLException {
        session.fail("SELECT * FROM missing", ScriptedSession.engineError("42S02", "table 'missing' does not exist"));
        try (Statement statement = connection.createStatement()) {
            SQLException e = assertThrows(SQLSyntaxErrorException.class,
                    () -> statement.executeQuery("SELECT * FROM missing"));
            assertEquals("42S02", e.getSQLState());
            assertEquals("table 'missing' does not exist", e.getMessage());
            assertEquals(0, statement.executeUpdate("DELETE FROM t"));
        }
        assertFalse(connection.isClosed());
    }

    @Test
    void aFailureThrownByTheCallItselfIsMappedToo() throws SQLException {
        session.throwAtCall("BOOM", ScriptedSession.engineError("0A000", "not supported"));
        try (Statement statement = connection.createStatement()) {
            SQLException e = assertThrows(SQLFeatureNotSupportedException.class, () -> statement.execute("BOOM"));
            assertEquals("0A000", e.getSQLState());
        }
    }

    @Test
    void aConnectionErrorFromTheEngineClosesTheConnection() throws SQLException {
        session.fail("SELECT 1", ScriptedSession.engineError("08003", "session closed"));
        try (Statement statement = connection.createStatement()) {
            assertThrows(SQLNonTransientConnectionException.class, () -> statement.execute("SELECT 1"));
        }
        assertTrue(connection.isClosed());
        assertFalse(connection.isValid(0));
    }

    @Test
    void aQueryTimeoutFailsTheStatementWithHyt00ButNotTheConnection() throws SQLException {
        session.hang("SELECT slow");
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(1);
            SQLTimeoutException e = assertThrows(SQLTimeoutException.class, () -> statement.executeQuery("SELECT slow"));
            assertEquals("HYT00", e.getSQLState());
            assertFalse(connection.isClosed());
            assertEquals(0, statement.executeUpdate("DELETE FROM t"));
        }
    }

    @Test
    void anExceededNetworkTimeoutClosesTheConnectionWith08006() throws SQLException {
        session.hang("SELECT slow");
        connection.setNetworkTimeout(Runnable::run, 50);
        assertEquals(50, connection.getNetworkTimeout());
        try (Statement statement = connection.createStatement()) {
            SQLException e = assertThrows(SQLNonTransientConnectionException.class,
                    () -> statement.executeQuery("SELECT slow"));
            assertEquals("08006", e.getSQLState());
        }
        assertTrue(connection.isClosed());
    }

    @Test
    void anInterruptedWaitFailsWithHy008AndKeepsTheInterruptFlag() throws SQLException {
        session.hang("SELECT slow");
        try (Statement statement = connection.createStatement()) {
            Thread.currentThread().interrupt();
            SQLException e = assertThrows(SQLException.class, () -> statement.executeQuery("SELECT slow"));
            assertEquals("HY008", e.getSQLState());
            assertTrue(Thread.interrupted());
        }
    }

    /**
     * Runs the hung {@code SELECT slow} on another thread and returns once the session holds it;
     * the future completes with the query's failure, or null if it succeeded.
     */
    private CompletableFuture<SQLException> slowQueryWaiting(Statement statement) throws InterruptedException {
        CompletableFuture<SQLException> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                statement.executeQuery("SELECT slow");
                return null;
            } catch (SQLException e) {
                return e;
            }
        });
        assertTrue(session.hungArrived.await(30, TimeUnit.SECONDS));
        return waiting;
    }

    @Test
    void markDeadFailsAWaitingCallAtOnceAndEveryLaterCall() throws Exception {
        session.hang("SELECT slow");
        Statement statement = connection.createStatement();
        CompletableFuture<SQLException> waiting = slowQueryWaiting(statement);
        connection.markDead("database x was shut down", "08006");
        SQLException e = waiting.get(30, TimeUnit.SECONDS);
        assertInstanceOf(SQLNonTransientConnectionException.class, e);
        assertEquals("08006", e.getSQLState());
        assertEquals("08006", assertThrows(SQLException.class, connection::createStatement).getSQLState());
        assertTrue(session.calls.contains("close"));
    }

    @Test
    void closeFromAnotherThreadFailsAWaitingCall() throws Exception {
        session.hang("SELECT slow");
        Statement statement = connection.createStatement();
        CompletableFuture<SQLException> waiting = slowQueryWaiting(statement);
        connection.close();
        assertEquals("08003", waiting.get(30, TimeUnit.SECONDS).getSQLState());
    }

    @Test
    void abortClosesWithoutWaiting() throws SQLException {
        connection.abort(Runnable::run);
        assertTrue(connection.isClosed());
        assertThrows(SQLException.class, () -> connection.abort(null));
    }

    @Test
    void unsupportedFeaturesThrowSqlFeatureNotSupported() {
        assertThrows(SQLFeatureNotSupportedException.class, () -> connection.prepareCall("CALL p()"));
        assertThrows(SQLFeatureNotSupportedException.class, connection::setSavepoint);
        assertThrows(SQLFeatureNotSupportedException.class, connection::createBlob);
        assertThrows(SQLFeatureNotSupportedException.class,
                () -> connection.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_READ_ONLY));
        assertThrows(SQLFeatureNotSupportedException.class,
                () -> connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_UPDATABLE));
        assertThrows(SQLFeatureNotSupportedException.class,
                () -> connection.setHoldability(ResultSet.HOLD_CURSORS_OVER_COMMIT));
    }

    @Test
    void smallStateBehavesAsPoolsExpect() throws SQLException {
        assertEquals(ResultSet.CLOSE_CURSORS_AT_COMMIT, connection.getHoldability());
        connection.setReadOnly(true);
        assertTrue(connection.isReadOnly());
        connection.setCatalog("ignored");
        connection.setSchema("ignored");
        assertNull(connection.getCatalog());
        assertNull(connection.getSchema());
        assertNull(connection.getWarnings());
        connection.clearWarnings();
        assertEquals("SELECT 1", connection.nativeSQL("SELECT 1"));
        assertTrue(connection.isValid(5));
        assertTrue(connection.isWrapperFor(BorealConnection.class));
        assertSame(connection, connection.unwrap(Connection.class));
        assertThrows(SQLException.class, () -> connection.unwrap(String.class));
    }

    @Test
    void databaseMetaDataDescribesBoreal() throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        assertEquals("Boreal", meta.getDatabaseProductName());
        assertEquals("jdbc:boreal:mem:scripted", meta.getURL());
        assertEquals("tester", meta.getUserName());
        assertSame(connection, meta.getConnection());
        assertTrue(meta.supportsTransactions());
        assertTrue(meta.supportsBatchUpdates());
        assertTrue(meta.supportsGetGeneratedKeys());
        assertFalse(meta.isReadOnly());
        assertEquals(4, meta.getJDBCMajorVersion());
        assertEquals(Connection.TRANSACTION_REPEATABLE_READ, meta.getDefaultTransactionIsolation());
        assertTrue(meta.supportsTransactionIsolationLevel(Connection.TRANSACTION_REPEATABLE_READ));
        assertFalse(meta.supportsTransactionIsolationLevel(Connection.TRANSACTION_NONE));
        assertEquals("`", meta.getIdentifierQuoteString());
        assertTrue(meta.supportsResultSetType(ResultSet.TYPE_FORWARD_ONLY));
        assertFalse(meta.supportsResultSetType(ResultSet.TYPE_SCROLL_INSENSITIVE));
        assertThrows(SQLFeatureNotSupportedException.class, () -> meta.getTables(null, null, "%", null));
        assertThrows(SQLFeatureNotSupportedException.class, () -> meta.getColumns(null, null, "%", "%"));
        try (ResultSet types = meta.getTableTypes()) {
            assertTrue(types.next());
            assertEquals("TABLE", types.getString("TABLE_TYPE"));
            assertFalse(types.next());
        }
        try (ResultSet types = meta.getTypeInfo()) {
            int count = 0;
            while (types.next()) {
                count++;
                assertTrue(types.getString("TYPE_NAME").length() > 0);
                types.getShort("NULLABLE");
            }
            assertEquals(8, count);
        }
        try (ResultSet catalogs = meta.getCatalogs()) {
            assertFalse(catalogs.next());
        }
    }

    @Test
    void setAutoCommitFailureLeavesTheModeUnchanged() throws SQLException {
        ScriptedSession failing = new ScriptedSession() {
            @Override
            public java.util.concurrent.CompletionStage<Void> setAutoCommit(boolean on) {
                return CompletableFuture.failedFuture(ScriptedSession.engineError("25000", "cannot change now"));
            }
        };
        BorealConnection c = ScriptedSession.connect(failing);
        SQLException e = assertThrows(SQLException.class, () -> c.setAutoCommit(false));
        assertEquals("25000", e.getSQLState());
        assertTrue(c.getAutoCommit());
    }

    @Test
    void anUpdateCountStatementAnswersThroughExecute() throws SQLException, ExecutionException {
        session.answer("INSERT INTO t VALUES (1)", new StatementResult.UpdateCount(1, List.of()));
        try (Statement statement = connection.createStatement()) {
            assertFalse(statement.execute("INSERT INTO t VALUES (1)"));
            assertEquals(1, statement.getUpdateCount());
            assertNull(statement.getResultSet());
            assertFalse(statement.getMoreResults());
            assertEquals(-1, statement.getUpdateCount());
        }
    }
}
