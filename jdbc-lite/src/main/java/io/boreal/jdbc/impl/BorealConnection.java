package io.boreal.jdbc.impl;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.boreal.actors.SqlSession;

/**
 * One {@link SqlSession} seen through {@link Connection}.
 *
 * <p>Transactions: snapshot isolation, reported as {@code TRANSACTION_REPEATABLE_READ} (how
 * PostgreSQL's REPEATABLE READ behaves). {@link #setTransactionIsolation} accepts READ
 * UNCOMMITTED, READ COMMITTED, REPEATABLE READ and SERIALIZABLE and keeps reporting
 * REPEATABLE READ: the engine runs every transaction at that one level (for SERIALIZABLE this
 * is weaker than asked: write skew is possible; use {@code SELECT … FOR UPDATE}).
 * {@code TRANSACTION_NONE} is refused. In autocommit mode {@link #commit()} and
 * {@link #rollback()} end a transaction opened by SQL {@code BEGIN}, if any, and otherwise do
 * nothing (rather than throw), so SQL and JDBC transaction control can be mixed.
 *
 * <p>Waiting: each call blocks the caller's thread (never an engine thread) until the engine
 * replies, for at most the statement's query timeout, else the network timeout, else
 * {@value ReplyWait#DEFAULT_WAIT_MS} ms. A query timeout or an interrupt fails the call (HYT00, HY008) but
 * not the connection; the statement may still take effect in the engine, and the next one runs
 * after it. An exceeded network timeout closes the connection (08006), as JDBC specifies.
 *
 * <p>Thread-safety: a connection and the statements and result sets made from it are used by
 * one thread at a time, as with most drivers. {@link #close()}, {@link #abort}, {@link #isClosed()},
 * {@link #isValid} and {@link #markDead} may come from any thread; they make a waiting caller
 * fail at once.
 */
public final class BorealConnection extends ConnectionSurface {

    private static final Closed CLOSED_BY_APPLICATION = new Closed("connection is closed", "08003");

    private final String url;
    private final String user;
    private final SqlSession session;
    private final Consumer<BorealConnection> onClose;
    private final ReplyWait replies = new ReplyWait();
    private final Properties clientInfo = new Properties();
    private volatile Closed closed;
    private volatile int networkTimeoutMs;
    private boolean autoCommit = true;
    private boolean readOnly;

    /** Why the connection is closed, as the exception later calls get. */
    private record Closed(String message, String sqlState) {
        SQLException exception() {
            return new SQLNonTransientConnectionException(message, sqlState);
        }
    }

    /**
     * @param url     the URL it was opened with (reported by its metadata)
     * @param session the engine session it owns (closed with it)
     * @param onClose told once, when the connection closes for any reason
     */
    public BorealConnection(String url, String user, SqlSession session, Consumer<BorealConnection> onClose) {
        this.url = url;
        this.user = user;
        this.session = session;
        this.onClose = onClose;
    }

    String url() {
        return url;
    }

    String user() {
        return user;
    }

    SqlSession session() {
        return session;
    }

    /** Runs an engine call and waits for its reply (see the class comment for the bound). */
    <T> T await(Supplier<? extends CompletionStage<T>> call, int queryTimeoutSeconds)
            throws SQLException {
        checkOpen();
        try {
            return replies.await(call, queryTimeoutSeconds, networkTimeoutMs);
        } catch (ReplyWait.NetworkTimeout e) {
            markDead(e.getMessage(), "08006");
            throw closed.exception();
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                markDead(e.getMessage(), e.getSQLState());
            }
            throw e;
        }
    }

    /**
     * Closes the connection because its database went away (or the network timeout expired):
     * later calls fail with {@code sqlState}, a waiting call fails at once. Idempotent.
     */
    public void markDead(String message, String sqlState) {
        if (closeAs(new Closed(message, sqlState))) {
            replies.abandon(closed.exception());
            closeSessionQuietly();
        }
    }

    @Override
    void checkOpen() throws SQLException {
        Closed why = closed;
        if (why != null) {
            throw why.exception();
        }
    }

    private synchronized boolean closeAs(Closed why) {
        if (closed != null) {
            return false;
        }
        closed = why;
        onClose.accept(this);
        return true;
    }

    private void closeSessionQuietly() {
        try {
            session.close();
        } catch (RuntimeException ignored) {
            // the session is gone already: nothing to release
        }
    }

    // ---- lifecycle -------------------------------------------------------------------------

    /**
     * Rolls back what is open and closes the session; a call waiting in another thread fails
     * with 08003 at once, this one waits for the engine to confirm.
     */
    @Override
    public void close() throws SQLException {
        if (!closeAs(CLOSED_BY_APPLICATION)) {
            return;
        }
        replies.abandon(CLOSED_BY_APPLICATION.exception());
        try {
            new ReplyWait().await(session::close, 0, 0);
        } catch (SQLException e) {
            if (e.getSQLState() == null || !e.getSQLState().startsWith("08")) {
                throw e;
            }
        } catch (ReplyWait.NetworkTimeout e) {
            throw new SQLNonTransientConnectionException(e.getMessage(), "08006", e);
        }
    }

    @Override
    public boolean isClosed() {
        return closed != null;
    }

    /** True while the connection is open and its engine answers (a round trip over the network, none in-process). */
    @Override
    public boolean isValid(int timeoutSeconds) throws SQLException {
        Arguments.checkNotNegative("timeout", timeoutSeconds);
        if (closed != null) {
            return false;
        }
        try {
            new ReplyWait().await(session::ping, timeoutSeconds, 0);
            return true;
        } catch (SQLException | ReplyWait.NetworkTimeout e) {
            if (e instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                markDead(sql.getMessage(), sql.getSQLState());
            }
            return false;
        }
    }

    @Override
    public void abort(Executor executor) throws SQLException {
        if (executor == null) {
            throw new SQLException("abort needs an executor", "HY024");
        }
        markDead("connection was aborted", "08003");
    }

    @Override
    public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
        checkOpen();
        Arguments.checkNotNegative("network timeout", milliseconds);
        networkTimeoutMs = milliseconds;
    }

    @Override
    public int getNetworkTimeout() throws SQLException {
        checkOpen();
        return networkTimeoutMs;
    }

    // ---- statements ------------------------------------------------------------------------

    @Override
    public Statement createStatement() throws SQLException {
        checkOpen();
        return new BorealStatement(this);
    }

    @Override
    public Statement createStatement(int type, int concurrency) throws SQLException {
        CursorOptions.check(type, concurrency, ResultSet.CLOSE_CURSORS_AT_COMMIT);
        return createStatement();
    }

    @Override
    public Statement createStatement(int type, int concurrency, int holdability) throws SQLException {
        CursorOptions.check(type, concurrency, holdability);
        return createStatement();
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        checkOpen();
        return BorealPreparedStatement.prepare(this, sql, null);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int type, int concurrency) throws SQLException {
        CursorOptions.check(type, concurrency, ResultSet.CLOSE_CURSORS_AT_COMMIT);
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int type, int concurrency, int holdability)
            throws SQLException {
        CursorOptions.check(type, concurrency, holdability);
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        checkOpen();
        String keys = GeneratedKeys.labelFor(autoGeneratedKeys);
        return BorealPreparedStatement.prepare(this, sql, keys);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        checkOpen();
        return BorealPreparedStatement.prepare(this, sql, GeneratedKeys.labelFor(columnIndexes));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        checkOpen();
        return BorealPreparedStatement.prepare(this, sql, GeneratedKeys.labelFor(columnNames));
    }

    /** Returns {@code sql} unchanged: the driver does no JDBC escape processing. */
    @Override
    public String nativeSQL(String sql) throws SQLException {
        checkOpen();
        return sql;
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        checkOpen();
        return new BorealDatabaseMetaData(this);
    }

    // ---- transactions ----------------------------------------------------------------------

    @Override
    public void setAutoCommit(boolean on) throws SQLException {
        checkOpen();
        if (on != autoCommit) {
            await(() -> session.setAutoCommit(on), 0);
            autoCommit = on;
        }
    }

    @Override
    public boolean getAutoCommit() throws SQLException {
        checkOpen();
        return autoCommit;
    }

    @Override
    public void commit() throws SQLException {
        await(session::commit, 0);
    }

    @Override
    public void rollback() throws SQLException {
        await(session::rollback, 0);
    }

    /** See the class comment: every level but NONE is accepted and runs as REPEATABLE READ. */
    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        checkOpen();
        switch (level) {
            case TRANSACTION_READ_UNCOMMITTED, TRANSACTION_READ_COMMITTED, TRANSACTION_REPEATABLE_READ,
                    TRANSACTION_SERIALIZABLE -> { }
            case TRANSACTION_NONE -> throw SqlErrors.unsupported("TRANSACTION_NONE (transactions cannot be turned off)");
            default -> throw new SQLException("unknown transaction isolation level " + level, "HY024");
        }
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
        checkOpen();
        return TRANSACTION_REPEATABLE_READ;
    }

    /** Accepted and remembered as a hint; the engine does not enforce it. */
    @Override
    public void setReadOnly(boolean readOnly) throws SQLException {
        checkOpen();
        this.readOnly = readOnly;
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        checkOpen();
        return readOnly;
    }

    // ---- small state -----------------------------------------------------------------------

    @Override
    public void setHoldability(int holdability) throws SQLException {
        checkOpen();
        CursorOptions.check(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY, holdability);
    }

    @Override
    public int getHoldability() throws SQLException {
        checkOpen();
        return ResultSet.CLOSE_CURSORS_AT_COMMIT;
    }

    @Override
    public void setClientInfo(String name, String value) throws SQLClientInfoException {
        if (value == null) {
            clientInfo.remove(name);
        } else {
            clientInfo.setProperty(name, value);
        }
    }

    @Override
    public void setClientInfo(Properties properties) throws SQLClientInfoException {
        clientInfo.clear();
        clientInfo.putAll(properties);
    }

    @Override
    public String getClientInfo(String name) throws SQLException {
        checkOpen();
        return clientInfo.getProperty(name);
    }

    @Override
    public Properties getClientInfo() throws SQLException {
        checkOpen();
        Properties copy = new Properties();
        copy.putAll(clientInfo);
        return copy;
    }

    /** No catalogs: accepted and ignored. */
    @Override
    public void setCatalog(String catalog) throws SQLException {
        checkOpen();
    }

    @Override
    public String getCatalog() throws SQLException {
        checkOpen();
        return null;
    }

    /** No schemas: accepted and ignored. */
    @Override
    public void setSchema(String schema) throws SQLException {
        checkOpen();
    }

    @Override
    public String getSchema() throws SQLException {
        checkOpen();
        return null;
    }
}
