package io.boreal.multijvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/**
 * Issue 13's test (2), the bank across a cluster: three file-mode node JVMs on one shared journal
 * directory, a bank of {@value #ACCOUNTS} accounts in 24 partitions spread over them, and
 * {@value #SESSIONS} remote JDBC sessions spread over the three nodes moving money in explicit
 * transactions (each also inserts its row in {@code transfers}, so most commit in two phases with
 * participants on other nodes), while a reader on each node sums every balance twice in one
 * snapshot. Mid-run the second node is killed with SIGKILL; its sessions reconnect to the others,
 * its partitions restart on the survivors from its log, the transactions it left open there are
 * rolled back and those it left prepared follow their records. Then it is started again.
 *
 * <p>Checked: every sum of every snapshot is the total; every transfer acknowledged before, during
 * and after the kill is in {@code transfers}; the balances are exactly the opening ones moved by
 * the transfers there (no half of one); every node reads the same; the survivors served
 * transfers after the kill. Printed: the longest pause of acknowledgements after the kill.
 */
class ClusterBankKillIT {

    private static final int ACCOUNTS = 48;
    private static final long OPENING = 1_000;
    private static final long TOTAL = ACCOUNTS * OPENING;
    private static final int SESSIONS = 64;
    private static final int ACKS_BEFORE_KILL = 200;
    private static final int ACKS_AFTER_KILL = 200;
    private static final int ACKS_AFTER_RESTART = 60;
    private static final Duration HANG_GUARD = Duration.ofSeconds(180);
    private static final Set<String> RETRIED = Set.of("40001", "40P01", "55P03", "40000", "40003", "57014", "53000");

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path dir;
    private ClusterJvms cluster;

    private final Set<Long> acked = ConcurrentHashMap.newKeySet();
    private final AtomicInteger ackCount = new AtomicInteger();
    private final Queue<String> broken = new ConcurrentLinkedQueue<>();
    private final AtomicInteger sums = new AtomicInteger();
    private final AtomicLong lastAckNs = new AtomicLong();
    private final AtomicLong longestPauseAfterKillNs = new AtomicLong();
    private volatile long killedAtNs;
    private volatile boolean running = true;

    @AfterEach
    void stopAll() throws InterruptedException {
        running = false;
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theBankHoldsAcrossTheClusterWhenANodeIsKilledAndRestarted() throws Exception {
        cluster = new ClusterJvms(dir, HANG_GUARD);
        ForkedNode[] nodes = new ForkedNode[3];
        for (int n = 0; n < 3; n++) {
            nodes[n] = cluster.start(n, "first");
        }
        try (Connection c = DriverManager.getConnection(cluster.url(0)); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE accounts (id INT PRIMARY KEY, balance BIGINT) PARTITION BY HASH(id) PARTITIONS 24");
            s.executeUpdate("CREATE TABLE transfers (id BIGINT PRIMARY KEY, src INT, dst INT, amount BIGINT) "
                    + "PARTITION BY HASH(id) PARTITIONS 24");
            for (int id = 0; id < ACCOUNTS; id++) {
                s.executeUpdate("INSERT INTO accounts (id, balance) VALUES (" + id + ", " + OPENING + ")");
            }
        }
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            int session = i;
            threads.add(new Thread(() -> transfers(session), "transfer-" + i));
        }
        for (int n = 0; n < 3; n++) {
            int node = n;
            threads.add(new Thread(() -> sums(node), "reader-" + n));
        }
        long loadFromNs = System.nanoTime();
        threads.forEach(Thread::start);
        try {
            awaitAcks(ACKS_BEFORE_KILL);
            System.out.printf("cluster bank: %d transfers and %d sums in %.1f s before the kill%n", ackCount.get(),
                    sums.get(), (System.nanoTime() - loadFromNs) / 1e9);
            killedAtNs = System.nanoTime();
            nodes[1].kill();
            int atKill = ackCount.get();
            awaitAcks(atKill + ACKS_AFTER_KILL);
            System.out.printf("cluster bank: %d transfers acknowledged before the SIGKILL, %d more after; the longest "
                    + "pause of acknowledgements after it: %.1f s%n", atKill, ackCount.get() - atKill,
                    longestPauseAfterKillNs.get() / 1e9);
            nodes[1] = cluster.start(1, "restarted");
            System.out.printf("cluster bank: node 2 restarted at %.1f s%n", (System.nanoTime() - loadFromNs) / 1e9);
            awaitAcks(ackCount.get() + ACKS_AFTER_RESTART);
        } finally {
            running = false;
            System.out.printf("cluster bank: load stopped at %.1f s%n", (System.nanoTime() - loadFromNs) / 1e9);
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(90));
                if (t.isAlive()) {
                    System.out.println("cluster bank: " + t.getName() + " still waits: "
                            + java.util.Arrays.toString(t.getStackTrace()).substring(0, 600));
                }
            }
            System.out.printf("cluster bank: sessions ended at %.1f s%n", (System.nanoTime() - loadFromNs) / 1e9);
        }
        assertTrue(broken.isEmpty(), () -> broken.size() + " violations, the first: " + broken.peek());
        assertTrue(sums.get() >= 3, "the readers summed " + sums.get() + " times");

        Map<Long, long[]> transfers = new HashMap<>();
        Map<Integer, Long> balances = new HashMap<>();
        for (int n = 0; n < 3; n++) {
            Map<Long, long[]> seenTransfers = new HashMap<>();
            Map<Integer, Long> seenBalances = new HashMap<>();
            try (Connection c = DriverManager.getConnection(cluster.url(n)); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                try (ResultSet rs = s.executeQuery("SELECT id, src, dst, amount FROM transfers")) {
                    while (rs.next()) {
                        seenTransfers.put(rs.getLong(1), new long[] {rs.getInt(2), rs.getInt(3), rs.getLong(4)});
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT id, balance FROM accounts")) {
                    while (rs.next()) {
                        seenBalances.put(rs.getInt(1), rs.getLong(2));
                    }
                }
                c.commit();
            }
            if (n == 0) {
                transfers = seenTransfers;
                balances = seenBalances;
            } else {
                assertEquals(transfers.keySet(), seenTransfers.keySet(), "node " + n + " reads the same transfers");
                assertEquals(balances, seenBalances, "node " + n + " reads the same balances");
            }
        }
        for (long id : acked) {
            assertTrue(transfers.containsKey(id), "acknowledged transfer " + id + " is lost");
        }
        long[] expected = new long[ACCOUNTS];
        java.util.Arrays.fill(expected, OPENING);
        for (long[] t : transfers.values()) {
            expected[(int) t[0]] -= t[2];
            expected[(int) t[1]] += t[2];
        }
        assertEquals(ACCOUNTS, balances.size());
        for (int id = 0; id < ACCOUNTS; id++) {
            assertEquals(expected[id], balances.get(id), "account " + id + " against the transfers table");
        }
        System.out.printf("cluster bank: %d transfers in the table, %d acknowledged, %d snapshots summed%n",
                transfers.size(), acked.size(), sums.get());
    }

    private void awaitAcks(int target) throws InterruptedException {
        long deadline = System.nanoTime() + HANG_GUARD.toNanos();
        while (ackCount.get() < target) {
            assertTrue(broken.isEmpty(), () -> "violations while waiting: " + broken.peek());
            if (System.nanoTime() > deadline) {
                throw new AssertionError(ackCount.get() + " of " + target + " transfers acknowledged within "
                        + HANG_GUARD + "\n" + cluster.stderrTails());
            }
            Thread.sleep(20);
        }
    }

    /** One unit of work on a connection in a transaction of its own. */
    @FunctionalInterface
    private interface Work {
        void run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} again and again until the load stops, on node {@code node} and, after a
     * connection error (its node died), on the next one. A retryable refusal rolls back and goes
     * on; any other error is a violation.
     */
    private void loop(String who, int node, Work work) {
        Connection c = null;
        while (running) {
            try {
                if (c == null) {
                    c = DriverManager.getConnection(cluster.url(node));
                    c.setAutoCommit(false);
                }
                work.run(c);
            } catch (SQLException e) {
                String state = String.valueOf(e.getSQLState());
                if (state.startsWith("08")) {
                    closeQuietly(c);
                    c = null;
                    node = (node + 1) % 3; // reconnect elsewhere; back to this one once it is up again
                    pause(50);
                } else if (RETRIED.contains(state)) {
                    rollbackQuietly(c);
                } else if (running) {
                    broken.add(who + " on node " + node + ": " + state + " " + e.getMessage());
                    rollbackQuietly(c);
                }
            }
        }
        closeQuietly(c);
    }

    /** One session's transfers, starting on node {@code session % 3}. */
    private void transfers(int session) {
        Random random = new Random(session);
        long[] seq = {0};
        loop("session " + session, session % 3, c -> {
            long id = session * 10_000_000L + seq[0]++;
            int from = random.nextInt(ACCOUNTS);
            int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
            long amount = 1 + random.nextInt(50);
            try (PreparedStatement debit = c.prepareStatement("UPDATE accounts SET balance = balance - ? WHERE id = ?");
                 PreparedStatement credit = c.prepareStatement("UPDATE accounts SET balance = balance + ? WHERE id = ?");
                 PreparedStatement record = c.prepareStatement(
                         "INSERT INTO transfers (id, src, dst, amount) VALUES (?, ?, ?, ?)")) {
                debit.setLong(1, amount);
                debit.setInt(2, from);
                debit.executeUpdate();
                credit.setLong(1, amount);
                credit.setInt(2, to);
                credit.executeUpdate();
                record.setLong(1, id);
                record.setInt(2, from);
                record.setInt(3, to);
                record.setLong(4, amount);
                record.executeUpdate();
            }
            c.commit();
            acked(id);
        });
    }

    private void acked(long id) {
        acked.add(id);
        ackCount.incrementAndGet();
        long now = System.nanoTime();
        long previous = lastAckNs.getAndSet(now);
        long killed = killedAtNs;
        if (killed != 0) {
            longestPauseAfterKillNs.accumulateAndGet(now - Math.max(previous, killed), Math::max);
        }
    }

    /** Sums every balance twice in one snapshot, starting on node {@code node}. */
    private void sums(int node) {
        loop("reader " + node, node, c -> {
            long first = sum(c);
            long again = sum(c);
            c.commit();
            if (first != TOTAL || again != TOTAL) {
                broken.add("a snapshot summed " + first + " then " + again + ", not " + TOTAL);
            }
            sums.incrementAndGet();
            pause(20);
        });
    }

    private static long sum(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT SUM(balance) FROM accounts")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            if (c != null) {
                c.rollback();
            }
        } catch (SQLException ignored) {
            // the next statement finds out
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (SQLException ignored) {
            // gone already
        }
    }
}
