package io.boreal.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.typesafe.config.ConfigFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.boreal.storage.EngineException;

/**
 * {@code boreal.thread_concurrency} through sessions: the cap holds under concurrent inserts,
 * 0 means no gate, and transaction control passes a full gate (else the statement holding the
 * permit, waiting for the lock that COMMIT frees, would never finish).
 */
class AdmissionGateTest {

    private static final long WAIT_S = 30;
    private BorealDatabase db;

    @AfterEach
    void stop() {
        if (db != null) {
            db.close();
        }
    }

    private void start(String name, int threadConcurrency) {
        db = BorealDatabase.start(ConfigFactory.parseMap(Map.of("boreal.thread-concurrency", threadConcurrency))
                .withFallback(BorealDatabase.memoryConfig(name)));
    }

    private SqlSession session() throws Exception {
        return db.openSession("test").toCompletableFuture().get(WAIT_S, TimeUnit.SECONDS);
    }

    private static StatementResult run(SqlSession s, String sql) throws Exception {
        return s.execute(sql, List.of()).toCompletableFuture().get(WAIT_S, TimeUnit.SECONDS);
    }

    private static long count(SqlSession s, String table) throws Exception {
        return (Long) ((StatementResult.Rows) run(s, "SELECT COUNT(*) FROM " + table)).rows().get(0)[0];
    }

    /** Polls the gate's counters (their changes happen on engine threads) until {@code ready}. */
    private void awaitGate(Predicate<AdmissionStats> ready) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (!ready.test(db.admissionStats())) {
            assertTrue(System.nanoTime() < deadline, "gate never got there: " + db.admissionStats());
            Thread.sleep(5);
        }
    }

    /** {@code sessions} sessions, each a closed loop of {@code inserts} single-row inserts, all at once. */
    private void insertConcurrently(int sessions, int inserts) throws Exception {
        List<CompletableFuture<?>> loops = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            SqlSession s = session();
            CompletionStage<?> loop = CompletableFuture.completedFuture(null);
            for (int n = 0; n < inserts; n++) {
                loop = loop.thenCompose(x -> s.execute("INSERT INTO t (k) VALUES (1)", List.of()));
            }
            loops.add(loop.toCompletableFuture());
        }
        CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
    }

    @Test
    void capOneLetsOneStatementRunAtATimeAndEveryoneFinishes() throws Exception {
        start("gate-cap-1", 1);
        SqlSession s = session();
        run(s, "CREATE TABLE t (id BIGINT AUTO_INCREMENT PRIMARY KEY, k INT) PARTITION BY HASH(id) PARTITIONS 4");
        insertConcurrently(32, 25);

        // A permit is given back just after its reply is sent: the last ones may still be held.
        awaitGate(g -> g.inFlight() == 0 && g.queued() == 0);
        AdmissionStats stats = db.admissionStats();
        assertEquals(1, stats.maxInFlight(), stats.toString());
        assertTrue(stats.admitted() >= 32 * 25, stats.toString());
        assertTrue(stats.waited() > 0, stats.toString());
        assertEquals(32 * 25, count(s, "t"));
    }

    @Test
    void capZeroQueuesNobody() throws Exception {
        start("gate-cap-0", 0);
        SqlSession s = session();
        run(s, "CREATE TABLE t (id BIGINT AUTO_INCREMENT PRIMARY KEY, k INT) PARTITION BY HASH(id) PARTITIONS 4");
        insertConcurrently(32, 25);
        assertEquals(32 * 25, count(s, "t"));

        // Deterministically several admitted at once, none queued: statements blocked on one row lock.
        SqlSession holder = session();
        run(holder, "BEGIN");
        run(holder, "UPDATE t SET k = 2 WHERE id = 1");
        long admittedBefore = db.admissionStats().admitted();
        List<CompletableFuture<StatementResult>> blocked = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            blocked.add(session().execute("UPDATE t SET k = k + 1 WHERE id = 1", List.of()).toCompletableFuture());
        }
        awaitGate(g -> g.admitted() == admittedBefore + 4);
        assertTrue(blocked.stream().noneMatch(CompletableFuture::isDone), "they wait for the holder");
        run(holder, "COMMIT");
        CompletableFuture.allOf(blocked.toArray(CompletableFuture[]::new)).get(WAIT_S, TimeUnit.SECONDS);

        AdmissionStats stats = db.admissionStats();
        assertEquals(0, stats.waited(), stats.toString());
    }

    /**
     * Statements waiting for a row lock give their permits back — their holder may need one to
     * finish: with a cap of 1 and four sessions queued on the lock, the holder still runs its next
     * statement, then COMMIT (which never waits at the gate) frees them all.
     */
    @Test
    void lockWaitersGiveTheirPermitsToTheHolder() throws Exception {
        start("gate-lock-wait", 1);
        SqlSession holder = session();
        run(holder, "CREATE TABLE t (id INT PRIMARY KEY, k INT NOT NULL)");
        run(holder, "INSERT INTO t (id, k) VALUES (1, 0), (2, 0)");
        run(holder, "BEGIN");
        run(holder, "UPDATE t SET k = k + 1 WHERE id = 1");
        long admittedBefore = db.admissionStats().admitted();
        List<CompletableFuture<StatementResult>> waiters = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            waiters.add(session().execute("UPDATE t SET k = k + 10 WHERE id = 1", List.of()).toCompletableFuture());
        }
        awaitGate(g -> g.admitted() == admittedBefore + 4 && g.inFlight() == 0 && g.queued() == 0);
        run(holder, "UPDATE t SET k = k + 1 WHERE id = 2"); // needs the one permit
        run(holder, "COMMIT");
        for (CompletableFuture<StatementResult> w : waiters) {
            assertEquals(1L, ((StatementResult.UpdateCount) w.get(WAIT_S, TimeUnit.SECONDS)).count());
        }
        assertEquals(41, ((StatementResult.Rows) run(holder, "SELECT k FROM t WHERE id = 1")).rows().get(0)[0]);
        awaitGate(g -> g.inFlight() == 0); // each waiter took its permit back when granted, and gave it back
    }
}
