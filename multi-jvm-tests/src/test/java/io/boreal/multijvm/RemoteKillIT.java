package io.boreal.multijvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.boreal.jdbc.server.ServerMain;

/**
 * Durability of the remote path across a crash: {@value #WRITERS} writers, each on its own
 * {@code jdbc:boreal://} connection, insert unique ids in autocommit into a forked
 * {@link ServerMain}; an id counts as acknowledged only once {@code executeUpdate} returned. The
 * test kills the server with SIGKILL mid-load, then:
 * <ul>
 *   <li>every writer fails with a connection error (SQLState 08xxx) within the hang guard — none
 *       hangs on a dead peer, none sees another error;
 *   <li>a server restarted on the same directory has every acknowledged row, with its values;
 *   <li>a row that was not acknowledged is one that was in flight at the kill (at most one per
 *       writer) — never an id no writer sent.
 * </ul>
 */
class RemoteKillIT {

    private static final int WRITERS = 64;
    private static final int ACKS_BEFORE_KILL = 2_000;
    private static final long IDS_PER_WRITER = 1_000_000L;
    private static final Duration HANG_GUARD = Duration.ofSeconds(120);
    private static final Duration WRITER_FAILURE_GUARD = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    /** What the writers had sent when the server died: ids acknowledged, each writer's id in flight if any. */
    private final Set<Long> acked = ConcurrentHashMap.newKeySet();
    private final Map<Integer, Long> inFlight = new ConcurrentHashMap<>();
    private final Queue<String> unexpected = new ConcurrentLinkedQueue<>();
    /** Set just before the SIGKILL: a connection error before it is a failure of its own. */
    private volatile boolean killed;

    @Test
    void everyAcknowledgedRemoteInsertSurvivesSigkillOfTheServer() throws Exception {
        Path db = dir.resolve("db");
        List<Connection> connections = new ArrayList<>();
        List<Thread> writers = new ArrayList<>();
        try {
            try (Server server = startServer(db, "first")) {
                try (Connection c = DriverManager.getConnection(server.url()); Statement s = c.createStatement()) {
                    s.executeUpdate("CREATE TABLE acked (id BIGINT PRIMARY KEY, writer INT, v VARCHAR(20)) "
                            + "PARTITION BY HASH(id) PARTITIONS 8");
                }
                for (int w = 0; w < WRITERS; w++) {
                    connections.add(DriverManager.getConnection(server.url()));
                }
                CountDownLatch enough = new CountDownLatch(1);
                AtomicInteger connectionErrors = new AtomicInteger();
                for (int w = 0; w < WRITERS; w++) {
                    writers.add(writer(w, connections.get(w), enough, connectionErrors));
                }
                writers.forEach(Thread::start);
                server.node().await(enough, HANG_GUARD, ACKS_BEFORE_KILL + " acknowledged remote inserts");
                long killedAtNs = System.nanoTime();
                killed = true;
                server.node().kill();
                awaitWriters(writers, server.node());
                System.out.printf("remote kill: %d acknowledged, %d in flight; %d writers failed with 08xxx, the last "
                        + "%d ms after the kill%n", acked.size(), inFlight.size(), connectionErrors.get(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAtNs));
                assertTrue(unexpected.isEmpty(), "writers saw: " + unexpected);
                assertEquals(WRITERS, connectionErrors.get(), "writers that failed with 08xxx");
            }
            Map<Long, Integer> writerOf = new HashMap<>();
            Map<Long, String> values = new HashMap<>();
            try (Server server = startServer(db, "restarted");
                 Connection c = DriverManager.getConnection(server.url()); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id, writer, v FROM acked")) {
                while (rs.next()) {
                    writerOf.put(rs.getLong(1), rs.getInt(2));
                    values.put(rs.getLong(1), rs.getString(3));
                }
            }
            assertRowsExplainedByTheWriters(writerOf, values);
        } finally {
            writers.forEach(Thread::interrupt);
            for (Connection c : connections) {
                closeQuietly(c);
            }
        }
    }

    /** A forked server and the URL it serves; closing kills it. */
    private record Server(ForkedNode node, String url) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            node.close();
        }
    }

    /** Forks a server on {@code db} with a free loopback port and waits for its READY line. */
    private Server startServer(Path db, String name) throws Exception {
        AtomicReference<String> address = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(1);
        ForkedNode node = ForkedNode.start(ServerMain.class, List.of("-Dboreal.storage.mode=file",
                "-Dboreal.storage.dir=" + db, "-Dboreal.server.host=127.0.0.1", "-Dboreal.server.port=0"),
                dir.resolve("server-" + name + ".err"), line -> {
                    if (line.startsWith(ServerMain.READY)) {
                        address.set(line.substring(ServerMain.READY.length()).trim());
                        ready.countDown();
                    }
                });
        try {
            node.await(ready, HANG_GUARD, "the READY line of the " + name + " server");
        } catch (Throwable e) {
            node.close();
            throw e;
        }
        return new Server(node, "jdbc:boreal://" + address.get());
    }

    /**
     * Inserts {@code writer * IDS_PER_WRITER + n} for n = 0, 1, … until its connection breaks. The id
     * is in flight from before {@code executeUpdate} until it returns; only then is it acknowledged.
     */
    private Thread writer(int writer, Connection connection, CountDownLatch enough, AtomicInteger connectionErrors) {
        Thread thread = new Thread(() -> {
            long id = writer * IDS_PER_WRITER;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO acked (id, writer, v) VALUES (?, ?, ?)")) {
                while (!Thread.currentThread().isInterrupted()) {
                    insert.setLong(1, id);
                    insert.setInt(2, writer);
                    insert.setString(3, valueOf(id));
                    inFlight.put(writer, id);
                    int count = insert.executeUpdate();
                    inFlight.remove(writer);
                    if (count != 1) {
                        unexpected.add("writer " + writer + ": insert of " + id + " counted " + count);
                        return;
                    }
                    acked.add(id);
                    if (acked.size() >= ACKS_BEFORE_KILL) {
                        enough.countDown();
                    }
                    id++;
                }
            } catch (SQLException e) {
                if (killed && e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                    connectionErrors.incrementAndGet();
                } else {
                    unexpected.add("writer " + writer + ": " + e.getSQLState() + " " + e);
                }
            } catch (RuntimeException e) {
                unexpected.add("writer " + writer + ": " + e);
            }
        }, "remote-writer-" + writer);
        thread.setDaemon(true); // a hung writer must not keep the test JVM alive
        return thread;
    }

    /** Joins the writers under one hang guard; fails naming those still running. */
    private void awaitWriters(List<Thread> writers, ForkedNode node) throws InterruptedException {
        long deadlineNs = System.nanoTime() + WRITER_FAILURE_GUARD.toNanos();
        List<String> hung = new ArrayList<>();
        for (Thread t : writers) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime())));
            if (t.isAlive()) {
                hung.add(t.getName());
            }
        }
        if (!hung.isEmpty()) {
            fail(hung.size() + " writers still running " + WRITER_FAILURE_GUARD + " after the server was killed: "
                    + hung + "\n" + node.stderrTail());
        }
    }

    private void assertRowsExplainedByTheWriters(Map<Long, Integer> rows, Map<Long, String> values) {
        Set<Long> missing = new TreeSet<>(acked);
        missing.removeAll(rows.keySet());
        Set<Long> extra = new TreeSet<>(rows.keySet());
        extra.removeAll(acked);
        Set<Long> sentButUnacknowledged = new TreeSet<>(inFlight.values());
        System.out.printf("remote kill: after restart %d rows, %d acknowledged missing, %d unacknowledged present "
                + "(of %d in flight)%n", rows.size(), missing.size(), extra.size(), sentButUnacknowledged.size());
        assertTrue(missing.isEmpty(), missing.size() + " acknowledged rows lost after SIGKILL: "
                + first(missing));
        Set<Long> phantoms = new TreeSet<>(extra);
        phantoms.removeAll(sentButUnacknowledged);
        assertTrue(phantoms.isEmpty(), "rows no writer had in flight: " + first(phantoms));
        List<String> wrong = new ArrayList<>();
        rows.forEach((id, writer) -> {
            if (writer != id / IDS_PER_WRITER || !valueOf(id).equals(values.get(id))) {
                wrong.add(id + ": writer " + writer + ", v " + values.get(id));
            }
        });
        assertTrue(wrong.isEmpty(), "rows with values no writer wrote: " + wrong.subList(0, Math.min(20, wrong.size())));
    }

    private static String valueOf(long id) {
        return "v" + id;
    }

    private static List<Long> first(Set<Long> ids) {
        return ids.stream().limit(20).toList();
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // the server is gone: closing only releases the socket
        }
    }
}
