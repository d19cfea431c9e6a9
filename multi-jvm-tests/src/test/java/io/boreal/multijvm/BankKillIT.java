package io.boreal.multijvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.boreal.jdbc.BorealDriver;

/**
 * The bank under SIGKILL: a forked {@link BankNode} moves money between 32 accounts over 8
 * partitions from 64 sessions (each transfer a two-phase commit over up to three partitions)
 * while readers sum the balances; the test kills it mid-load, restarts it on the same directory
 * and kills it again, {@value #RUNS} runs in all, so later runs also recover transactions left
 * in doubt by the previous kill. Then, in the test's JVM:
 * <ul>
 *   <li>no snapshot a reader took summed to anything but the total ({@code BAD-SUM});
 *   <li>the balances still sum to the total;
 *   <li>every acknowledged transfer is in {@code transfers}, as acknowledged;
 *   <li>every balance is its opening balance plus what {@code transfers} says came in, minus what
 *       went out — no transfer row without both its balance updates, and no update without its row.
 * </ul>
 */
class BankKillIT {

    private static final int RUNS = 3;
    private static final int ACKS_PER_RUN = 200;
    private static final Duration HANG_GUARD = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private record Transfer(int src, int dst, long amount) {
    }

    /** What the node printed that a healthy bank never prints: BAD-SUM and ERROR lines. */
    private final Queue<String> complaints = new ConcurrentLinkedQueue<>();
    private final AtomicLong sums = new AtomicLong();

    @Test
    void acknowledgedTransfersSurviveSigkillAndTheLogExplainsEveryBalance() throws Exception {
        Path db = dir.resolve("db");
        Map<Long, Transfer> acked = new ConcurrentHashMap<>();
        for (int run = 0; run < RUNS; run++) {
            runAndKill(db, run, acked);
        }
        assertTrue(complaints.isEmpty(), "the node reported: " + complaints);
        String url = "jdbc:boreal:file:" + db;
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            Map<Integer, Long> balances = new HashMap<>();
            try (ResultSet rs = s.executeQuery("SELECT id, balance FROM accounts")) {
                while (rs.next()) {
                    balances.put(rs.getInt(1), rs.getLong(2));
                }
            }
            Map<Long, Transfer> logged = new HashMap<>();
            try (ResultSet rs = s.executeQuery("SELECT id, src, dst, amount FROM transfers")) {
                while (rs.next()) {
                    logged.put(rs.getLong(1), new Transfer(rs.getInt(2), rs.getInt(3), rs.getLong(4)));
                }
            }
            assertEquals(BankNode.ACCOUNTS, balances.size(), "accounts");
            assertEquals(BankNode.TOTAL, balances.values().stream().mapToLong(Long::longValue).sum(), "sum of balances");
            assertEveryAcknowledgedTransferLogged(acked, logged);
            assertBalancesExplainedByTheLog(balances, logged);
            System.out.printf("bank: %d runs, %d transfers acknowledged, %d logged, %d snapshot sums checked%n",
                    RUNS, acked.size(), logged.size(), sums.get());
        } finally {
            BorealDriver.shutdown(url);
        }
    }

    /** Starts the node on {@code db}, waits for {@value #ACKS_PER_RUN} acknowledgements of this run, kills it. */
    private void runAndKill(Path db, int run, Map<Long, Transfer> acked) throws Exception {
        AtomicInteger runAcks = new AtomicInteger();
        AtomicInteger inDoubt = new AtomicInteger();
        CountDownLatch enough = new CountDownLatch(1);
        try (ForkedNode node = ForkedNode.start(BankNode.class, List.of(), dir.resolve("bank-" + run + ".err"), line -> {
            if (line.startsWith("ACK ")) {
                String[] f = line.split(" ");
                acked.put(Long.parseLong(f[1]), new Transfer(Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                        Long.parseLong(f[4])));
                if (runAcks.incrementAndGet() >= ACKS_PER_RUN) {
                    enough.countDown();
                }
            } else if (line.equals("SUM-OK")) {
                sums.incrementAndGet();
            } else if (line.startsWith("BAD-SUM") || line.startsWith("ERROR")) {
                complaints.add("run " + run + ": " + line);
            } else if (line.contains("recovered in doubt")) {
                inDoubt.incrementAndGet(); // the engine's log: what the previous kill left prepared
            }
        }, db.toString(), Integer.toString(run))) {
            node.await(enough, HANG_GUARD, ACKS_PER_RUN + " acknowledged transfers in run " + run);
            node.kill();
        }
        System.out.printf("bank run %d: %d in-doubt partition transactions recovered, killed after %d acknowledged "
                + "transfers%n", run, inDoubt.get(), runAcks.get());
    }

    private static void assertEveryAcknowledgedTransferLogged(Map<Long, Transfer> acked, Map<Long, Transfer> logged) {
        List<String> wrong = new ArrayList<>();
        acked.forEach((id, transfer) -> {
            Transfer found = logged.get(id);
            if (!transfer.equals(found)) {
                wrong.add(id + ": acknowledged " + transfer + ", logged " + found);
            }
        });
        assertTrue(wrong.isEmpty(), wrong.size() + " acknowledged transfers lost or changed after SIGKILL: "
                + wrong.subList(0, Math.min(20, wrong.size())));
    }

    private static void assertBalancesExplainedByTheLog(Map<Integer, Long> balances, Map<Long, Transfer> logged) {
        long[] expected = new long[BankNode.ACCOUNTS];
        Arrays.fill(expected, BankNode.OPENING);
        for (Transfer t : logged.values()) {
            expected[t.src()] -= t.amount();
            expected[t.dst()] += t.amount();
        }
        List<String> wrong = new ArrayList<>();
        for (int id = 0; id < BankNode.ACCOUNTS; id++) {
            if (!Long.valueOf(expected[id]).equals(balances.get(id))) {
                wrong.add("account " + id + ": balance " + balances.get(id) + ", transfers say " + expected[id]);
            }
        }
        assertTrue(wrong.isEmpty(), "balances the transfer log does not explain: " + wrong);
    }
}
