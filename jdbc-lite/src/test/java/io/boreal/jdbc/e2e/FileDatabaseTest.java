package io.boreal.jdbc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.boreal.jdbc.BorealDriver;

/** {@code jdbc:boreal:file:DIR}: durable across shutdown, one database per directory. */
class FileDatabaseTest {

    @TempDir
    Path temp;

    @Test
    void committedRowsSurviveShutdownAndReopen() throws SQLException {
        Path dir = temp.resolve("durable");
        String url = "jdbc:boreal:file:" + dir;
        String otherSpelling = "jdbc:boreal:file:" + temp + "/x/../durable/";
        try {
            try (Connection c = DriverManager.getConnection(url)) {
                Sql.exec(c, "CREATE TABLE durable (id INT PRIMARY KEY, v VARCHAR(20) NOT NULL) PARTITION BY HASH(id) PARTITIONS 4");
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO durable (id, v) VALUES (?, ?)")) {
                    for (int id = 1; id <= 100; id++) {
                        ps.setInt(1, id);
                        ps.setString(2, "v" + id);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                c.setAutoCommit(false);
                Sql.update(c, "INSERT INTO durable (id, v) VALUES (101, 'committed')");
                c.commit();
                Sql.update(c, "INSERT INTO durable (id, v) VALUES (102, 'never committed')");
                BorealDriver.shutdown(url);
                assertTrue(c.isClosed());
            }
            try (Connection c = DriverManager.getConnection(otherSpelling)) {
                assertEquals(101, Sql.single(c, "SELECT COUNT(*) FROM durable"));
                assertEquals(List.of(List.of("v42")), Sql.rows(c, "SELECT v FROM durable WHERE id = 42"));
                assertEquals(List.of(List.of("committed")), Sql.rows(c, "SELECT v FROM durable WHERE id = 101"));
                assertEquals(0, Sql.single(c, "SELECT COUNT(*) FROM durable WHERE id = 102"));
            }
        } finally {
            BorealDriver.shutdown(url);
        }
    }

    @Test
    void twoSpellingsOfOneDirectoryReachOneOpenDatabase() throws SQLException {
        Path dir = temp.resolve("shared");
        String absolute = "jdbc:boreal:file:" + dir;
        String relative = "jdbc:boreal:file:" + Path.of("").toAbsolutePath().relativize(dir);
        try (Connection a = DriverManager.getConnection(absolute); Connection b = DriverManager.getConnection(relative)) {
            Sql.exec(a, "CREATE TABLE shared (id INT PRIMARY KEY)" + Sql.ONE_PARTITION, "INSERT INTO shared (id) VALUES (1), (2)");
            assertEquals(2, Sql.single(b, "SELECT COUNT(*) FROM shared"));
        } finally {
            BorealDriver.shutdown(absolute);
        }
    }

    @Test
    void openConnectionsFailAfterShutdown() throws SQLException {
        String url = "jdbc:boreal:file:" + temp.resolve("closing");
        try (Connection c = DriverManager.getConnection(url)) {
            Sql.exec(c, "CREATE TABLE t (id INT PRIMARY KEY)");
            BorealDriver.shutdown(url);
            assertTrue(c.isClosed());
            assertFalse(c.isValid(1));
            SQLException e = assertThrows(SQLException.class, () -> Sql.exec(c, "SELECT id FROM t"));
            assertTrue(e.getSQLState().startsWith("08"), e.getSQLState());
        } finally {
            BorealDriver.shutdown(url);
        }
    }
}
