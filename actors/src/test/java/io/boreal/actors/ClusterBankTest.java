package io.boreal.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.boreal.storage.EngineException;

/**
 * The bank invariant across nodes: three nodes in one JVM (global snapshots), one table of
 * accounts in 24 partitions spread over them, transfers run as explicit transactions from
 * sessions on every node (most touch partitions on two or three nodes: two-phase commits whose
 * participants are on other nodes), while readers on every node sum all balances at one
 * snapshot. Every sum a reader sees is the total, twice in one transaction; every transfer
 * acknowledged is in the final balances, which every node reads alike.
 */
class ClusterBankTest {

    private static final int ACCOUNTS = 48;
    private static final long OPENING = 1_000;
    private static final int WRITERS_PER_NODE = 2;
    private static final int TRANSFERS_PER_WRITER = 60;
    private static final Set<String> RETRIED = Set.of("40001", "40P01", "55P03", "40000");

    private static LocalCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        String[] names = {"bank-a", "bank-b", "bank-c"};
        cluster = new LocalCluster(3, i -> Map.of("boreal.storage.mode", "mem", "boreal.storage.name", names[i]));
        LocalCluster.run(cluster.node(0), "CREATE TABLE accounts (id INT PRIMARY KEY, balance BIGINT) "
                + "PARTITION BY HASH(id) PARTITIONS 24");
        SqlSession session = open(cluster.node(1));
        try {
            for (int id = 0; id < ACCOUNTS; id++) {
                execute(session, "INSERT INTO accounts (id, balance) VALUES (?, ?)", id, OPENING);
            }
        } finally {
            session.close();
        }
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void everySnapshotOnEveryNodeSeesTheTotalAndNoTransferIsLost() throws Exception {
        long total = ACCOUNTS * OPENING;
        long[] expected = new long[ACCOUNTS];
        java.util.Arrays.fill(expected, OPENING);
        ConcurrentLinkedQueue<long[]> acknowledged = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> broken = new ConcurrentLinkedQueue<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger sums = new AtomicInteger();
        List<Thread> writers = new ArrayList<>();
        List<Thread> readers = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            BorealDatabase node = cluster.node(n);
            for (int w = 0; w < WRITERS_PER_NODE; w++) {
                long seed = n * 100L + w;
                writers.add(thread(() -> transfers(node, seed, acknowledged, broken)));
            }
            readers.add(thread(() -> sums(node, total, writing, sums, broken)));
        }
        writers.forEach(Thread::start);
        readers.forEach(Thread::start);
        for (Thread t : writers) {
            t.join(TimeUnit.MINUTES.toMillis(3));
        }
        writing.set(false);
        for (Thread t : readers) {
            t.join(TimeUnit.MINUTES.toMillis(1));
        }
        assertTrue(broken.isEmpty(), () -> broken.size() + " violations, first: " + broken.peek());
        assertTrue(sums.get() >= 3, "the readers summed " + sums.get() + " times");
        for (long[] transfer : acknowledged) {
            expected[(int) transfer[0]] -= transfer[2];
            expected[(int) transfer[1]] += transfer[2];
        }
        for (int n = 0; n < 3; n++) {
            SqlSession session = open(cluster.node(n));
            try {
                List<Object[]> rows = rows(session, "SELECT id, balance FROM accounts ORDER BY id");
                assertEquals(ACCOUNTS, rows.size());
                for (Object[] row : rows) {
                    assertEquals(expected[((Number) row[0]).intValue()], ((Number) row[1]).longValue(),
                            "account " + row[0] + " read on node " + n);
                }
            } finally {
                session.close();
            }
        }
        assertTrue(acknowledged.size() > WRITERS_PER_NODE * 3, acknowledged.size() + " transfers committed");
    }

    /** Transfers between random accounts; each acknowledged one is recorded (from, to, amount). */
    private static void transfers(BorealDatabase node, long seed, ConcurrentLinkedQueue<long[]> acknowledged,
                                  ConcurrentLinkedQueue<String> broken) {
        Random random = new Random(seed);
        try {
            SqlSession session = open(node);
            try {
                for (int i = 0; i < TRANSFERS_PER_WRITER; i++) {
                    int from = random.nextInt(ACCOUNTS);
                    int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                    long amount = 1 + random.nextInt(50);
                    for (int attempt = 0; attempt < 50; attempt++) {
                        try {
                            execute(session, "BEGIN");
                            execute(session, "UPDATE accounts SET balance = balance - ? WHERE id = ?", amount, from);
                            execute(session, "UPDATE accounts SET balance = balance + ? WHERE id = ?", amount, to);
                            execute(session, "COMMIT");
                            acknowledged.add(new long[] {from, to, amount});
                            break;
                        } catch (ExecutionException e) {
                            if (!(e.getCause() instanceof EngineException ee) || !RETRIED.contains(ee.sqlState())) {
                                throw e;
                            }
                            execute(session, "ROLLBACK");
                        }
                    }
                }
            } finally {
                session.close();
            }
        } catch (Exception e) {
            broken.add("a writer failed: " + e);
        }
    }

    /** Sums every balance twice in one transaction, until the writers are done. */
    private static void sums(BorealDatabase node, long total, AtomicBoolean writing, AtomicInteger sums,
                             ConcurrentLinkedQueue<String> broken) {
        try {
            SqlSession session = open(node);
            try {
                do {
                    try {
                        execute(session, "BEGIN");
                        long first = sum(session);
                        long again = sum(session);
                        execute(session, "COMMIT");
                        if (first != total || again != total) {
                            broken.add("a snapshot on " + node.name() + " summed " + first + " then " + again
                                    + ", not " + total);
                        }
                        sums.incrementAndGet();
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof EngineException ee) || !RETRIED.contains(ee.sqlState())) {
                            throw e;
                        }
                        execute(session, "ROLLBACK");
                    }
                } while (writing.get());
            } finally {
                session.close();
            }
        } catch (Exception e) {
            broken.add("a reader failed: " + e);
        }
    }

    private static long sum(SqlSession session) throws Exception {
        return ((Number) rows(session, "SELECT SUM(balance) FROM accounts").get(0)[0]).longValue();
    }

    private static Thread thread(Runnable body) {
        Thread t = new Thread(body);
        t.setDaemon(true);
        return t;
    }

    private static SqlSession open(BorealDatabase db) throws Exception {
        return db.openSession("test").toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static void execute(SqlSession session, String sql, Object... params) throws Exception {
        session.execute(sql, List.of(params)).toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    private static List<Object[]> rows(SqlSession session, String sql) throws Exception {
        return ((StatementResult.Rows) session.execute(sql, List.of()).toCompletableFuture()
                .get(60, TimeUnit.SECONDS)).rows();
    }
}
