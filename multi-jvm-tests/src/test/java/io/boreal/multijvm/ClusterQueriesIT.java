package io.boreal.multijvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's test (1): three node JVMs form a cluster, a table of 24 partitions spreads over all
 * three (SHOW PARTITIONS, asked of every node, names each node and the same placement), rows
 * written through every node, and every node answers every query as H2 does over the same rows —
 * point and range reads, partial aggregates merged across nodes, GROUP BY, ORDER BY with LIMIT
 * and OFFSET, DISTINCT — and identically to one another.
 */
class ClusterQueriesIT {

    private static final Duration HANG_GUARD = Duration.ofSeconds(180);
    private static final int ROWS = 600;
    private static final String[] QUERIES = {
        "SELECT id, grp, name, price, qty FROM items WHERE id = 417",
        "SELECT id, name FROM items WHERE id IN (3, 99, 250, 598, 1000) ORDER BY id",
        "SELECT id, qty FROM items WHERE id BETWEEN 100 AND 140 ORDER BY id",
        "SELECT id, price FROM items WHERE grp = 7 ORDER BY id",
        "SELECT COUNT(*), SUM(qty), MIN(price), MAX(price), AVG(price), AVG(qty) FROM items",
        "SELECT COUNT(*), SUM(price) FROM items WHERE name LIKE 'b%' AND qty > 20",
        "SELECT grp, COUNT(*), SUM(qty), MIN(name), MAX(id), AVG(price) FROM items GROUP BY grp ORDER BY grp",
        "SELECT grp, SUM(qty) FROM items WHERE price > 50 GROUP BY grp ORDER BY 2 DESC, grp LIMIT 5",
        "SELECT id, name, price FROM items ORDER BY price DESC, id LIMIT 10 OFFSET 5",
        "SELECT id, qty FROM items WHERE grp < 5 ORDER BY qty, id DESC LIMIT 7",
        "SELECT DISTINCT grp FROM items WHERE qty > 45 ORDER BY grp",
        "SELECT COUNT(DISTINCT name), COUNT(DISTINCT grp) FROM items",
        "SELECT COUNT(*) FROM items WHERE price IS NULL",
        "SELECT MIN(qty), MAX(qty) FROM items WHERE id > 10000",
    };

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;
    private ClusterJvms cluster;

    @AfterEach
    void stopAll() throws InterruptedException {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void everyNodeAnswersEveryQueryAsH2Does() throws Exception {
        cluster = new ClusterJvms(dir, HANG_GUARD);
        for (int n = 0; n < 3; n++) {
            cluster.start(n, "first");
        }
        try (Connection h2 = DriverManager.getConnection("jdbc:h2:mem:reference")) {
            try (Connection c = DriverManager.getConnection(cluster.url(0)); Statement s = c.createStatement()) {
                s.executeUpdate("CREATE TABLE items (id INT PRIMARY KEY, grp INT, name VARCHAR(20), price DECIMAL(10,2), "
                        + "qty INT) PARTITION BY HASH(id) PARTITIONS 24");
                s.executeUpdate("CREATE INDEX items_grp ON items (grp)");
            }
            try (Statement s = h2.createStatement()) {
                s.executeUpdate("CREATE TABLE items (id INT PRIMARY KEY, grp INT, name VARCHAR(20), price DECIMAL(10,2), qty INT)");
            }
            load(h2);
            List<String> nodes = placement(0);
            for (int n = 1; n < 3; n++) {
                assertEquals(nodes, placement(n), "node " + (n + 1) + " shows the same placement");
            }
            Set<String> distinct = new HashSet<>(nodes);
            assertEquals(Set.of(cluster.clusterAddress(0), cluster.clusterAddress(1), cluster.clusterAddress(2)), distinct,
                    "the 24 partitions run on all three nodes: " + nodes);
            for (String sql : QUERIES) {
                List<List<String>> expected = rows(h2, sql);
                for (int n = 0; n < 3; n++) {
                    try (Connection c = DriverManager.getConnection(cluster.url(n))) {
                        assertEquals(expected, rows(c, sql), "node " + (n + 1) + ": " + sql);
                    }
                }
            }
        }
    }

    /** The same rows into H2 and, spread over the three nodes' sessions, into the cluster. */
    private void load(Connection h2) throws SQLException {
        Random random = new Random(13);
        String[] names = {"apple", "banana", "blueberry", "cherry", "date", "fig", null};
        String insert = "INSERT INTO items (id, grp, name, price, qty) VALUES (?, ?, ?, ?, ?)";
        List<Connection> nodes = new ArrayList<>();
        try {
            for (int n = 0; n < 3; n++) {
                nodes.add(DriverManager.getConnection(cluster.url(n)));
            }
            List<PreparedStatement> statements = new ArrayList<>();
            for (Connection c : nodes) {
                statements.add(c.prepareStatement(insert));
            }
            statements.add(h2.prepareStatement(insert));
            for (int id = 0; id < ROWS; id++) {
                Object[] row = {id, random.nextInt(12), names[random.nextInt(names.length)],
                    random.nextInt(15) == 0 ? null : BigDecimal.valueOf(random.nextInt(10_000), 2), random.nextInt(50)};
                for (PreparedStatement p : List.of(statements.get(id % 3), statements.get(3))) {
                    for (int i = 0; i < row.length; i++) {
                        p.setObject(i + 1, row[i]);
                    }
                    p.executeUpdate();
                }
            }
        } finally {
            for (Connection c : nodes) {
                c.close();
            }
        }
    }

    /** The node of each partition of {@code items}, in partition order, as node {@code n} shows it. */
    private List<String> placement(int n) throws SQLException {
        List<String> nodes = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(cluster.url(n)); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW PARTITIONS FROM items")) {
            while (rs.next()) {
                assertEquals(nodes.size(), rs.getInt("Partition"));
                nodes.add(rs.getString("Node"));
            }
        }
        assertEquals(24, nodes.size());
        assertTrue(!nodes.contains(null), "every partition written to runs somewhere: " + nodes);
        return nodes;
    }

    /**
     * A query's rows, each value as text: numbers at four decimals (H2 and Boreal type AVG and
     * SUM differently), NULL as "NULL".
     */
    private static List<List<String>> rows(Connection c, String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    Object v = rs.getObject(i);
                    row.add(v == null ? "NULL" : v instanceof Number number
                            ? new BigDecimal(number.toString()).setScale(4, RoundingMode.HALF_UP).toPlainString()
                            : v.toString());
                }
                rows.add(row);
            }
        }
        assertTrue(!rows.isEmpty(), sql + ": a query without rows compares nothing");
        return rows;
    }
}
