package io.boreal.jdbc.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.boreal.jdbc.wire.Frame;
import io.boreal.jdbc.wire.FrameCodec;
import io.boreal.jdbc.wire.FrameReader;
import io.boreal.jdbc.wire.FrameWriter;

/**
 * The network server and the remote driver against an in-process node: authentication, streamed
 * results, cancel and query timeouts, limits and their refusals, host lists, dead servers.
 */
class BorealServerTest {

    private static TestServers node;

    @BeforeAll
    static void start() throws SQLException {
        node = TestServers.start("boreal.server.max-connections = 40");
        try (Connection c = DriverManager.getConnection(node.url())) {
            c.createStatement().execute("CREATE TABLE kv (id INT PRIMARY KEY, v VARCHAR(40)) PARTITION BY HASH(id) PARTITIONS 4");
        }
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void aWrongPasswordIsRefusedWith28P01AndTheServerKeepsServing() throws SQLException {
        String bad = "jdbc:boreal://127.0.0.1:" + node.server.port() + "/?user=app&password=wrong";
        assertEquals("28P01", assertThrows(SQLException.class, () -> DriverManager.getConnection(bad)).getSQLState());
        String unlisted = "jdbc:boreal://127.0.0.1:" + node.server.port() + "/?user=nobody";
        assertEquals("28P01", assertThrows(SQLException.class, () -> DriverManager.getConnection(unlisted)).getSQLState());
        try (Connection c = DriverManager.getConnection(node.url())) {
            assertTrue(c.isValid(5));
        }
    }

    @Test
    void aLargeResultArrivesInChunksAndAPartReadOneIsDropped() throws SQLException {
        try (Connection c = DriverManager.getConnection(node.url("&fetchSize=100"))) {
            Sql.exec(c, "CREATE TABLE big (id INT PRIMARY KEY, pad VARCHAR(100)) PARTITION BY HASH(id) PARTITIONS 2");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO big (id, pad) VALUES (?, ?)")) {
                for (int i = 1; i <= 5_000; i++) {
                    ps.setInt(1, i);
                    ps.setString(2, "row " + i);
                    ps.addBatch();
                    if (i % 500 == 0) {
                        ps.executeBatch();
                    }
                }
            }
            long sum = 0;
            int n = 0;
            try (ResultSet rs = c.createStatement().executeQuery("SELECT id FROM big")) {
                assertTrue(rs.isBeforeFirst());
                while (rs.next()) {
                    sum += rs.getInt(1);
                    n++;
                }
                assertTrue(rs.isAfterLast());
            }
            assertEquals(5_000, n);
            assertEquals(5_000L * 5_001 / 2, sum);
            try (Statement s = c.createStatement()) {
                ResultSet partly = s.executeQuery("SELECT id FROM big");
                assertTrue(partly.next());
                partly.close(); // the server drops the cursor
                s.setMaxRows(250);
                ResultSet limited = s.executeQuery("SELECT id FROM big");
                int read = 0;
                while (limited.next()) {
                    read++;
                }
                assertEquals(250, read);
            }
            assertEquals(1, Sql.count(c, "SELECT COUNT(*) FROM big WHERE id = 77"));
        }
    }

    @Test
    void preparedStatementsBatchesAndGeneratedKeysCrossTheWire() throws SQLException {
        try (Connection c = DriverManager.getConnection(node.url())) {
            Sql.exec(c, "CREATE TABLE auto (id BIGINT AUTO_INCREMENT PRIMARY KEY, d DECIMAL(10,2), t TIMESTAMP, b BOOLEAN, x DOUBLE)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO auto (d, t, b, x) VALUES (?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setBigDecimal(1, new java.math.BigDecimal("12.34"));
                ps.setTimestamp(2, java.sql.Timestamp.valueOf("2026-12-05 10:11:12.123456"));
                ps.setBoolean(3, true);
                ps.setDouble(4, 0.5);
                assertEquals(1, ps.executeUpdate());
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    assertTrue(keys.next());
                    assertTrue(keys.getLong(1) > 0);
                }
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT d, t, b, x FROM auto")) {
                assertTrue(rs.next());
                assertEquals(new java.math.BigDecimal("12.34"), rs.getBigDecimal(1));
                assertEquals(java.sql.Timestamp.valueOf("2026-12-05 10:11:12.123456"), rs.getTimestamp(2));
                assertTrue(rs.getBoolean(3));
                assertEquals(0.5, rs.getDouble(4));
                assertEquals("DECIMAL", rs.getMetaData().getColumnTypeName(1));
            }
        }
    }

    @Test
    void cancelAndQueryTimeoutEndALockWaitWith57014() throws Exception {
        try (Connection holder = DriverManager.getConnection(node.url());
             Connection waiter = DriverManager.getConnection(node.url())) {
            Sql.exec(holder, "INSERT INTO kv (id, v) VALUES (500, 'a')");
            holder.setAutoCommit(false);
            Sql.exec(holder, "UPDATE kv SET v = 'held' WHERE id = 500");

            Statement waiting = waiter.createStatement();
            CompletableFuture<String> cancelled = CompletableFuture.supplyAsync(() -> {
                try {
                    waiting.executeUpdate("UPDATE kv SET v = 'waiter' WHERE id = 500");
                    return "no error";
                } catch (SQLException e) {
                    return e.getSQLState();
                }
            });
            while (!cancelled.isDone()) { // cancel until the waiter's statement is there to be cancelled
                waiting.cancel();
                Thread.sleep(50);
            }
            assertEquals("57014", cancelled.get(60, TimeUnit.SECONDS));

            try (Statement timed = waiter.createStatement()) {
                timed.setQueryTimeout(1);
                assertEquals("57014", assertThrows(SQLException.class,
                        () -> timed.executeUpdate("UPDATE kv SET v = 'timed' WHERE id = 500")).getSQLState());
            }
            holder.commit();
            assertEquals(1, Sql.count(waiter, "SELECT COUNT(*) FROM kv WHERE id = 500 AND v = 'held'"));
        }
    }

    @Test
    void aFrameOverTheLimitIsRefusedWith08P01AndTheServerKeepsServing() throws Exception {
        try (Socket raw = new Socket("127.0.0.1", node.server.port())) {
            DataOutputStream out = new DataOutputStream(raw.getOutputStream());
            out.writeInt(64 * 1024 * 1024);
            out.write(new byte[1024]);
            out.flush();
            Frame reply = readFrame(new DataInputStream(raw.getInputStream()));
            assertEquals("08P01", ((Frame.Error) reply).sqlState(), reply.toString());
            assertEquals(-1, raw.getInputStream().read(), "the server closes the connection");
        }
        try (Connection c = DriverManager.getConnection(node.url())) {
            assertTrue(c.isValid(5));
        }
    }

    @Test
    void aStatementBeforeTheHelloIsAProtocolViolation() throws Exception {
        try (Socket raw = new Socket("127.0.0.1", node.server.port())) {
            FrameWriter w = new FrameWriter(64);
            FrameCodec.write(w, new Frame.Execute(0, "SELECT 1", java.util.List.of(), 0, 0));
            raw.getOutputStream().write(w.array(), 0, w.length());
            Frame reply = readFrame(new DataInputStream(raw.getInputStream()));
            assertEquals("08P01", ((Frame.Error) reply).sqlState());
        }
    }

    @Test
    void theHostsAreTriedInOrder() throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        String url = "jdbc:boreal://127.0.0.1:" + dead + ",127.0.0.1:" + node.server.port() + "/?user=app&password=s3cret";
        try (Connection c = DriverManager.getConnection(url)) {
            assertTrue(c.isValid(5));
        }
        String none = "jdbc:boreal://127.0.0.1:" + dead + "/?user=app&password=s3cret&connectTimeout=1000";
        assertEquals("08001", assertThrows(SQLException.class, () -> DriverManager.getConnection(none)).getSQLState());
    }

    @Test
    void connectionsPastTheMaximumAreRefusedWith53300() throws SQLException {
        try (TestServers small = TestServers.start("boreal.server.max-connections = 2")) {
            try (Connection a = DriverManager.getConnection(small.url());
                 Connection b = DriverManager.getConnection(small.url())) {
                SQLException refused = assertThrows(SQLException.class, () -> DriverManager.getConnection(small.url()));
                assertTrue(refused.getMessage().contains("53300"), refused.getMessage());
                assertTrue(a.isValid(5) && b.isValid(5));
            }
        }
    }

    @Test
    void anIdleConnectionIsClosedAndItsNextCallFailsWith08006() throws Exception {
        try (TestServers idle = TestServers.start("boreal.server.idle-timeout = 300ms")) {
            Connection c = DriverManager.getConnection(idle.url());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (idle.server.openConnections() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            SQLException e = assertThrows(SQLException.class, () -> c.createStatement().execute("SHOW VARIABLES"));
            assertTrue(e.getSQLState().startsWith("08"), e.getSQLState());
            assertFalse(c.isValid(1));
            assertEquals(0, idle.server.openSessions());
        }
    }

    @Test
    void aConnectionWhoseServerStopsFailsWith08006() throws SQLException {
        TestServers gone = TestServers.start("");
        Connection c = DriverManager.getConnection(gone.url());
        gone.close();
        SQLException e = assertThrows(SQLException.class, () -> c.createStatement().execute("SHOW VARIABLES"));
        assertTrue(e.getSQLState().startsWith("08"), e.getSQLState() + " " + e.getMessage());
        assertTrue(c.isClosed());
    }

    static Frame readFrame(DataInputStream in) throws Exception {
        int length = in.readInt();
        byte[] body = new byte[length];
        in.readFully(body);
        return FrameCodec.read(new FrameReader().wrap(body, 0, length));
    }
}
