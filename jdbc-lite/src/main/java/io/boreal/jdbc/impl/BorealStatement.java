package io.boreal.jdbc.impl;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.boreal.actors.StatementResult;

/**
 * A {@link java.sql.Statement} over its connection's session. Each execution yields one result: the
 * materialized rows of a query, or an update count with the keys AUTO_INCREMENT generated.
 * A batch of SQL texts runs one statement after the other and stops at the first failure
 * ({@link java.sql.BatchUpdateException} with the counts before it).
 *
 * <p>Thread-safety: used by one thread at a time, like its connection.
 */
public class BorealStatement extends StatementSurface {

    final BorealConnection connection;
    private final List<String> batch = new ArrayList<>();
    private boolean closed;
    private BorealResultSet resultSet;
    private long updateCount = -1;
    private List<Object> generatedKeys = List.of();
    private String keyLabel;

    BorealStatement(BorealConnection connection) {
        this.connection = connection;
    }

    // ---- the execution path shared with BorealPreparedStatement -----------------------------

    /** Runs {@code sql} in the engine after dropping the previous result. */
    final StatementResult run(String sql, List<?> params, String keysLabel) throws SQLException {
        checkOpen();
        clearResults();
        keyLabel = keysLabel;
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, queryTimeoutSeconds() * 1000L);
        return connection.await(() -> connection.session().execute(sql, params, timeoutMs), queryTimeoutSeconds());
    }

    /** Makes {@code result} the current one; true if it is a result set. */
    final boolean accept(StatementResult result) {
        if (result instanceof StatementResult.Rows rows) {
            resultSet = new BorealResultSet(this, rows.columns(), RowSource.limit(RowSource.of(rows.rows()), maxRowsLimit()));
            return true;
        }
        if (result instanceof StatementResult.Streamed streamed) {
            resultSet = new BorealResultSet(this, streamed.columns(),
                    RowSource.limit(RowSource.of(streamed.rows()), maxRowsLimit()));
            return true;
        }
        StatementResult.UpdateCount count = (StatementResult.UpdateCount) result;
        updateCount = count.count();
        generatedKeys = count.generatedKeys();
        return false;
    }

    final ResultSet queryResult(StatementResult result) throws SQLException {
        if (!accept(result)) {
            throw new SQLException("the statement returned no result set; use executeUpdate or execute", "02000");
        }
        return resultSet;
    }

    final long updateResult(StatementResult result) throws SQLException {
        if (accept(result)) {
            clearResults();
            throw new SQLException("the statement returned a result set; use executeQuery or execute", "HY000");
        }
        return updateCount;
    }

    final void clearResults() {
        if (resultSet != null) {
            resultSet.release();
            resultSet = null;
        }
        updateCount = -1;
        generatedKeys = List.of();
    }

    final void keepGeneratedKeys(List<Object> keys) {
        generatedKeys = keys;
    }

    /** Runs one batch entry in the engine. */
    @FunctionalInterface
    interface BatchEntryRun<E> {
        StatementResult run(E entry) throws SQLException;
    }

    /**
     * Runs batch entries one at a time, in order, and keeps the keys they generated. Stops at the
     * first entry that fails or returns rows, with a {@link java.sql.BatchUpdateException} that
     * carries the counts of the entries before it.
     */
    final <E> long[] runEach(List<E> entries, BatchEntryRun<E> entryRun) throws SQLException {
        long[] counts = new long[entries.size()];
        List<Object> keys = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            StatementResult result;
            try {
                result = entryRun.run(entries.get(i));
            } catch (SQLException e) {
                throw SqlErrors.batchFailed(Arrays.copyOf(counts, i), e);
            }
            if (!(result instanceof StatementResult.UpdateCount count)) {
                throw SqlErrors.batchFailed(Arrays.copyOf(counts, i),
                        new SQLException("a batch statement returned a result set", "HY000"));
            }
            counts[i] = count.count();
            keys.addAll(count.generatedKeys());
        }
        keepGeneratedKeys(keys);
        return counts;
    }

    /** A ResultSet of this statement was closed by the application. */
    final void onResultSetClosed(BorealResultSet closedSet) throws SQLException {
        if (closesOnCompletion() && (resultSet == null || resultSet == closedSet || resultSet.isClosed())) {
            close();
        }
    }

    /** Cancels this connection's running statement (JDBC's cancel comes from another thread): it fails with 57014. */
    @Override
    public void cancel() throws SQLException {
        checkOpen();
        connection.session().cancel();
    }

    @Override
    final void checkOpen() throws SQLException {
        connection.checkOpen();
        if (closed) {
            throw new SQLException("statement is closed", "HY010");
        }
    }

    /** The generated keys' label an execute method was asked for (see {@link GeneratedKeys#labelFor}). */
    @FunctionalInterface
    private interface KeysRequest {
        String label() throws SQLException;
    }

    /**
     * Runs SQL text passed to an execute method. The text is checked before the keys request is
     * read, so SQL text on a PreparedStatement fails first, whatever keys were asked for.
     */
    private StatementResult runText(String sql, KeysRequest keys) throws SQLException {
        checkTextSqlAllowed(sql);
        return run(sql, List.of(), keys.label());
    }

    /** A PreparedStatement refuses SQL text passed to execute (JDBC says so). */
    void checkTextSqlAllowed(String sql) throws SQLException {
        Arguments.checkNotNull("sql", sql);
    }

    // ---- execute ---------------------------------------------------------------------------

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        return queryResult(runText(sql, () -> null));
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        return updateResult(runText(sql, () -> null));
    }

    @Override
    public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        return updateResult(runText(sql, () -> GeneratedKeys.labelFor(autoGeneratedKeys)));
    }

    @Override
    public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
        return updateResult(runText(sql, () -> GeneratedKeys.labelFor(columnIndexes)));
    }

    @Override
    public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
        return updateResult(runText(sql, () -> GeneratedKeys.labelFor(columnNames)));
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        return saturated(executeLargeUpdate(sql));
    }

    @Override
    public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        return saturated(executeLargeUpdate(sql, autoGeneratedKeys));
    }

    @Override
    public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
        return saturated(executeLargeUpdate(sql, columnIndexes));
    }

    @Override
    public int executeUpdate(String sql, String[] columnNames) throws SQLException {
        return saturated(executeLargeUpdate(sql, columnNames));
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        return accept(runText(sql, () -> null));
    }

    @Override
    public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
        return accept(runText(sql, () -> GeneratedKeys.labelFor(autoGeneratedKeys)));
    }

    @Override
    public boolean execute(String sql, int[] columnIndexes) throws SQLException {
        return accept(runText(sql, () -> GeneratedKeys.labelFor(columnIndexes)));
    }

    @Override
    public boolean execute(String sql, String[] columnNames) throws SQLException {
        return accept(runText(sql, () -> GeneratedKeys.labelFor(columnNames)));
    }

    // ---- batches ---------------------------------------------------------------------------

    @Override
    public void addBatch(String sql) throws SQLException {
        checkOpen();
        checkTextSqlAllowed(sql);
        batch.add(sql);
    }

    @Override
    public void clearBatch() throws SQLException {
        checkOpen();
        batch.clear();
    }

    @Override
    public int[] executeBatch() throws SQLException {
        return Arrays.stream(executeLargeBatch()).mapToInt(BorealStatement::saturated).toArray();
    }

    /** Runs the batch's statements in order; stops at the first that fails or returns rows. */
    @Override
    public long[] executeLargeBatch() throws SQLException {
        checkOpen();
        List<String> entries = List.copyOf(batch);
        batch.clear();
        return runEach(entries, sql -> run(sql, List.of(), null));
    }

    // ---- results ---------------------------------------------------------------------------

    @Override
    public ResultSet getResultSet() throws SQLException {
        checkOpen();
        return resultSet;
    }

    @Override
    public int getUpdateCount() throws SQLException {
        return saturated(getLargeUpdateCount());
    }

    @Override
    public long getLargeUpdateCount() throws SQLException {
        checkOpen();
        return resultSet != null ? -1 : updateCount;
    }

    @Override
    public boolean getMoreResults() throws SQLException {
        return getMoreResults(CLOSE_CURRENT_RESULT);
    }

    /** There is only ever one result: moves past it and returns false. */
    @Override
    public boolean getMoreResults(int current) throws SQLException {
        checkOpen();
        if (resultSet != null && current != KEEP_CURRENT_RESULT) {
            resultSet.release();
        }
        resultSet = null;
        updateCount = -1;
        return false;
    }

    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        checkOpen();
        return GeneratedKeys.resultSet(this, keyLabel, generatedKeys);
    }

    @Override
    public Connection getConnection() throws SQLException {
        checkOpen();
        return connection;
    }

    // ---- lifecycle -------------------------------------------------------------------------

    @Override
    public void close() throws SQLException {
        if (!closed) {
            closed = true;
            clearResults();
            batch.clear();
        }
    }

    @Override
    public boolean isClosed() {
        return closed || connection.isClosed();
    }
}
