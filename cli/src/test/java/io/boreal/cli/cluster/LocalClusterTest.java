package io.boreal.cli.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./boreal cluster start 2}, then stop: two node JVMs join into one cluster (DDL run
 * through one node's JDBC server is known to the other's), status sees them, and stop ends
 * exactly the processes it started.
 */
class LocalClusterTest {

    @TempDir
    Path dir;
    private LocalCluster cluster;

    @AfterEach
    void stopLeftovers() throws Exception {
        if (cluster != null) {
            cluster.stop();
        }
    }

    @Test
    void startsTwoNodesThatShareOneCatalogAddsAThirdAndStopsThem() throws Exception {
        cluster = new LocalCluster(dir.resolve("cluster"));
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = System.out;
        System.setOut(new java.io.PrintStream(printed, true));
        boolean started;
        try {
            started = cluster.start(2, "256m");
        } finally {
            System.setOut(out);
        }
        assertTrue(started, printed.toString());
        Matcher urls = Pattern.compile("jdbc:boreal://127\\.0\\.0\\.1:\\d+").matcher(printed.toString());
        List<String> found = urls.results().map(m -> m.group()).distinct().limit(2).toList();
        assertEquals(2, found.size(), printed.toString());
        List<Long> pids = List.of(pid("node-1"), pid("node-2"));

        try (Connection first = DriverManager.getConnection(found.get(0));
             Connection second = DriverManager.getConnection(found.get(1))) {
            first.createStatement().execute("CREATE TABLE clustered (id INT PRIMARY KEY)");
            SQLException e = assertThrows(SQLException.class,
                    () -> second.createStatement().execute("CREATE TABLE clustered (id INT PRIMARY KEY)"));
            assertEquals("42S01", e.getSQLState(), "the second node knows the table the first created");
            for (int id = 0; id < 16; id++) {
                first.createStatement().execute("INSERT INTO clustered (id) VALUES (" + id + ")");
            }
        }
        assertTrue(cluster.status());

        printed.reset();
        System.setOut(new java.io.PrintStream(printed, true));
        try {
            assertTrue(cluster.add("256m"), "a third node joins");
        } finally {
            System.setOut(out);
        }
        Matcher added = Pattern.compile("node-3 .*cluster port (\\d+)\\s+(jdbc:boreal://\\S+)").matcher(printed.toString());
        assertTrue(added.find(), printed.toString());
        try (Connection third = DriverManager.getConnection(added.group(2))) {
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
            assertEquals(16, count(third), "the new node serves the table");
            while (!placement(third).contains("127.0.0.1:" + added.group(1))) {
                assertTrue(System.nanoTime() < deadline, "the new node runs none of the table's partitions: " + placement(third));
                Thread.sleep(200);
            }
            assertEquals(16, count(third), "and still serves it once partitions moved to it");
        }
        pids = List.of(pids.get(0), pids.get(1), pid("node-3"));
        assertTrue(cluster.status());

        assertTrue(cluster.stop());
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "node " + pid + " still runs");
        }
        assertFalse(Files.exists(dir.resolve("cluster/node-1.pid")));
        cluster = null;
    }

    /**
     * The rows of {@code clustered}, in one autocommit query. A partition that just moved refuses
     * snapshots older than its recovery; a query that begins its transaction is run again at a
     * fresh snapshot by the engine, so the client sees no 40001. A request a moving partition's
     * shard region dropped is given up with 40003, which a client retries (up to 5 times here).
     */
    private static int count(Connection c) throws SQLException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM clustered")) {
                rs.next();
                return rs.getInt(1);
            } catch (SQLException e) {
                // a partition that moved while the query waited for it: 40003, retried as a client would
                if (!"40003".equals(e.getSQLState()) || attempt == 5) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    /** The node of each partition of {@code clustered}. */
    private static List<String> placement(Connection c) throws SQLException {
        List<String> nodes = new java.util.ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery("SHOW PARTITIONS FROM clustered")) {
            while (rs.next()) {
                nodes.add(rs.getString("Node"));
            }
        }
        return nodes;
    }

    private long pid(String node) throws Exception {
        return Long.parseLong(Files.readString(dir.resolve("cluster/" + node + ".pid")).trim());
    }
}
