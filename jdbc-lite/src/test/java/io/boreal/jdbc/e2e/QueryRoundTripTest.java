package io.boreal.jdbc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SELECT in every shape the design names, checked against a model of the table kept in Java:
 * point and range predicates on the primary key, an indexed column, a scanned column, DISTINCT,
 * ORDER BY, LIMIT, aggregates with and without GROUP BY, and result set metadata.
 */
class QueryRoundTripTest {

    private static final String URL = Sql.memUrl("queries");
    private static final List<Item> ITEMS = IntStream.rangeClosed(1, 20).mapToObj(Item::of).toList();
    private static Connection connection;

    /** One row of {@code items}, as the model knows it. */
    record Item(int id, int grp, String name, BigDecimal price, int qty) {
        static Item of(int id) {
            return new Item(id, id % 4, "item-" + (id % 5), BigDecimal.valueOf(id * 125L, 2), id % 3);
        }
    }

    @BeforeAll
    static void createAndFill() throws SQLException {
        connection = DriverManager.getConnection(URL);
        Sql.exec(connection, "CREATE TABLE items (id INT PRIMARY KEY, grp INT NOT NULL, name VARCHAR(20) NOT NULL,"
                        + " price DECIMAL(8,2) NOT NULL, qty INT NOT NULL) PARTITION BY HASH(id) PARTITIONS 4",
                "CREATE INDEX items_grp ON items (grp)");
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO items (id, grp, name, price, qty) VALUES (?, ?, ?, ?, ?)")) {
            for (Item item : ITEMS) {
                ps.setInt(1, item.id());
                ps.setInt(2, item.grp());
                ps.setString(3, item.name());
                ps.setBigDecimal(4, item.price());
                ps.setInt(5, item.qty());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @AfterAll
    static void shutdown() throws SQLException {
        Sql.closeAndShutdown(connection, URL);
    }

    private static List<Integer> idsWhere(Predicate<Item> filter) {
        return ITEMS.stream().filter(filter).map(Item::id).toList();
    }

    @Test
    void primaryKeyPredicates() throws SQLException {
        assertEquals(List.of(7), Sql.ints(connection, "SELECT id FROM items WHERE id = 7"));
        assertEquals(List.of(3, 5, 19), Sql.ints(connection, "SELECT id FROM items WHERE id IN (3, 5, 19, 40) ORDER BY id"));
        assertEquals(List.of(4, 5, 6, 7, 8), Sql.ints(connection, "SELECT id FROM items WHERE id BETWEEN 4 AND 8 ORDER BY id"));
        assertEquals(List.of(1, 2, 3), Sql.ints(connection, "SELECT id FROM items WHERE id < 4 ORDER BY id"));
        assertEquals(List.of(18, 19, 20), Sql.ints(connection, "SELECT id FROM items WHERE id >= 18 ORDER BY id"));
        assertEquals(List.of(10, 11, 12),
                Sql.ints(connection, "SELECT id FROM items WHERE id BETWEEN ? AND ? ORDER BY id", 10, 12));
        assertEquals(List.of(), Sql.ints(connection, "SELECT id FROM items WHERE id = ?", 99));
        assertEquals(List.of(3, 5), Sql.ints(connection, "SELECT id FROM items WHERE id IN (5, 3, 5, 3, 3) ORDER BY id"),
                "a key named twice in IN is still one row");
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20),
                Sql.ints(connection, "SELECT id FROM items WHERE id IN (" + "1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, ".repeat(250)
                        + "999) ORDER BY id"), "a 5,000-item IN list is read once per distinct key");
    }

    @Test
    void limitAndOffsetTakeNonNegativeCounts() throws SQLException {
        assertEquals(List.of(3, 4), Sql.ints(connection, "SELECT id FROM items ORDER BY id LIMIT ? OFFSET ?", 2, 2));
        assertEquals(20, Sql.ints(connection, "SELECT id FROM items ORDER BY id LIMIT ?", (Object) null).size(),
                "LIMIT NULL limits nothing (PostgreSQL's LIMIT ALL)");
        assertEquals(List.of(20), Sql.ints(connection, "SELECT id FROM items ORDER BY id LIMIT ? OFFSET ?", Long.MAX_VALUE, 19));
        assertEquals("2201W", assertThrows(SQLException.class,
                () -> Sql.ints(connection, "SELECT id FROM items LIMIT ?", -1)).getSQLState());
        assertEquals("2201X", assertThrows(SQLException.class,
                () -> Sql.ints(connection, "SELECT id FROM items ORDER BY id LIMIT 2 OFFSET ?", -1)).getSQLState());
        assertEquals("22018", assertThrows(SQLException.class,
                () -> Sql.ints(connection, "SELECT id FROM items LIMIT ?", "Infinity")).getSQLState());
    }

    @Test
    void indexedAndScannedColumns() throws SQLException {
        assertEquals(idsWhere(i -> i.grp() == 2), Sql.ints(connection, "SELECT id FROM items WHERE grp = 2 ORDER BY id"));
        assertEquals(idsWhere(i -> i.name().equals("item-3")),
                Sql.ints(connection, "SELECT id FROM items WHERE name = 'item-3' ORDER BY id"));
        assertEquals(idsWhere(i -> i.qty() >= 2), Sql.ints(connection, "SELECT id FROM items WHERE qty >= 2 ORDER BY id"));
        assertEquals(idsWhere(i -> i.grp() == 1 && i.qty() == 0),
                Sql.ints(connection, "SELECT id FROM items WHERE grp = ? AND qty = ? ORDER BY id", 1, 0));
    }

    @Test
    void distinctOrderByAndLimit() throws SQLException {
        assertEquals(List.of(0, 1, 2, 3), Sql.ints(connection, "SELECT DISTINCT grp FROM items ORDER BY grp"));
        assertEquals(ITEMS.stream().sorted(Comparator.comparingInt(Item::grp).reversed().thenComparingInt(Item::id))
                        .map(Item::id).toList(),
                Sql.ints(connection, "SELECT id FROM items ORDER BY grp DESC, id ASC"));
        assertEquals(ITEMS.stream().sorted(Comparator.comparingInt(Item::qty)
                        .thenComparing(Item::price, Comparator.reverseOrder())).map(Item::id).toList(),
                Sql.ints(connection, "SELECT id FROM items ORDER BY qty ASC, price DESC"));
        assertEquals(List.of(20, 19, 18, 17, 16), Sql.ints(connection, "SELECT id FROM items ORDER BY id DESC LIMIT 5"));
        assertEquals(List.of(2, 6), Sql.ints(connection, "SELECT id FROM items WHERE grp = 2 ORDER BY id LIMIT 2"));
    }

    @Test
    void aggregatesWithoutGroupBy() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(
                     "SELECT COUNT(*), SUM(qty), MIN(price), MAX(price), AVG(qty) FROM items")) {
            assertTrue(rs.next());
            assertEquals(ITEMS.size(), rs.getLong(1));
            assertEquals(ITEMS.stream().mapToLong(Item::qty).sum(), rs.getLong(2));
            assertEquals(0, ITEMS.get(0).price().compareTo(rs.getBigDecimal(3)));
            assertEquals(0, ITEMS.get(19).price().compareTo(rs.getBigDecimal(4)));
            assertEquals(ITEMS.stream().mapToInt(Item::qty).average().orElseThrow(), rs.getDouble(5), 1e-9);
            assertFalse(rs.next());
        }
        assertEquals(5, Sql.single(connection, "SELECT COUNT(*) FROM items WHERE grp = 1"));
        assertEquals(0, Sql.single(connection, "SELECT COUNT(*) FROM items WHERE id > 100"));
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) AS n FROM items")) {
            assertTrue(rs.next());
            assertEquals(ITEMS.size(), rs.getInt("N"));
        }
    }

    @Test
    void aggregatesWithGroupBy() throws SQLException {
        Map<Integer, List<Item>> byGroup = ITEMS.stream().collect(Collectors.groupingBy(Item::grp));
        Map<Integer, Integer> seen = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(
                     "SELECT grp, COUNT(*), SUM(qty), MIN(id), MAX(price), AVG(price) FROM items GROUP BY grp")) {
            while (rs.next()) {
                int grp = rs.getInt(1);
                List<Item> group = byGroup.get(grp);
                assertEquals(group.size(), rs.getLong(2), "count of " + grp);
                assertEquals(group.stream().mapToLong(Item::qty).sum(), rs.getLong(3), "sum of " + grp);
                assertEquals(group.get(0).id(), rs.getInt(4), "min of " + grp);
                assertEquals(0, group.get(group.size() - 1).price().compareTo(rs.getBigDecimal(5)), "max of " + grp);
                double avg = group.stream().mapToDouble(i -> i.price().doubleValue()).average().orElseThrow();
                assertEquals(avg, rs.getDouble(6), 1e-6, "avg of " + grp);
                seen.merge(grp, 1, Integer::sum);
            }
        }
        assertEquals(Map.of(0, 1, 1, 1, 2, 1, 3, 1), seen);
    }

    @Test
    void resultSetMetaDataNamesAndTypes() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT id, name AS item_name, price, qty FROM items WHERE id = 1")) {
            ResultSetMetaData meta = rs.getMetaData();
            assertEquals(4, meta.getColumnCount());
            assertTrue("id".equalsIgnoreCase(meta.getColumnLabel(1)));
            assertTrue("item_name".equalsIgnoreCase(meta.getColumnLabel(2)));
            assertTrue("name".equalsIgnoreCase(meta.getColumnName(2)));
            assertEquals(Types.INTEGER, meta.getColumnType(1));
            assertEquals(Types.VARCHAR, meta.getColumnType(2));
            assertEquals(Types.DECIMAL, meta.getColumnType(3));
            assertEquals("DECIMAL", meta.getColumnTypeName(3).toUpperCase());
            assertEquals(8, meta.getPrecision(3));
            assertEquals(2, meta.getScale(3));
            assertEquals(20, meta.getPrecision(2));
            assertEquals(ResultSetMetaData.columnNoNulls, meta.isNullable(4));
            assertTrue(rs.next());
            assertEquals("item-1", rs.getString("ITEM_NAME"));
            assertEquals("42S22", assertThrows(SQLException.class, () -> rs.getString("no_such_label")).getSQLState());
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT id, name FROM items WHERE id = ?")) {
            ResultSetMetaData before = ps.getMetaData();
            assertEquals(2, before.getColumnCount());
            assertEquals(Types.VARCHAR, before.getColumnType(2));
        }
    }
}
