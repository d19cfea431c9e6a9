package io.boreal.jdbc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;


/**
 * The bank: 32 accounts over 8 partitions, 64 sessions moving money between random accounts
 * (most transfers touch two partitions, so they commit in two phases) while readers sum every
 * balance in one snapshot. Every sum must equal the total; at the end each balance must equal
 * its opening balance plus what the transfer log says came in, minus what went out.
 *
 * <p>Runs {@value #SECONDS} s per MVCC mode ({@code -Dboreal.bank.seconds} to change).
 */
class BankTest {

    private static final int ACCOUNTS = 32;
    private static final long OPENING = 1_000;
    private static final int TRANSFER_SESSIONS = 64;
    private static final int READERS = 4;
    private static final int SECONDS = 30;

    @ParameterizedTest
    @ValueSource(strings = {"cts", "active_list", "cts+switching"})
    void everySnapshotSumsToTheTotalAndTheLogExplainsEveryBalance(String variant) throws Exception {
        String mvcc = variant.replace("+switching", "");
        String url = Sql.memDatabase("bank", mvcc);
        try (Connection c = DriverManager.getConnection(url)) {
            Sql.exec(c, "CREATE TABLE accounts (id INT PRIMARY KEY, balance BIGINT NOT NULL) "
                            + "PARTITION BY HASH(id) PARTITIONS 8",
                    "CREATE TABLE transfers (id BIGINT PRIMARY KEY, src INT NOT NULL, dst INT NOT NULL, "
                            + "amount BIGINT NOT NULL) PARTITION BY HASH(id) PARTITIONS 8");
            for (int id = 0; id < ACCOUNTS; id++) {
                Sql.exec(c, "INSERT INTO accounts (id, balance) VALUES (" + id + ", " + OPENING + ")");
            }
        }
        long deadline = System.nanoTime() + Long.getLong("boreal.bank.seconds", SECONDS) * 1_000_000_000L;
        AtomicLong committed = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong sums = new AtomicLong();
        ConcurrentLinkedQueue<String> badSums = new ConcurrentLinkedQueue<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < TRANSFER_SESSIONS; s++) {
            int session = s;
            threads.add(new Thread(() -> guard(failure, () ->
                    transfer(url, session, deadline, committed, refused)), "transfer-" + s));
        }
        for (int r = 0; r < READERS; r++) {
            threads.add(new Thread(() -> guard(failure, () -> sum(url, deadline, sums, badSums)), "reader-" + r));
        }
        AtomicLong switches = new AtomicLong();
        if (variant.endsWith("+switching")) {
            threads.add(new Thread(() -> guard(failure, () -> switchModes(url, deadline, switches)), "switcher"));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        try (Connection c = DriverManager.getConnection(url)) {
            if (failure.get() != null) {
                throw new AssertionError("a session failed", failure.get());
            }
            assertTrue(badSums.isEmpty(), "snapshots that did not sum to the total: " + badSums);
            assertTrue(committed.get() > 0 && sums.get() > 0, "the bank did work");
            assertTrue(!variant.endsWith("+switching") || switches.get() > 10, "modes switched " + switches + " times");
            assertEquals(ACCOUNTS * OPENING, Sql.single(c, "SELECT SUM(balance) FROM accounts"));
            assertEquals(committed.get(), Sql.single(c, "SELECT COUNT(*) FROM transfers"),
                    "every acknowledged transfer is logged, and nothing else");
            long[] expected = new long[ACCOUNTS];
            java.util.Arrays.fill(expected, OPENING);
            for (List<Object> t : Sql.rows(c, "SELECT src, dst, amount FROM transfers")) {
                long amount = ((Number) t.get(2)).longValue();
                expected[((Number) t.get(0)).intValue()] -= amount;
                expected[((Number) t.get(1)).intValue()] += amount;
            }
            for (List<Object> a : Sql.rows(c, "SELECT id, balance FROM accounts")) {
                assertEquals(expected[((Number) a.get(0)).intValue()], ((Number) a.get(1)).longValue(),
                        "account " + a.get(0));
            }
            System.out.printf("bank (%s): %d transfers committed, %d refused and retried, %d snapshot sums, "
                    + "%d mode switches%n", variant, committed.get(), refused.get(), sums.get(), switches.get());
        } finally {
            Sql.shutdown(url);
        }
    }

    /**
     * Under load, flips the execution mode and each async path at random every few milliseconds
     * (seeded; the seed is printed): statements in flight finish in the mode they began in.
     */
    private static void switchModes(String url, long deadline, AtomicLong switches) throws Exception {
        long seed = System.nanoTime();
        System.out.println("bank: mode switcher seed " + seed);
        java.util.Random random = new java.util.Random(seed);
        String[] paths = {"auth", "lock_wait", "log_flush", "timestamp"};
        try (Connection c = DriverManager.getConnection(url)) {
            while (System.nanoTime() < deadline) {
                Sql.exec(c, "SET GLOBAL boreal.execution_mode = '" + (random.nextBoolean() ? "async" : "blocking") + "'",
                        "SET GLOBAL boreal.async." + paths[random.nextInt(paths.length)] + " = "
                                + (random.nextBoolean() ? "on" : "off"));
                switches.incrementAndGet();
                Thread.sleep(random.nextInt(50));
            }
        }
    }

    private interface Body {
        void run() throws Exception;
    }

    private static void guard(AtomicReference<Throwable> failure, Body body) {
        try {
            body.run();
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
        }
    }

    private static void transfer(String url, int session, long deadline, AtomicLong committed, AtomicLong refused)
            throws SQLException {
        Random random = new Random(session);
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement debit = c.prepareStatement("UPDATE accounts SET balance = balance - ? WHERE id = ?");
             PreparedStatement credit = c.prepareStatement("UPDATE accounts SET balance = balance + ? WHERE id = ?");
             PreparedStatement log = c.prepareStatement(
                     "INSERT INTO transfers (id, src, dst, amount) VALUES (?, ?, ?, ?)")) {
            c.setAutoCommit(false);
            for (long n = 0; System.nanoTime() < deadline; n++) {
                int from = random.nextInt(ACCOUNTS);
                int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                long amount = 1 + random.nextInt(50);
                try {
                    debit.setLong(1, amount);
                    debit.setInt(2, from);
                    assertEquals(1, debit.executeUpdate());
                    credit.setLong(1, amount);
                    credit.setInt(2, to);
                    assertEquals(1, credit.executeUpdate());
                    log.setLong(1, (long) session << 32 | n);
                    log.setInt(2, from);
                    log.setInt(3, to);
                    log.setLong(4, amount);
                    log.executeUpdate();
                    c.commit();
                    committed.incrementAndGet();
                } catch (SQLException e) {
                    if (!e.getSQLState().startsWith("40") && !e.getSQLState().equals("55P03")) {
                        throw e;
                    }
                    refused.incrementAndGet();
                    c.rollback();
                }
            }
        }
    }

    private static void sum(String url, long deadline, AtomicLong sums, ConcurrentLinkedQueue<String> bad)
            throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            while (System.nanoTime() < deadline) {
                long first = Sql.single(c, "SELECT SUM(balance) FROM accounts");
                long again = Sql.single(c, "SELECT SUM(balance) FROM accounts"); // the same snapshot
                c.commit();
                if (first != ACCOUNTS * OPENING || again != first) {
                    bad.add(first + "/" + again);
                }
                sums.incrementAndGet();
            }
        }
    }
}
