package io.boreal.multijvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.boreal.jdbc.BorealDriver;

/**
 * Durability across a crash: a forked node inserts rows and prints each acknowledged id; the
 * test kills it with SIGKILL mid-load; a restart on the same directory must find every
 * acknowledged row with exactly its value (no loss, no torn row). Done twice on one directory,
 * so the second crash also covers a log that was already recovered once.
 */
class KillWhileInsertingIT {

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedRowSurvivesSigkill() throws Exception {
        Set<Long> acked = ConcurrentHashMap.newKeySet();
        for (int round = 0; round < 2; round++) {
            killMidLoad(acked, 400 * (round + 1), 1_000_000L * round);
            Map<Long, String> rows = readAll();
            List<Long> missing = new ArrayList<>();
            for (long id : acked) {
                if (!rows.containsKey(id)) {
                    missing.add(id);
                }
            }
            assertTrue(missing.isEmpty(), "acknowledged rows lost after SIGKILL: " + missing);
            rows.forEach((id, payload) -> assertEquals(InsertingNode.payloadOf(id), payload, "row " + id));
            System.out.printf("round %d: %d acknowledged, %d present after restart%n", round, acked.size(), rows.size());
        }
    }

    /** Starts the node, waits for {@code acks} acknowledgements in total, kills it with SIGKILL. */
    private void killMidLoad(Set<Long> acked, int acks, long firstId) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "--add-opens", "java.base/java.util=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), InsertingNode.class.getName(), dir.toString(),
                Long.toString(firstId)));
        Process node = new ProcessBuilder(command).redirectError(dir.resolveSibling(dir.getFileName() + "-node.err").toFile()).start();
        CountDownLatch enough = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("ACK ")) {
                        acked.add(Long.parseLong(line.substring(4)));
                        if (acked.size() >= acks) {
                            enough.countDown();
                        }
                    }
                }
            } catch (Exception e) {
                // the stream ends when the process dies
            }
        });
        reader.start();
        try {
            assertTrue(enough.await(120, TimeUnit.SECONDS), "the node acknowledged only " + acked.size() + " rows");
        } finally {
            node.destroyForcibly(); // SIGKILL on Unix: no shutdown hook, no flush
            assertTrue(node.waitFor(30, TimeUnit.SECONDS), "the killed node did not exit");
            reader.join(10_000);
        }
        assertTrue(Files.exists(dir.resolve("journal")));
    }

    private Map<Long, String> readAll() throws Exception {
        String url = "jdbc:boreal:file:" + dir;
        Map<Long, String> rows = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, payload FROM acked")) {
            while (rs.next()) {
                rows.put(rs.getLong(1), rs.getString(2));
            }
        } finally {
            BorealDriver.shutdown(url);
        }
        return rows;
    }
}
