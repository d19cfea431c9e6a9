package io.boreal.jdbc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;


/**
 * Transactions over several partitions commit in two phases: all of it becomes visible at once,
 * or none of it does — never a half-commit.
 */
class CrossPartitionCommitTest {

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
        Sql.shutdown(URL);
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
    void aMultiRowInsertOverPartitionsCommitsWhole() throws SQLException {
        Sql.exec(connection, "INSERT INTO spread (id, v) VALUES (10, 1), (11, 1), (12, 1), (13, 1)");
        assertEquals(4L, Sql.single(connection, "SELECT COUNT(*) FROM spread WHERE id >= 10"));
        Sql.exec(connection, "DELETE FROM spread WHERE id >= 10");
        assertEquals(0L, Sql.single(connection, "SELECT COUNT(*) FROM spread WHERE id >= 10"));
    }

    @Test
    void aMultiRowInsertThatFailsInOnePartitionLeavesNothing() throws SQLException {
        SQLException e = assertThrows(SQLException.class, () ->
                Sql.exec(connection, "INSERT INTO spread (id, v) VALUES (20, 1), (21, 1), (22, 1), (3, 1)"));
        assertEquals("23000", e.getSQLState());
        assertEquals(0L, Sql.single(connection, "SELECT COUNT(*) FROM spread WHERE id >= 20"));
        assertEquals(0L, Sql.single(connection, "SELECT SUM(v) FROM spread"));
    }

    @Test
    void anAutocommitUpdateOverPartitionsChangesEveryPartition() throws SQLException {
        Sql.exec(connection, "UPDATE spread SET v = v + 1 WHERE id <= 4");
        assertEquals(4L, Sql.single(connection, "SELECT SUM(v) FROM spread"));
    }

    @Test
    void aTransactionOverPartitionsIsInvisibleUntilItCommitsThenVisibleWhole() throws SQLException {
        try (Connection reader = DriverManager.getConnection(URL)) {
            connection.setAutoCommit(false);
            for (int id = 1; id <= 4; id++) {
                Sql.exec(connection, "UPDATE spread SET v = 5 WHERE id = " + id);
            }
            assertEquals(20L, Sql.single(connection, "SELECT SUM(v) FROM spread"));
            assertEquals(0L, Sql.single(reader, "SELECT SUM(v) FROM spread"));
            connection.commit();
            assertEquals(20L, Sql.single(reader, "SELECT SUM(v) FROM spread"));
        }
    }

    @Test
    void aRollbackUndoesEveryPartition() throws SQLException {
        connection.setAutoCommit(false);
        for (int id = 1; id <= 4; id++) {
            Sql.exec(connection, "UPDATE spread SET v = 7 WHERE id = " + id);
        }
        connection.rollback();
        connection.setAutoCommit(true);
        assertEquals(0L, Sql.single(connection, "SELECT SUM(v) FROM spread"));
        Sql.exec(connection, "UPDATE spread SET v = v + 1 WHERE id <= 4"); // no lock was left behind
        assertEquals(4L, Sql.single(connection, "SELECT SUM(v) FROM spread"));
    }

    /** Several keys named by IN, in one partition or several, are one write (not one per key). */
    @Test
    void aWriteOverKeysNamedByInAppliesToEach() throws SQLException {
        Sql.exec(connection, "UPDATE spread SET v = v + 1 WHERE id IN (1, 2, 3, 4)");
        assertEquals(4L, Sql.single(connection, "SELECT SUM(v) FROM spread"));
        connection.setAutoCommit(false);
        Sql.exec(connection, "UPDATE spread SET v = v + 1 WHERE id IN (1, 2)");
        connection.commit();
        connection.setAutoCommit(true);
        assertEquals(6L, Sql.single(connection, "SELECT SUM(v) FROM spread"));
    }
}
