package io.boreal.jdbc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.boreal.jdbc.BorealDriver;

/**
 * Until cross-partition commit lands, a transaction writes in one partition only. Whatever would
 * write in a second one fails with 0A000, and nothing of it, nor of its transaction, remains:
 * never a half-commit.
 */
class CrossPartitionWriteTest {

    private static final String URL = Sql.memUrl("cross-partition");
    private static Connection connection;

    @BeforeAll
    static void open() throws SQLException {
        connection = DriverManager.getConnection(URL);
        Sql.exec(connection, "CREATE TABLE spread (id INT PRIMARY KEY, v INT NOT NULL) PARTITION BY HASH(id) PARTITIONS 8");
    }

    @AfterAll
    static void close() throws SQLException {
        connection.close();
        BorealDriver.shutdown(URL);
    }

    @BeforeEach
    void reset() throws SQLException {
        connection.setAutoCommit(true);
        Sql.exec(connection, "DELETE FROM spread WHERE id = 1", "DELETE FROM spread WHERE id = 2",
                "DELETE FROM spread WHERE id = 3", "DELETE FROM spread WHERE id = 4");
        for (int id = 1; id <= 4; id++) {
            Sql.exec(connection, "INSERT INTO spread (id, v) VALUES (" + id + ", 0)");
        }
    }

    @Test
    void aMultiRowInsertOverPartitionsIsRefusedWhole() throws SQLException {
        SQLException e = assertThrows(SQLFeatureNotSupportedException.class, () ->
                Sql.exec(connection, "INSERT INTO spread (id, v) VALUES (10, 1), (11, 1), (12, 1), (13, 1)"));
        assertEquals("0A000", e.getSQLState());
        assertEquals(0L, Sql.single(connection, "SELECT COUNT(*) FROM spread WHERE id >= 10"));
    }

    @Test
    void anAutocommitUpdateOverPartitionsChangesNothing() throws SQLException {
        SQLException e = assertThrows(SQLFeatureNotSupportedException.class, () ->
                Sql.exec(connection, "UPDATE spread SET v = v + 1 WHERE id <= 4"));
        assertEquals("0A000", e.getSQLState());
        assertEquals(0L, Sql.single(connection, "SELECT SUM(v) FROM spread"));
        Sql.exec(connection, "UPDATE spread SET v = v + 1 WHERE id = 2");
        assertEquals(1L, Sql.single(connection, "SELECT SUM(v) FROM spread"));
    }

    @Test
    void aTransactionThatWritesASecondPartitionIsRolledBack() throws SQLException {
        connection.setAutoCommit(false);
        Sql.exec(connection, "UPDATE spread SET v = 5 WHERE id = 1");
        SQLException e = assertThrows(SQLFeatureNotSupportedException.class, () -> {
            for (int id = 2; id <= 4; id++) {
                Sql.exec(connection, "UPDATE spread SET v = 5 WHERE id = " + id); // some id lands elsewhere
            }
        });
        assertEquals("0A000", e.getSQLState());
        connection.rollback();
        connection.setAutoCommit(true);
        assertEquals(0L, Sql.single(connection, "SELECT SUM(v) FROM spread"));
    }
}
