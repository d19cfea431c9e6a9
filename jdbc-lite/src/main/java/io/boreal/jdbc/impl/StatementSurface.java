package io.boreal.jdbc.impl;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The options of a {@link Statement}: timeouts, row limits, cursor kind, pooling flags (the
 * fetch hints are {@link FetchHints}'). Execution lives in {@link BorealStatement}.
 */
abstract class StatementSurface extends FetchHints implements Statement {

    private boolean closeOnCompletion;
    private boolean poolable;
    private int queryTimeoutSeconds;
    private long maxRows;

    final int queryTimeoutSeconds() {
        return queryTimeoutSeconds;
    }

    final long maxRowsLimit() {
        return maxRows;
    }

    static int saturated(long count) {
        return (int) Math.min(count, Integer.MAX_VALUE);
    }

    final boolean closesOnCompletion() {
        return closeOnCompletion;
    }

    @Override
    public int getMaxFieldSize() throws SQLException {
        checkOpen();
        return 0;
    }

    /** Only 0 (no limit) is accepted. */
    @Override
    public void setMaxFieldSize(int max) throws SQLException {
        checkOpen();
        if (max != 0) {
            throw SqlErrors.unsupported("a maximum field size");
        }
    }

    @Override
    public int getMaxRows() throws SQLException {
        return saturated(getLargeMaxRows());
    }

    @Override
    public void setMaxRows(int max) throws SQLException {
        setLargeMaxRows(max);
    }

    @Override
    public long getLargeMaxRows() throws SQLException {
        checkOpen();
        return maxRows;
    }

    /** Applied to the materialized rows: a result set shows at most {@code max} of them. */
    @Override
    public void setLargeMaxRows(long max) throws SQLException {
        checkOpen();
        Arguments.checkNotNegative("max rows", max);
        maxRows = max;
    }

    /** Accepted; the driver does no escape processing either way. */
    @Override
    public void setEscapeProcessing(boolean enable) throws SQLException {
        checkOpen();
    }

    @Override
    public int getQueryTimeout() throws SQLException {
        checkOpen();
        return queryTimeoutSeconds;
    }

    /** How long an execution may run: the engine cancels it then, and it fails with 57014. */
    @Override
    public void setQueryTimeout(int seconds) throws SQLException {
        checkOpen();
        Arguments.checkNotNegative("query timeout", seconds);
        queryTimeoutSeconds = seconds;
    }

    @Override
    public void setCursorName(String name) throws SQLException {
        throw SqlErrors.unsupported("named cursors");
    }

    @Override
    public int getResultSetConcurrency() throws SQLException {
        checkOpen();
        return ResultSet.CONCUR_READ_ONLY;
    }

    @Override
    public int getResultSetType() throws SQLException {
        checkOpen();
        return ResultSet.TYPE_FORWARD_ONLY;
    }

    @Override
    public int getResultSetHoldability() throws SQLException {
        checkOpen();
        return ResultSet.CLOSE_CURSORS_AT_COMMIT;
    }

    @Override
    public void setPoolable(boolean poolable) throws SQLException {
        checkOpen();
        this.poolable = poolable;
    }

    @Override
    public boolean isPoolable() throws SQLException {
        checkOpen();
        return poolable;
    }

    @Override
    public void closeOnCompletion() throws SQLException {
        checkOpen();
        closeOnCompletion = true;
    }

    @Override
    public boolean isCloseOnCompletion() throws SQLException {
        checkOpen();
        return closeOnCompletion;
    }
}
