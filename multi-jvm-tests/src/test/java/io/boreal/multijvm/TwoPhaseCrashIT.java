package io.boreal.multijvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.boreal.jdbc.BorealDriver;

/**
 * A two-phase commit over several partitions, cut by a JVM halt at each of its two crash
 * points ({@code boreal.crash-point}), then recovered: all of it or none of it.
 * <pre>
 *   after-prepare   every partition prepared, no decision recorded ──► presumed abort:
 *                   none of the updates visible, every row writable again (no lock left)
 *   after-decision  COMMIT recorded, no partition told ──► the record decides:
 *                   every update visible
 * </pre>
 * Either way the database goes on working: a new cross-partition transaction commits, and a
 * second restart finds the same rows (the in-doubt outcome was decided once, for good).
 */
class TwoPhaseCrashIT {

    private static final Duration HANG_GUARD = Duration.ofSeconds(120);
    private static final int HALTED = 137;
    /** What the test's own writes add after the recovery: one autocommit update per row, then one transaction. */
    private static final long ROW_WRITE = 100;
    private static final long LATER_TRANSACTION = 1_000;

    @ParameterizedTest
    @ValueSource(strings = {"after-prepare", "after-decision"})
    void aCrashedTwoPhaseCommitRecoversAllOrNothing(String crashPoint, @TempDir Path dir)
            throws Exception {
        Path db = dir.resolve("db");
        Set<String> said = ConcurrentHashMap.newKeySet();
        Path stderr = dir.resolve("node.err");
        try (ForkedNode node = ForkedNode.start(CrossPartitionCommitNode.class,
                List.of("-Dboreal.crash-point=" + crashPoint), stderr, said::add, db.toString())) {
            int exit = node.awaitExit(HANG_GUARD);
            String context = "node said " + said + "\n" + node.stderrTail();
            assertEquals(HALTED, exit, "exit code of a node halted at " + crashPoint + "; " + context);
            assertTrue(said.containsAll(Set.of("READY", "UPDATED")), context);
            assertFalse(said.contains("COMMITTED"), "the COMMIT returned before the crash; " + context);
            assertTrue(Files.readString(stderr).contains("boreal.crash-point: halting " + crashPoint), context);
        }

        long committed = crashPoint.equals("after-decision") ? CrossPartitionCommitNode.DELTA : 0;
        long expected = CrossPartitionCommitNode.BEFORE + committed;
        String url = "jdbc:boreal:file:" + db;
        try (Connection c = DriverManager.getConnection(url)) {
            assertEveryRow(c, expected, "after recovering from " + crashPoint);
            for (int id = 1; id <= CrossPartitionCommitNode.ROWS; id++) {
                // A lock left by the cut transaction would make this wait out the lock-wait timeout: 55P03.
                assertEquals(1, update(c, ROW_WRITE, id), "row " + id + " writable after " + crashPoint);
            }
            c.setAutoCommit(false);
            for (int id = 1; id <= CrossPartitionCommitNode.ROWS; id++) {
                assertEquals(1, update(c, LATER_TRANSACTION, id));
            }
            c.commit();
            c.setAutoCommit(true);
            assertEveryRow(c, expected + ROW_WRITE + LATER_TRANSACTION, "after a new cross-partition transaction");
        } finally {
            BorealDriver.shutdown(url);
        }
        try (Connection c = DriverManager.getConnection(url)) {
            assertEveryRow(c, expected + ROW_WRITE + LATER_TRANSACTION, "after a second restart");
        } finally {
            BorealDriver.shutdown(url);
        }
    }

    private static int update(Connection c, long delta, int id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE spread SET v = v + ? WHERE id = ?")) {
            ps.setLong(1, delta);
            ps.setInt(2, id);
            return ps.executeUpdate();
        }
    }

    private static void assertEveryRow(Connection c, long expected, String when) throws SQLException {
        Map<Integer, Long> rows = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, v FROM spread")) {
            while (rs.next()) {
                rows.put(rs.getInt(1), rs.getLong(2));
            }
        }
        Map<Integer, Long> want = new TreeMap<>();
        for (int id = 1; id <= CrossPartitionCommitNode.ROWS; id++) {
            want.put(id, expected);
        }
        assertEquals(want, rows, "rows " + when);
    }
}
