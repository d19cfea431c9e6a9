package io.boreal.jdbc.impl;

import java.sql.SQLException;
import java.sql.SQLWarning;

/**
 * A connection, statement or result set: open until it (or what it belongs to) is closed.
 * Every call that needs it open goes through {@link #checkOpen()}, which then fails with the
 * SQLState of the subclass's kind (08xxx for a connection, HY010 for a statement or result
 * set). The engine raises no warnings, so while open there are none to report.
 *
 * <p>Thread-safety: as the subclass states; {@link #checkOpen()} may be called from any
 * thread that may use the object.
 */
abstract class JdbcResource extends SelfWrapper {

    /** Fails if this object, or the one it belongs to, is closed. */
    abstract void checkOpen() throws SQLException;

    /** Always null: the engine raises no warnings. */
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return null;
    }

    public void clearWarnings() throws SQLException {
        checkOpen();
    }
}
