package io.boreal.jdbc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


/**
 * Transaction control through SQL and through JDBC, watched from a second connection: commit
 * publishes, rollback really undoes, uncommitted rows stay invisible to others, a snapshot is
 * repeatable. Each test uses its own keys, so the order of tests does not matter.
 */
class TransactionRoundTripTest {

    private static final String URL = Sql.memUrl("transactions");

    @BeforeAll
    static void createTable() throws SQLException {
        try (Connection c = DriverManager.getConnection(URL)) {
            Sql.exec(c, "CREATE TABLE tx_rows (id INT PRIMARY KEY, v INT NOT NULL)" + Sql.ONE_PARTITION);
        }
    }

    @AfterAll
    static void shutdown() throws SQLException {
        Sql.shutdown(URL);
    }

    private static long countId(Connection c, int id) throws SQLException {
        return Sql.single(c, "SELECT COUNT(*) FROM tx_rows WHERE id = ?", id);
    }

    private static List<Integer> valueOf(Connection c, int id) throws SQLException {
        return Sql.ints(c, "SELECT v FROM tx_rows WHERE id = ?", id);
    }

    @Test
    void sqlBeginAndCommitPublishTheRows() throws SQLException {
        try (Connection a = DriverManager.getConnection(URL); Connection b = DriverManager.getConnection(URL)) {
            Sql.exec(a, "BEGIN", "INSERT INTO tx_rows (id, v) VALUES (1, 10)", "UPDATE tx_rows SET v = v + 1 WHERE id = 1");
            assertEquals(List.of(11), valueOf(a, 1));
            assertEquals(0, countId(b, 1));
            Sql.exec(a, "COMMIT");
            assertEquals(List.of(11), valueOf(b, 1));
        }
    }

    @Test
    void sqlRollbackUndoesInsertsUpdatesAndDeletes() throws SQLException {
        try (Connection a = DriverManager.getConnection(URL); Connection b = DriverManager.getConnection(URL)) {
            Sql.exec(a, "INSERT INTO tx_rows (id, v) VALUES (10, 10), (11, 11)");
            Sql.exec(a, "START TRANSACTION", "INSERT INTO tx_rows (id, v) VALUES (12, 12)",
                    "UPDATE tx_rows SET v = 99 WHERE id = 10", "DELETE FROM tx_rows WHERE id = 11");
            assertEquals(List.of(99), valueOf(a, 10));
            assertEquals(List.of(10), valueOf(b, 10));
            assertEquals(1, countId(b, 11));
            Sql.exec(a, "ROLLBACK");
            for (Connection c : List.of(a, b)) {
                assertEquals(List.of(10), valueOf(c, 10));
                assertEquals(List.of(11), valueOf(c, 11));
                assertEquals(0, countId(c, 12));
            }
        }
    }

    @Test
    void jdbcCommitPublishesAndOthersDoNotSeeUncommittedRows() throws SQLException {
        try (Connection a = DriverManager.getConnection(URL); Connection b = DriverManager.getConnection(URL)) {
            a.setAutoCommit(false);
            Sql.update(a, "INSERT INTO tx_rows (id, v) VALUES (?, ?)", 20, 20);
            Sql.update(a, "INSERT INTO tx_rows (id, v) VALUES (?, ?)", 21, 21);
            assertEquals(1, countId(a, 20));
            assertEquals(0, countId(b, 20));
            assertEquals(0, countId(b, 21));
            a.commit();
            assertEquals(1, countId(b, 20));
            assertEquals(1, countId(b, 21));
        }
    }

    @Test
    void jdbcRollbackReallyUndoes() throws SQLException {
        try (Connection a = DriverManager.getConnection(URL); Connection b = DriverManager.getConnection(URL)) {
            Sql.update(a, "INSERT INTO tx_rows (id, v) VALUES (30, 30)");
            a.setAutoCommit(false);
            Sql.update(a, "UPDATE tx_rows SET v = v + 1 WHERE id = 30");
            Sql.update(a, "INSERT INTO tx_rows (id, v) VALUES (31, 31)");
            assertEquals(List.of(31), valueOf(a, 30));
            a.rollback();
            for (Connection c : List.of(a, b)) {
                assertEquals(List.of(30), valueOf(c, 30));
                assertEquals(0, countId(c, 31));
            }
            Sql.update(a, "INSERT INTO tx_rows (id, v) VALUES (32, 32)");
            a.commit();
            assertEquals(1, countId(b, 32));
        }
    }

    @Test
    void turningAutocommitBackOnCommits() throws SQLException {
        try (Connection a = DriverManager.getConnection(URL); Connection b = DriverManager.getConnection(URL)) {
            a.setAutoCommit(false);
            Sql.update(a, "INSERT INTO tx_rows (id, v) VALUES (40, 40)");
            assertEquals(0, countId(b, 40));
            a.setAutoCommit(true);
            assertEquals(1, countId(b, 40));
        }
    }

    @Test
    void closingAConnectionRollsItsTransactionBack() throws SQLException {
        try (Connection b = DriverManager.getConnection(URL)) {
            Connection a = DriverManager.getConnection(URL);
            a.setAutoCommit(false);
            Sql.update(a, "INSERT INTO tx_rows (id, v) VALUES (50, 50)");
            a.close();
            assertEquals(0, countId(b, 50));
            Sql.update(b, "INSERT INTO tx_rows (id, v) VALUES (50, 51)");
            assertEquals(List.of(51), valueOf(b, 50));
        }
    }

    @Test
    void aTransactionReadsOneSnapshot() throws SQLException {
        try (Connection a = DriverManager.getConnection(URL); Connection b = DriverManager.getConnection(URL)) {
            Sql.update(b, "INSERT INTO tx_rows (id, v) VALUES (60, 10)");
            a.setAutoCommit(false);
            assertEquals(List.of(10), valueOf(a, 60));
            Sql.update(b, "UPDATE tx_rows SET v = 20 WHERE id = 60");
            Sql.update(b, "INSERT INTO tx_rows (id, v) VALUES (61, 61)");
            assertEquals(List.of(10), valueOf(a, 60));
            assertEquals(0, countId(a, 61));
            a.commit();
            assertEquals(List.of(20), valueOf(a, 60));
            assertEquals(1, countId(a, 61));
        }
    }

    @Test
    void isolationIsReportedAsRepeatableRead() throws SQLException {
        try (Connection a = DriverManager.getConnection(URL)) {
            assertEquals(Connection.TRANSACTION_REPEATABLE_READ, a.getTransactionIsolation());
            a.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            assertEquals(Connection.TRANSACTION_REPEATABLE_READ, a.getTransactionIsolation());
            a.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            assertEquals(Connection.TRANSACTION_REPEATABLE_READ, a.getTransactionIsolation());
            assertThrows(SQLException.class, () -> a.setTransactionIsolation(Connection.TRANSACTION_NONE));
            assertEquals(Connection.TRANSACTION_REPEATABLE_READ, a.getMetaData().getDefaultTransactionIsolation());
        }
    }
}
