package io.boreal.jdbc.impl;

import java.sql.BatchUpdateException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransactionRollbackException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import io.boreal.actors.SqlSession;
import io.boreal.storage.EngineException;

/**
 * Turns what the engine reports into the {@link SQLException} subclass JDBC callers dispatch on,
 * always with a message and an SQLState:
 *
 * <pre>
 *   42xxx  SQLSyntaxErrorException                  22xxx  SQLDataException
 *   23xxx  SQLIntegrityConstraintViolationException 08xxx  SQLNonTransientConnectionException
 *   40xxx  SQLTransactionRollbackException          0Axxx  SQLFeatureNotSupportedException
 *   other  SQLException
 * </pre>
 */
public final class SqlErrors {

    /** SQLState of a failure that is not the engine's (a bug below the driver). */
    public static final String INTERNAL = "XX000";

    private SqlErrors() {
    }

    /**
     * Maps a failure of an engine call: unwraps {@link CompletionException} and
     * {@link ExecutionException}, maps {@link EngineException} by SQLState and
     * {@link SqlSession.BatchFailure} to {@link BatchUpdateException}; an SQLException passes.
     */
    public static SQLException fromEngine(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof SQLException sql) {
            return sql;
        }
        if (t instanceof SqlSession.BatchFailure batch) {
            return batchFailed(batch.countsBefore(), fromEngine(batch.engineCause()));
        }
        if (t instanceof EngineException engine) {
            return of(engine.getMessage(), engine.sqlState(), engine);
        }
        return new SQLException("internal error: " + t, INTERNAL, t);
    }

    /** The SQLException subclass for {@code sqlState}'s class. */
    public static SQLException of(String message, String sqlState, Throwable cause) {
        String state = sqlState == null || sqlState.length() != 5 ? INTERNAL : sqlState;
        String text = message == null ? "engine error " + state : message;
        return switch (state.substring(0, 2)) {
            case "42" -> new SQLSyntaxErrorException(text, state, cause);
            case "23" -> new SQLIntegrityConstraintViolationException(text, state, cause);
            case "40" -> new SQLTransactionRollbackException(text, state, cause);
            case "22" -> new SQLDataException(text, state, cause);
            case "08" -> new SQLNonTransientConnectionException(text, state, cause);
            case "0A" -> new SQLFeatureNotSupportedException(text, state, cause);
            default -> new SQLException(text, state, cause);
        };
    }

    /** A batch stopped at an entry: the counts of the entries before it and why it failed. */
    public static BatchUpdateException batchFailed(long[] countsBefore, SQLException cause) {
        BatchUpdateException e = new BatchUpdateException("batch entry " + (countsBefore.length + 1)
                + " failed: " + cause.getMessage(), cause.getSQLState(), cause.getErrorCode(),
                countsBefore, cause);
        e.setNextException(cause);
        return e;
    }

    /** A call on something closed: SQLState 08003. */
    public static SQLException closed(String what) {
        return new SQLNonTransientConnectionException(what + " is closed", "08003");
    }

    /** A JDBC feature the driver does not offer: SQLState 0A000. */
    public static SQLFeatureNotSupportedException unsupported(String what) {
        return new SQLFeatureNotSupportedException(what + " is not supported by Boreal JDBC-lite", "0A000");
    }

    /** The innermost cause behind completion wrappers. */
    static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
