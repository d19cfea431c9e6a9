package io.boreal.jdbc.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

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

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import io.boreal.actors.SqlSession;
import io.boreal.storage.EngineException;

/** EngineException → SQLException subclass by SQLState class. */
class SqlErrorsTest {

    @ParameterizedTest
    @CsvSource({
        "42000, java.sql.SQLSyntaxErrorException",
        "42S02, java.sql.SQLSyntaxErrorException",
        "42S22, java.sql.SQLSyntaxErrorException",
        "23000, java.sql.SQLIntegrityConstraintViolationException",
        "40001, java.sql.SQLTransactionRollbackException",
        "40P01, java.sql.SQLTransactionRollbackException",
        "22018, java.sql.SQLDataException",
        "22001, java.sql.SQLDataException",
        "08003, java.sql.SQLNonTransientConnectionException",
        "0A000, java.sql.SQLFeatureNotSupportedException",
        "55P03, java.sql.SQLException",
        "25000, java.sql.SQLException",
        "XX000, java.sql.SQLException",
    })
    void theSqlStateClassPicksTheSubclass(String state, String className) {
        EngineException cause = new EngineException(state, "message for " + state);
        SQLException e = SqlErrors.fromEngine(new CompletionException(new ExecutionException(cause)));
        assertEquals(className, e.getClass().getName());
        assertEquals(state, e.getSQLState());
        assertEquals("message for " + state, e.getMessage());
        assertSame(cause, e.getCause());
    }

    @Test
    void aBatchFailureKeepsTheCountsAndTheCauseState() {
        SQLException e = SqlErrors.fromEngine(new CompletionException(new SqlSession.BatchFailure(new long[] {1, 0},
                EngineException.duplicateKey("PRIMARY", 5))));
        BatchUpdateException batch = assertInstanceOf(BatchUpdateException.class, e);
        assertEquals("23000", batch.getSQLState());
        assertArrayEquals(new long[] {1, 0}, batch.getLargeUpdateCounts());
        assertInstanceOf(SQLIntegrityConstraintViolationException.class, batch.getCause());
    }

    @Test
    void anythingElseIsAnInternalError() {
        SQLException e = SqlErrors.fromEngine(new IllegalStateException("bug"));
        assertEquals("XX000", e.getSQLState());
        assertInstanceOf(IllegalStateException.class, e.getCause());
        SQLException passed = new SQLDataException("x", "22003");
        assertSame(passed, SqlErrors.fromEngine(new CompletionException(passed)));
    }

    @Test
    void factoriesOfTheContractMapAsDocumented() {
        assertInstanceOf(SQLSyntaxErrorException.class, SqlErrors.fromEngine(EngineException.syntax("x")));
        assertInstanceOf(SQLSyntaxErrorException.class, SqlErrors.fromEngine(EngineException.unknownTable("t")));
        assertInstanceOf(SQLDataException.class, SqlErrors.fromEngine(EngineException.typeMismatch("x")));
        assertInstanceOf(SQLTransactionRollbackException.class, SqlErrors.fromEngine(EngineException.writeConflict("x")));
        assertInstanceOf(SQLFeatureNotSupportedException.class, SqlErrors.fromEngine(EngineException.notSupported("x")));
        assertInstanceOf(SQLNonTransientConnectionException.class,
                SqlErrors.fromEngine(new EngineException("08003", "closed")));
    }
}
