package io.boreal.jdbc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every bad input fails with the SQLException subclass and SQLState of its kind, and the same
 * connection then still runs a good statement ({@link #connectionStillWorks}).
 */
class BadInputTest {

    private static final String URL = Sql.memUrl("bad-input");
    /** "position 27", "line 1, column 27", "at 27", "col 27", "offset 27", "char 27" … */
    private static final Pattern GIVES_POSITION =
            Pattern.compile("(?is).*\\b(position|pos|line|column|col|offset|char|at|near)\\b.*\\d.*");
    private static Connection connection;

    @BeforeAll
    static void createTable() throws SQLException {
        connection = DriverManager.getConnection(URL);
        Sql.exec(connection, "CREATE TABLE errs (id INT PRIMARY KEY, n INT, label VARCHAR(5) NOT NULL DEFAULT 'x')",
                "INSERT INTO errs (id, n) VALUES (1, 100)");
    }

    @AfterAll
    static void shutdown() throws SQLException {
        Sql.closeAndShutdown(connection, URL);
    }

    @AfterEach
    void connectionStillWorks() throws SQLException {
        assertEquals(List.of(100), Sql.ints(connection, "SELECT n FROM errs WHERE id = 1"));
        assertTrue(connection.isValid(1));
    }

    private static <T extends SQLException> T fails(Class<T> type, String sqlState, Executable call) {
        T e = assertThrows(type, call);
        assertEquals(sqlState, e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
        return e;
    }

    private static void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Test
    void aSyntaxErrorGivesItsPosition() {
        SQLSyntaxErrorException e = fails(SQLSyntaxErrorException.class, "42000",
                () -> execute("SELECT n FROM errs WHERE id = = 1"));
        assertTrue(GIVES_POSITION.matcher(e.getMessage()).matches(), e.getMessage());
    }

    @Test
    void aSyntaxErrorFailsPrepareStatement() {
        fails(SQLSyntaxErrorException.class, "42000", () -> connection.prepareStatement("SELEC n FROM errs"));
    }

    @Test
    void anUnknownTableIs42S02() {
        fails(SQLSyntaxErrorException.class, "42S02", () -> execute("SELECT * FROM no_such_table"));
        fails(SQLSyntaxErrorException.class, "42S02", () -> execute("INSERT INTO no_such_table VALUES (1)"));
    }

    @Test
    void anUnknownColumnIs42S22() {
        fails(SQLSyntaxErrorException.class, "42S22", () -> execute("SELECT no_such_column FROM errs"));
        fails(SQLSyntaxErrorException.class, "42S22", () -> execute("UPDATE errs SET no_such_column = 1 WHERE id = 1"));
    }

    @Test
    void aTypeMismatchIs22018() {
        fails(SQLDataException.class, "22018", () -> execute("INSERT INTO errs (id, n) VALUES (2, 'abc')"));
        assertEquals(0, countId(2));
    }

    @Test
    void aDuplicatePrimaryKeyIs23000() {
        fails(SQLIntegrityConstraintViolationException.class, "23000",
                () -> execute("INSERT INTO errs (id, n) VALUES (1, 5)"));
        fails(SQLIntegrityConstraintViolationException.class, "23000",
                () -> Sql.update(connection, "INSERT INTO errs (id, n) VALUES (?, ?)", 1, 6));
    }

    @Test
    void aMissingNotNullValueIs23000() {
        fails(SQLIntegrityConstraintViolationException.class, "23000",
                () -> execute("INSERT INTO errs (id, n, label) VALUES (3, 1, NULL)"));
        assertEquals(0, countId(3));
    }

    @Test
    void aFailedBatchEntryReportsTheCountsBeforeIt() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO errs (id, n) VALUES (?, ?)")) {
            for (int id : new int[] {10, 11, 1, 12}) {
                ps.setInt(1, id);
                ps.setInt(2, id);
                ps.addBatch();
            }
            BatchUpdateException e = fails(BatchUpdateException.class, "23000", ps::executeBatch);
            assertEquals(2, e.getUpdateCounts().length);
            assertInstanceOf(SQLIntegrityConstraintViolationException.class, e.getCause());
        }
        assertEquals(1, countId(10));
        assertEquals(1, countId(11));
    }

    private static long countId(int id) {
        try {
            return Sql.single(connection, "SELECT COUNT(*) FROM errs WHERE id = ?", id);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
