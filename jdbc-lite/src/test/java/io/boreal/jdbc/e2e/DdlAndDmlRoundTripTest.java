package io.boreal.jdbc.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every DDL and DML statement kind, through DriverManager, against one in-memory database. */
class DdlAndDmlRoundTripTest {

    private static final String URL = Sql.memUrl("ddl-dml");
    private static final String EVERY_TYPE_COLUMNS = "(id INT NOT NULL PRIMARY KEY, big BIGINT NOT NULL,"
            + " name VARCHAR(40) NOT NULL DEFAULT 'none', code CHAR(3), ratio DOUBLE, price DECIMAL(10,2),"
            + " active BOOLEAN DEFAULT TRUE, created TIMESTAMP)";
    private static Connection connection;

    @BeforeAll
    static void connect() throws SQLException {
        connection = DriverManager.getConnection(URL);
    }

    @AfterAll
    static void shutdown() throws SQLException {
        Sql.closeAndShutdown(connection, URL);
    }

    @Test
    void everyColumnTypeAndConstraintRoundTripsThroughLiterals() throws SQLException {
        Sql.exec(connection, "CREATE TABLE every_type " + EVERY_TYPE_COLUMNS + Sql.ONE_PARTITION);
        try (Statement statement = connection.createStatement()) {
            assertEquals(2, statement.executeUpdate("INSERT INTO every_type (id, big, name, code, ratio, price, active, created)"
                    + " VALUES (1, 10000000000, 'alpha', 'AAA', 1.5, 12.34, TRUE, '2024-01-02 03:04:05'),"
                    + " (2, -5, 'beta', NULL, NULL, NULL, FALSE, NULL)"));
            assertEquals(1, statement.executeUpdate("INSERT INTO every_type (id, big) VALUES (3, 3)"));
            try (ResultSet rs = statement.executeQuery(
                    "SELECT id, big, name, code, ratio, price, active, created FROM every_type ORDER BY id")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt("id"));
                assertEquals(10_000_000_000L, rs.getLong("big"));
                assertEquals("alpha", rs.getString("name"));
                assertEquals("AAA", rs.getString("code"));
                assertEquals(1.5, rs.getDouble("ratio"));
                assertEquals(0, new BigDecimal("12.34").compareTo(rs.getBigDecimal("price")));
                assertTrue(rs.getBoolean("active"));
                assertEquals(Timestamp.valueOf("2024-01-02 03:04:05"), rs.getTimestamp("created"));
                assertInstanceOf(Integer.class, rs.getObject("id"));
                assertInstanceOf(Long.class, rs.getObject("big"));
                assertInstanceOf(String.class, rs.getObject("name"));
                assertInstanceOf(Double.class, rs.getObject("ratio"));
                assertInstanceOf(BigDecimal.class, rs.getObject("price"));
                assertInstanceOf(Boolean.class, rs.getObject("active"));
                assertInstanceOf(Timestamp.class, rs.getObject("created"));

                assertTrue(rs.next());
                assertEquals(-5L, rs.getLong("big"));
                assertNull(rs.getString("code"));
                assertTrue(rs.wasNull());
                assertEquals(0.0, rs.getDouble("ratio"));
                assertTrue(rs.wasNull());
                assertNull(rs.getBigDecimal("price"));
                assertFalse(rs.getBoolean("active"));
                assertFalse(rs.wasNull());
                assertNull(rs.getTimestamp("created"));

                assertTrue(rs.next());
                assertEquals("none", rs.getString("name"));
                assertTrue(rs.getBoolean("active"));
                assertNull(rs.getObject("code"));
                assertFalse(rs.next());
            }
        }
    }

    @Test
    void preparedInsertBindsEveryType() throws SQLException {
        Sql.exec(connection, "CREATE TABLE prepared_types " + EVERY_TYPE_COLUMNS);
        String insert = "INSERT INTO prepared_types (id, big, name, code, ratio, price, active, created)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = connection.prepareStatement(insert)) {
            assertEquals(8, ps.getParameterMetaData().getParameterCount());
            ps.setInt(1, 10);
            ps.setLong(2, 1L << 40);
            ps.setString(3, "gamma");
            ps.setString(4, "XYZ");
            ps.setDouble(5, 0.125);
            ps.setBigDecimal(6, new BigDecimal("99.99"));
            ps.setBoolean(7, false);
            ps.setTimestamp(8, Timestamp.valueOf("2023-12-31 23:59:59"));
            assertEquals(1, ps.executeUpdate());

            ps.setInt(1, 11);
            ps.setObject(2, 7L);
            ps.setObject(3, "delta");
            ps.setNull(4, Types.CHAR);
            ps.setNull(5, Types.DOUBLE);
            ps.setObject(6, new BigDecimal("0.50"));
            ps.setObject(7, Boolean.TRUE);
            ps.setDate(8, Date.valueOf("2024-02-29"));
            assertEquals(1, ps.executeUpdate());
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT big, name, code, ratio, price, active, created FROM prepared_types WHERE id = ?")) {
            ps.setInt(1, 10);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(1L << 40, rs.getLong(1));
                assertEquals("gamma", rs.getString(2));
                assertEquals("XYZ", rs.getString(3));
                assertEquals(0.125, rs.getDouble(4));
                assertEquals(0, new BigDecimal("99.99").compareTo(rs.getBigDecimal(5)));
                assertFalse(rs.getBoolean(6));
                assertEquals(Timestamp.valueOf("2023-12-31 23:59:59"), rs.getTimestamp(7));
                assertFalse(rs.next());
            }
            ps.setInt(1, 11);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(7, rs.getInt(1));
                assertNull(rs.getString(3));
                assertNull(rs.getObject(4));
                assertEquals(0, new BigDecimal("0.5").compareTo(rs.getBigDecimal(5)));
                assertTrue(rs.getBoolean(6));
                assertEquals(Timestamp.valueOf("2024-02-29 00:00:00"), rs.getTimestamp(7));
                assertEquals(Date.valueOf("2024-02-29"), rs.getDate(7));
            }
        }
    }

    @Test
    void batchesReportOneCountPerEntry() throws SQLException {
        Sql.exec(connection, "CREATE TABLE batch_rows (id INT PRIMARY KEY, v VARCHAR(20))" + Sql.ONE_PARTITION);
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO batch_rows (id, v) VALUES (?, ?)")) {
            for (int id = 1; id <= 50; id++) {
                ps.setInt(1, id);
                ps.setString(2, "v" + id);
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            assertEquals(50, counts.length);
            for (int count : counts) {
                assertEquals(1, count);
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.addBatch("INSERT INTO batch_rows (id, v) VALUES (101, 'x')");
            statement.addBatch("UPDATE batch_rows SET v = 'y' WHERE id <= 10");
            statement.addBatch("DELETE FROM batch_rows WHERE id = 50");
            assertArrayEquals(new int[] {1, 10, 1}, statement.executeBatch());
        }
        assertEquals(50, Sql.single(connection, "SELECT COUNT(*) FROM batch_rows"));
        assertEquals(10, Sql.single(connection, "SELECT COUNT(*) FROM batch_rows WHERE v = 'y'"));
        assertEquals(List.of(List.of("v25")), Sql.rows(connection, "SELECT v FROM batch_rows WHERE id = ?", 25));
    }

    @Test
    void autoIncrementKeysComeBackThroughGetGeneratedKeys() throws SQLException {
        Sql.exec(connection, "CREATE TABLE auto_keys (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                + " name VARCHAR(20) NOT NULL)" + Sql.ONE_PARTITION);
        Map<Long, String> expected = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement()) {
            assertEquals(1, statement.executeUpdate("INSERT INTO auto_keys (name) VALUES ('a')",
                    Statement.RETURN_GENERATED_KEYS));
            collectKeys(statement.getGeneratedKeys(), List.of("a"), expected);
            assertEquals(2, statement.executeUpdate("INSERT INTO auto_keys (name) VALUES ('b'), ('c')",
                    Statement.RETURN_GENERATED_KEYS));
            collectKeys(statement.getGeneratedKeys(), List.of("b", "c"), expected);
        }
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO auto_keys (name) VALUES (?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, "d");
            assertEquals(1, ps.executeUpdate());
            collectKeys(ps.getGeneratedKeys(), List.of("d"), expected);
        }
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO auto_keys (name) VALUES (?)",
                new String[] {"id"})) {
            for (String name : List.of("e", "f", "g")) {
                ps.setString(1, name);
                ps.addBatch();
            }
            assertArrayEquals(new int[] {1, 1, 1}, ps.executeBatch());
            collectKeys(ps.getGeneratedKeys(), List.of("e", "f", "g"), expected);
        }
        assertEquals(7, expected.size(), "keys are distinct: " + expected);
        assertEquals(7, Sql.single(connection, "SELECT COUNT(*) FROM auto_keys"));
        for (Map.Entry<Long, String> row : expected.entrySet()) {
            assertEquals(List.of(List.of(row.getValue())),
                    Sql.rows(connection, "SELECT name FROM auto_keys WHERE id = ?", row.getKey()));
        }
    }

    private static void collectKeys(ResultSet keys, List<String> names, Map<Long, String> into) throws SQLException {
        List<Long> seen = new ArrayList<>();
        try (keys) {
            while (keys.next()) {
                seen.add(keys.getLong(1));
            }
        }
        assertEquals(names.size(), seen.size(), "one key per inserted row");
        for (int i = 0; i < names.size(); i++) {
            into.put(seen.get(i), names.get(i));
        }
    }

    @Test
    void createIndexServesQueriesAndDropTableRemovesTheTable() throws SQLException {
        Sql.exec(connection, "CREATE TABLE indexed (id INT PRIMARY KEY, city VARCHAR(20) NOT NULL)" + Sql.ONE_PARTITION,
                "CREATE INDEX indexed_city ON indexed (city)",
                "INSERT INTO indexed (id, city) VALUES (1, 'Oslo'), (2, 'Bergen'), (3, 'Oslo'), (4, 'Tromso'),"
                        + " (5, 'Oslo'), (6, 'Bergen')");
        assertEquals(List.of(1, 3, 5), Sql.ints(connection, "SELECT id FROM indexed WHERE city = 'Oslo' ORDER BY id"));
        assertEquals(List.of(2, 6), Sql.ints(connection, "SELECT id FROM indexed WHERE city = ? ORDER BY id", "Bergen"));
        Sql.update(connection, "UPDATE indexed SET city = 'Bergen' WHERE id = 1");
        assertEquals(List.of(1, 2, 6), Sql.ints(connection, "SELECT id FROM indexed WHERE city = 'Bergen' ORDER BY id"));
        assertEquals(List.of(3, 5), Sql.ints(connection, "SELECT id FROM indexed WHERE city = 'Oslo' ORDER BY id"));

        Sql.exec(connection, "DROP TABLE indexed");
        SQLException gone = assertThrows(SQLException.class, () -> Sql.ints(connection, "SELECT id FROM indexed"));
        assertEquals("42S02", gone.getSQLState());
        Sql.exec(connection, "CREATE TABLE indexed (id INT PRIMARY KEY)");
        assertEquals(0, Sql.single(connection, "SELECT COUNT(*) FROM indexed"));
    }

    /**
     * DDL in a transaction commits it first, as MySQL does. CREATE INDEX waits for the writes in
     * flight on its table: before, the session's own open UPDATE was one of them, and the
     * statement hung until its timeout.
     */
    @Test
    void ddlInsideATransactionCommitsItFirst() throws SQLException {
        Sql.exec(connection, "CREATE TABLE ddl_in_txn (id INT PRIMARY KEY, v INT NOT NULL)" + Sql.ONE_PARTITION,
                "INSERT INTO ddl_in_txn (id, v) VALUES (1, 1), (2, 2)");
        Sql.exec(connection, "BEGIN", "UPDATE ddl_in_txn SET v = 10 WHERE id = 1", "CREATE INDEX ddl_in_txn_v ON ddl_in_txn (v)",
                "ROLLBACK"); // nothing left to roll back: CREATE INDEX committed the UPDATE
        try (Connection other = DriverManager.getConnection(URL)) {
            assertEquals(List.of(1), Sql.ints(other, "SELECT id FROM ddl_in_txn WHERE v = 10"));
        }
        Sql.exec(connection, "DROP TABLE ddl_in_txn");
    }

    /** Quoted identifiers may hold any character; the actors behind them are named apart from them. */
    @Test
    void quotedNamesWithAnyCharacterWork() throws SQLException {
        Sql.exec(connection, "CREATE TABLE `odd table/ü $1` (id INT PRIMARY KEY, `odd col` INT)",
                "INSERT INTO `odd table/ü $1` (id, `odd col`) VALUES (1, 7), (2, 8)",
                "CREATE INDEX `odd index $/.#?` ON `odd table/ü $1` (`odd col`)");
        assertEquals(List.of(2), Sql.ints(connection, "SELECT id FROM `odd table/ü $1` WHERE `odd col` = 8"));
        Sql.exec(connection, "DROP TABLE `odd table/ü $1`");
    }

    /** A write refused by the partition (22001) leaves nothing in flight there: CREATE INDEX does not wait for it. */
    @Test
    void createIndexAfterARefusedWrite() throws SQLException {
        Sql.exec(connection, "CREATE TABLE refused_then_indexed (id INT PRIMARY KEY, s VARCHAR(3), x DOUBLE)" + Sql.ONE_PARTITION,
                "INSERT INTO refused_then_indexed (id, s) VALUES (1, 'a'), (2, 'b')");
        SQLException tooLong = assertThrows(SQLException.class, () -> Sql.update(connection,
                "UPDATE refused_then_indexed SET x = ?, s = ? WHERE id = ?", null, "x".repeat(50), 1));
        assertEquals("22001", tooLong.getSQLState());
        Sql.exec(connection, "CREATE INDEX refused_then_indexed_s ON refused_then_indexed (s)");
        assertEquals(List.of(2), Sql.ints(connection, "SELECT id FROM refused_then_indexed WHERE s = 'b'"));
        Sql.exec(connection, "DROP TABLE refused_then_indexed");
    }

    @Test
    void updateWithExpressionsAndDelete() throws SQLException {
        Sql.exec(connection, "CREATE TABLE counters (id INT PRIMARY KEY, k INT NOT NULL, c VARCHAR(20))" + Sql.ONE_PARTITION,
                "INSERT INTO counters (id, k, c) VALUES (1, 10, 'init'), (2, 20, 'init'), (3, 30, 'init'),"
                        + " (4, 40, 'init'), (5, 50, 'init')");
        try (Statement statement = connection.createStatement()) {
            assertEquals(3, statement.executeUpdate("UPDATE counters SET k = k + 1 WHERE id <= 3"));
            assertEquals(1, statement.executeUpdate("UPDATE counters SET k = k + 50, c = 'both' WHERE id = 5"));
            assertEquals(0, statement.executeUpdate("UPDATE counters SET k = k + 1 WHERE id = 99"));
        }
        try (PreparedStatement ps = connection.prepareStatement("UPDATE counters SET c = ? WHERE id = ?")) {
            ps.setString(1, "changed");
            ps.setInt(2, 2);
            assertEquals(1, ps.executeUpdate());
        }
        assertEquals(List.of(List.of(1, 11, "init"), List.of(2, 21, "changed"), List.of(3, 31, "init"),
                        List.of(4, 40, "init"), List.of(5, 100, "both")),
                Sql.rows(connection, "SELECT id, k, c FROM counters ORDER BY id"));

        assertEquals(1, Sql.update(connection, "DELETE FROM counters WHERE id = ?", 4));
        assertEquals(2, Sql.update(connection, "DELETE FROM counters WHERE k > 30"));
        assertEquals(0, Sql.update(connection, "DELETE FROM counters WHERE id = 99"));
        assertEquals(List.of(1, 2), Sql.ints(connection, "SELECT id FROM counters ORDER BY id"));
        assertEquals(new HashSet<>(List.of(1, 2)), new HashSet<>(Sql.ints(connection, "SELECT id FROM counters")));
    }
}
