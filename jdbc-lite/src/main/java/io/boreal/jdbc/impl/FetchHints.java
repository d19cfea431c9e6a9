package io.boreal.jdbc.impl;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The fetch hints that {@link java.sql.Statement} and {@link ResultSet} both take. Results are
 * materialized, so the hints change nothing: the direction can only be FETCH_FORWARD, and the
 * fetch size is checked, remembered and reported back. A result set does not inherit its
 * statement's hints.
 *
 * <p>Thread-safety: used by one thread at a time, like the connection.
 */
abstract class FetchHints extends JdbcResource {

    private int fetchSize;

    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
        if (direction != ResultSet.FETCH_FORWARD) {
            throw SqlErrors.unsupported("fetch direction " + direction + " (only FETCH_FORWARD)");
        }
    }

    public int getFetchDirection() throws SQLException {
        checkOpen();
        return ResultSet.FETCH_FORWARD;
    }

    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
        Arguments.checkNotNegative("fetch size", rows);
        fetchSize = rows;
    }

    public int getFetchSize() throws SQLException {
        checkOpen();
        return fetchSize;
    }
}
