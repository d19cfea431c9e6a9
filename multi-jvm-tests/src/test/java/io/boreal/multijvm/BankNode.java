package io.boreal.multijvm;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The victim of {@link BankKillIT}: a bank of {@value #ACCOUNTS} accounts over 8 partitions
 * under a file database, with {@value #TRANSFER_SESSIONS} sessions moving money between random
 * accounts and {@value #READERS} sessions summing every balance in one snapshot. It never exits
 * by itself. {@code args}: the database directory and the run number (0, 1, …: transfer ids of
 * one run never collide with another's).
 *
 * <p>A transfer is one transaction over up to three partitions (the debit, the credit, and its
 * row in {@code transfers}), so it commits in two phases. Its stdout protocol:
 * <pre>
 *   READY                          the bank is open (created on the first run only)
 *   ACK id from to amount          printed only after COMMIT returned
 *   SUM-OK                         one snapshot summed to the total (twice)
 *   BAD-SUM first again            one that did not: an isolation or atomicity failure
 *   ERROR session sqlstate message a session met an error that is not a retryable refusal
 * </pre>
 */
public final class BankNode {

    static final int ACCOUNTS = 32;
    static final long OPENING = 1_000;
    static final long TOTAL = ACCOUNTS * OPENING;
    static final int TRANSFER_SESSIONS = 64;
    static final int READERS = 4;
    private static final long MAX_AMOUNT = 50;

    private BankNode() {
    }

    public static void main(String[] args) throws InterruptedException {
        String url = "jdbc:boreal:file:" + args[0];
        int run = Integer.parseInt(args[1]);
        try {
            openBank(url);
        } catch (Throwable e) {
            // Fail fast: the engine's threads would keep the JVM alive after main threw.
            e.printStackTrace();
            Runtime.getRuntime().halt(1);
        }
        say("READY");
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < TRANSFER_SESSIONS; s++) {
            int session = s;
            threads.add(new Thread(() -> transferForever(url, run, session), "transfer-" + s));
        }
        for (int r = 0; r < READERS; r++) {
            int reader = r;
            threads.add(new Thread(() -> sumForever(url, reader), "reader-" + r));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
    }

    /** Transfer ids: unique per run, session and attempt (an attempt that failed leaves its id unused). */
    static long transferId(int run, int session, long attempt) {
        return run * 1_000_000_000_000L + session * 1_000_000_000L + attempt;
    }

    /** Creates the tables and the accounts unless an earlier run did. */
    private static void openBank(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS accounts (id INT PRIMARY KEY, balance BIGINT NOT NULL) "
                    + "PARTITION BY HASH(id) PARTITIONS 8");
            s.execute("CREATE TABLE IF NOT EXISTS transfers (id BIGINT PRIMARY KEY, src INT NOT NULL, dst INT NOT NULL, "
                    + "amount BIGINT NOT NULL) PARTITION BY HASH(id) PARTITIONS 8");
            long accounts = single(s, "SELECT COUNT(*) FROM accounts");
            if (accounts == 0) {
                // One statement over every partition: all the accounts open, or none do.
                StringBuilder insert = new StringBuilder("INSERT INTO accounts (id, balance) VALUES ");
                for (int id = 0; id < ACCOUNTS; id++) {
                    insert.append(id == 0 ? "" : ", ").append('(').append(id).append(", ").append(OPENING).append(')');
                }
                s.executeUpdate(insert.toString());
            } else if (accounts != ACCOUNTS) {
                throw new IllegalStateException("the bank holds " + accounts + " accounts, not 0 or " + ACCOUNTS);
            }
        }
    }

    private static void transferForever(String url, int run, int session) {
        Random random = new Random(run * 1_000L + session);
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement debit = c.prepareStatement("UPDATE accounts SET balance = balance - ? WHERE id = ?");
             PreparedStatement credit = c.prepareStatement("UPDATE accounts SET balance = balance + ? WHERE id = ?");
             PreparedStatement log = c.prepareStatement(
                     "INSERT INTO transfers (id, src, dst, amount) VALUES (?, ?, ?, ?)")) {
            c.setAutoCommit(false);
            for (long attempt = 0; ; attempt++) {
                int from = random.nextInt(ACCOUNTS);
                int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                long amount = 1 + random.nextInt((int) MAX_AMOUNT);
                long id = transferId(run, session, attempt);
                try {
                    if (update(debit, amount, from) != 1 || update(credit, amount, to) != 1) {
                        say("ERROR " + session + " - an account row was not found");
                        c.rollback();
                        return;
                    }
                    log.setLong(1, id);
                    log.setInt(2, from);
                    log.setInt(3, to);
                    log.setLong(4, amount);
                    log.executeUpdate();
                    c.commit();
                    say("ACK " + id + " " + from + " " + to + " " + amount);
                } catch (SQLException e) {
                    if (!refused(e)) {
                        throw e;
                    }
                    c.rollback();
                }
            }
        } catch (SQLException e) {
            say("ERROR " + session + " " + e.getSQLState() + " " + e.getMessage());
        }
    }

    private static void sumForever(String url, int reader) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            while (true) {
                try {
                    long first = single(s, "SELECT SUM(balance) FROM accounts");
                    long again = single(s, "SELECT SUM(balance) FROM accounts"); // the same snapshot
                    c.commit();
                    say(first == TOTAL && again == first ? "SUM-OK" : "BAD-SUM " + first + " " + again);
                } catch (SQLException e) {
                    if (!refused(e)) {
                        throw e;
                    }
                    c.rollback();
                }
            }
        } catch (SQLException e) {
            say("ERROR reader-" + reader + " " + e.getSQLState() + " " + e.getMessage());
        }
    }

    /** Serialization failures, deadlocks and lock-wait timeouts: the transaction is refused, the session goes on. */
    private static boolean refused(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("40") || state.equals("55P03"));
    }

    private static int update(PreparedStatement ps, long amount, int account) throws SQLException {
        ps.setLong(1, amount);
        ps.setInt(2, account);
        return ps.executeUpdate();
    }

    private static long single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void say(String line) {
        synchronized (System.out) {
            System.out.println(line);
            System.out.flush();
        }
    }
}
