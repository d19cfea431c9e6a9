package io.boreal.multijvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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

/**
 * The bank as cluster load, for the multi-JVM tests: {@value #ACCOUNTS} accounts and a
 * {@code transfers} table, 24 partitions each; sessions move money in explicit transactions
 * (debit, credit, and the transfer's row, so most commit in two phases across nodes) and a
 * reader per node sums every balance twice in one snapshot. Session {@code i} starts on node
 * {@code i % nodes}; after a connection error (its node died) it moves to the next node, and
 * each new connection goes to a node among the {@link #nodes(int)} there are now.
 *
 * <p>Checked as it runs: every snapshot sums to the total; any error but a retryable one
 * ({@link #RETRIED}) is a violation. {@link #verify} checks the end state on every node.
 */
final class BankLoad {

    static final int ACCOUNTS = 48;
    private static final long OPENING = 1_000;
    private static final long TOTAL = ACCOUNTS * OPENING;
    /** What a client retries: serialization failures, deadlocks, lock timeouts, lost writes, unknown completion, overload. */
    static final Set<String> RETRIED = Set.of("40001", "40P01", "55P03", "40000", "40003", "57014", "53000");

    private final ClusterJvms cluster;
    private final Duration hangGuard;
    private volatile int nodes;
    private volatile boolean running = true;
    private final List<Thread> threads = new ArrayList<>();
    private final Set<Long> acked = ConcurrentHashMap.newKeySet();
    private final AtomicInteger ackCount = new AtomicInteger();
    private final Queue<String> broken = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicInteger> retried = new ConcurrentHashMap<>();
    private final AtomicInteger sums = new AtomicInteger();
    private final AtomicLong lastAckNs = new AtomicLong();
    private final AtomicLong longestPauseNs = new AtomicLong();
    private volatile long markedAtNs;
    private int nextSession;

    BankLoad(ClusterJvms cluster, int nodes, Duration hangGuard) {
        this.cluster = cluster;
        this.nodes = nodes;
        this.hangGuard = hangGuard;
    }

    /** Creates the tables through node 0 and opens every account. */
    void createTables() throws SQLException {
        try (Connection c = DriverManager.getConnection(cluster.url(0)); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE accounts (id INT PRIMARY KEY, balance BIGINT) PARTITION BY HASH(id) PARTITIONS 24");
            s.executeUpdate("CREATE TABLE transfers (id BIGINT PRIMARY KEY, src INT, dst INT, amount BIGINT) "
                    + "PARTITION BY HASH(id) PARTITIONS 24");
            for (int id = 0; id < ACCOUNTS; id++) {
                s.executeUpdate("INSERT INTO accounts (id, balance) VALUES (" + id + ", " + OPENING + ")");
            }
        }
    }

    /** Starts {@code sessions} transfer sessions and a reader on each of the first {@code readers} nodes. */
    void start(int sessions, int readers) {
        addSessions(sessions);
        for (int n = 0; n < readers; n++) {
            int node = n;
            Thread reader = new Thread(() -> sums(node), "reader-" + n);
            threads.add(reader);
            reader.start();
        }
    }

    /** Starts {@code count} more transfer sessions; session {@code i} starts on node {@code i % nodes}. */
    void addSessions(int count) {
        for (int i = 0; i < count; i++) {
            int session = nextSession++;
            Thread t = new Thread(() -> transfers(session), "transfer-" + session);
            threads.add(t);
            t.start();
        }
    }

    /** From now on new connections go to one of the first {@code count} nodes. */
    void nodes(int count) {
        nodes = count;
    }

    int acks() {
        return ackCount.get();
    }

    int sums() {
        return sums.get();
    }

    /** Retryable errors the sessions met, by SQLState. */
    Map<String, AtomicInteger> retried() {
        return retried;
    }

    /** Starts measuring the longest pause between acknowledgements (and from now to the first). */
    void mark() {
        markedAtNs = System.nanoTime();
    }

    /** The longest pause of acknowledgements since {@link #mark}, in seconds. */
    double longestPauseSinceMark() {
        return longestPauseNs.get() / 1e9;
    }

    /** Waits until {@code target} transfers are acknowledged; fails on a violation or after the hang guard. */
    void awaitAcks(int target) throws InterruptedException {
        long deadline = System.nanoTime() + hangGuard.toNanos();
        while (ackCount.get() < target) {
            assertTrue(broken.isEmpty(), () -> "violations while waiting: " + broken.peek());
            if (System.nanoTime() > deadline) {
                throw new AssertionError(ackCount.get() + " of " + target + " transfers acknowledged within "
                        + hangGuard + "\n" + cluster.stderrTails());
            }
            Thread.sleep(20);
        }
    }

    /** Stops the sessions and waits for them. */
    void stop() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(90));
            if (t.isAlive()) {
                System.out.println("bank: " + t.getName() + " still waits: "
                        + Arrays.toString(t.getStackTrace()).substring(0, 600));
            }
        }
    }

    /**
     * The end state, read on each of the first {@code count} nodes: no violation was seen, every
     * node reads the same, every acknowledged transfer is in {@code transfers}, and every balance
     * is the opening one moved by exactly the transfers there. Returns the transfers' count.
     */
    int verify(int count) throws SQLException {
        assertTrue(broken.isEmpty(), () -> broken.size() + " violations, the first: " + broken.peek());
        assertTrue(sums.get() >= count, "the readers summed " + sums.get() + " times");
        Map<Long, long[]> transfers = new HashMap<>();
        Map<Integer, Long> balances = new HashMap<>();
        long deadline = System.nanoTime() + hangGuard.toNanos();
        for (int n = 0; n < count; n++) {
            Map<Long, long[]> seenTransfers = new HashMap<>();
            Map<Integer, Long> seenBalances = new HashMap<>();
            while (!readBoth(n, seenTransfers, seenBalances)) {
                assertTrue(System.nanoTime() < deadline, "node " + n + " gave no snapshot of both tables");
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
        Arrays.fill(expected, OPENING);
        for (long[] t : transfers.values()) {
            expected[(int) t[0]] -= t[2];
            expected[(int) t[1]] += t[2];
        }
        assertEquals(ACCOUNTS, balances.size());
        for (int id = 0; id < ACCOUNTS; id++) {
            assertEquals(expected[id], balances.get(id), "account " + id + " against the transfers table");
        }
        return transfers.size();
    }

    /**
     * Reads both tables on node {@code n} in one snapshot; false after a retryable refusal (a
     * partition that just moved refuses older snapshots), with both maps emptied.
     */
    private boolean readBoth(int n, Map<Long, long[]> transfers, Map<Integer, Long> balances) throws SQLException {
        try (Connection c = DriverManager.getConnection(cluster.url(n)); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try (ResultSet rs = s.executeQuery("SELECT id, src, dst, amount FROM transfers")) {
                while (rs.next()) {
                    transfers.put(rs.getLong(1), new long[] {rs.getInt(2), rs.getInt(3), rs.getLong(4)});
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT id, balance FROM accounts")) {
                while (rs.next()) {
                    balances.put(rs.getInt(1), rs.getLong(2));
                }
            }
            c.commit();
            return true;
        } catch (SQLException e) {
            if (!RETRIED.contains(e.getSQLState())) {
                throw e;
            }
            transfers.clear();
            balances.clear();
            pause(100);
            return false;
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
                    node = node % nodes;
                    c = DriverManager.getConnection(cluster.url(node));
                    c.setAutoCommit(false);
                }
                work.run(c);
            } catch (SQLException e) {
                String state = String.valueOf(e.getSQLState());
                if (state.startsWith("08")) {
                    closeQuietly(c);
                    c = null;
                    node = node + 1; // reconnect elsewhere; back to this one once it is up again
                    pause(50);
                } else if (RETRIED.contains(state)) {
                    if (state.equals("57014")) {
                        System.out.println("bank: " + who + " on node " + node + ": " + e.getMessage());
                    }
                    retried.computeIfAbsent(state, s -> new AtomicInteger()).incrementAndGet();
                    rollbackQuietly(c);
                } else if (running) {
                    broken.add(who + " on node " + node + ": " + state + " " + e.getMessage());
                    rollbackQuietly(c);
                }
            }
        }
        closeQuietly(c);
    }

    /** One session's transfers, starting on node {@code session % nodes}. */
    private void transfers(int session) {
        Random random = new Random(session);
        long[] seq = {0};
        loop("session " + session, session, c -> {
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
        long marked = markedAtNs;
        if (marked != 0) {
            longestPauseNs.accumulateAndGet(now - Math.max(previous, marked), Math::max);
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
