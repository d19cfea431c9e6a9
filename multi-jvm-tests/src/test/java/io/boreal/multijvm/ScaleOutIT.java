package io.boreal.multijvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Issue 13's test (3), scale-out: a fourth node joins a three-node cluster while the bank
 * ({@link BankLoad}) runs on it. Sharding moves partitions to the new node (each finishes what it
 * started and its new home recovers from the shared journal); sessions then also connect to it.
 *
 * <p>Checked: the new node comes to run partitions (SHOW PARTITIONS, asked of another node); a
 * write to every account — every partition, the moved ones included — succeeds; the clients meet
 * only errors they retry; every snapshot sums to the total, no acknowledged transfer is lost, all
 * four nodes read the same. Printed: from the new node's READY to its first partition and to
 * those writes, and the longest pause of acknowledgements after the join.
 */
class ScaleOutIT extends BankClusterTest {

    private static final int SESSIONS = 24;
    private static final int ACKS_BEFORE_JOIN = 150;
    private static final int ACKS_AFTER_JOIN = 150;

    @Test
    void aFourthNodeJoinsUnderLoadAndServesPartitions() throws Exception {
        startBank(3);
        bank.start(SESSIONS, 3);
        try {
            bank.awaitAcks(ACKS_BEFORE_JOIN);
            System.out.println("scale-out: placement before the join " + placement());
            cluster.start(3, "joined");
            long readyNs = System.nanoTime();
            int atJoin = bank.acks();
            bank.mark();
            String joined = cluster.clusterAddress(3);
            List<String> nodes = placement();
            long deadline = readyNs + HANG_GUARD.toNanos();
            while (!nodes.contains(joined)) {
                assertTrue(System.nanoTime() < deadline, "the fourth node runs no partition: " + nodes);
                Thread.sleep(100);
                nodes = placement();
            }
            double owns = (System.nanoTime() - readyNs) / 1e9;
            bank.nodes(4);
            bank.addSessions(8); // sessions of the new node's clients, beside those that were there
            writeEveryPartition();
            double writes = (System.nanoTime() - readyNs) / 1e9;
            bank.awaitAcks(bank.acks() + ACKS_AFTER_JOIN);
            List<String> after = placement();
            System.out.printf("scale-out: the new node ran its first partition %.1f s after its READY; a write to "
                    + "every account (one statement each, among the bank's sessions) done %.1f s after it; %d of %d "
                    + "partitions on it at the end; %d transfers acknowledged before the join, %d after; the longest "
                    + "pause of acknowledgements after the join %.1f s%n", owns, writes,
                    after.stream().filter(joined::equals).count(), after.size(), atJoin, bank.acks() - atJoin,
                    bank.longestPauseSinceMark());
        } finally {
            bank.stop();
            System.out.println("scale-out: retried errors " + bank.retried());
        }
        bank.verify(4);
    }

    /** The node of every partition of both tables, as node 1 shows it. */
    private List<String> placement() throws SQLException {
        List<String> nodes = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(cluster.url(0)); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW PARTITIONS")) {
            while (rs.next()) {
                nodes.add(rs.getString("Node"));
            }
        }
        return nodes;
    }

    /**
     * Adds nothing to every account's balance, one autocommit statement per account (so on every
     * partition of {@code accounts}, the moved ones included), retrying what a client retries.
     */
    private void writeEveryPartition() throws Exception {
        long deadline = System.nanoTime() + HANG_GUARD.toNanos();
        try (Connection c = DriverManager.getConnection(cluster.url(0));
             PreparedStatement touch = c.prepareStatement("UPDATE accounts SET balance = balance + 0 WHERE id = ?")) {
            for (int id = 0; id < BankLoad.ACCOUNTS; id++) {
                touch.setInt(1, id);
                while (true) {
                    try {
                        assertEquals(1, touch.executeUpdate(), "account " + id);
                        break;
                    } catch (SQLException e) {
                        assertTrue(BankLoad.RETRIED.contains(e.getSQLState()), "not a retried error: " + e.getSQLState()
                                + " " + e.getMessage());
                        assertTrue(System.nanoTime() < deadline, "no write to account " + id + " within the hang guard");
                        Thread.sleep(20);
                    }
                }
            }
        }
    }
}
