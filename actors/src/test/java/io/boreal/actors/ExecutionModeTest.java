package io.boreal.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.boreal.storage.EngineException;

/**
 * {@code boreal.execution_mode} and the per-path {@code boreal.async.*} switches, through SQL:
 * what each mode does with threads, and that a statement waiting for a row lock, the redo log
 * or a two-phase decision completes in every mode and combination of paths.
 */
class ExecutionModeTest {

    private static final long WAIT_S = 60;
    private static final String CONNECTION_THREAD = "boreal-connection-";
    private BorealDatabase db;
    private SqlSession admin;

    @BeforeEach
    void start() throws Exception {
        db = BorealDatabase.start(BorealDatabase.memoryConfig("execution-modes"));
        admin = await(db.openSession("admin"));
        sql(admin, "CREATE TABLE t (id INT PRIMARY KEY, v INT NOT NULL) PARTITION BY HASH(id) PARTITIONS 4");
        for (int id = 0; id < 8; id++) {
            sql(admin, "INSERT INTO t (id, v) VALUES (?, 0)", id);
        }
    }

    @AfterEach
    void stop() {
        if (db != null) {
            db.close();
        }
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(WAIT_S, TimeUnit.SECONDS);
    }

    private static StatementResult sql(SqlSession session, String sql, Object... params) throws Exception {
        return await(session.execute(sql, List.of(params)));
    }

    private long value(int id) throws Exception {
        StatementResult.Rows rows = (StatementResult.Rows) sql(admin, "SELECT v FROM t WHERE id = ?", id);
        return ((Number) rows.rows().get(0)[0]).longValue();
    }

    private static long connectionThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(CONNECTION_THREAD) && t.isAlive()).count();
    }

    @Test
    void showVariablesListsEverySwitch() throws Exception {
        StatementResult.Rows rows = (StatementResult.Rows) sql(admin, "SHOW VARIABLES LIKE 'boreal.%'");
        Map<String, Object> shown = new HashMap<>();
        for (Object[] row : rows.rows()) {
            shown.put((String) row[0], row[1]);
        }
        assertEquals("async", shown.get("boreal.execution_mode"));
        for (String path : List.of("auth", "lock_wait", "log_flush", "timestamp")) {
            assertEquals("on", shown.get("boreal.async." + path), path);
        }
        for (String other : List.of("boreal.mvcc", "boreal.btree", "boreal.thread_concurrency")) {
            assertTrue(shown.containsKey(other), other + " in " + shown.keySet());
        }
        sql(admin, "SET GLOBAL boreal.async.lock_wait = off");
        sql(admin, "SET GLOBAL boreal.execution_mode = 'blocking'");
        rows = (StatementResult.Rows) sql(admin, "SHOW VARIABLES LIKE 'boreal.async.lock%'");
        assertEquals("off", rows.rows().get(0)[1]);

        ExecutionException bad = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> sql(admin, "SET GLOBAL boreal.execution_mode = 'coroutines'"));
        assertEquals("22023", ((EngineException) bad.getCause()).sqlState());
        assertEquals(0L, ((StatementResult.UpdateCount) sql(admin, "UPDATE t SET v = v + 1 WHERE id = 1")).count() - 1,
                "the node keeps serving after a refused value");
    }

    @Test
    void blockingModeRunsEachSessionOnItsOwnThreadAndAsyncOnNone() throws Exception {
        List<SqlSession> sessions = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sessions.add(await(db.openSession("s" + i)));
        }
        long before = connectionThreads();
        for (int i = 0; i < sessions.size(); i++) {
            sql(sessions.get(i), "UPDATE t SET v = v + 1 WHERE id = ?", i % 8);
        }
        assertEquals(before, connectionThreads(), "async sessions use no thread of their own");

        sql(admin, "SET GLOBAL boreal.execution_mode = 'blocking'");
        for (int i = 0; i < sessions.size(); i++) {
            sql(sessions.get(i), "UPDATE t SET v = v + 1 WHERE id = ?", i % 8);
        }
        assertTrue(connectionThreads() >= before + sessions.size(), "one thread per connection: "
                + connectionThreads() + " connection threads for " + sessions.size() + " sessions");
        long total = 0;
        for (int id = 0; id < 8; id++) {
            total += value(id);
        }
        assertEquals(40, total, "every update of both modes is there");
    }

    /** Each combination: a lock holder, waiters queued behind it, then the holder commits. */
    @Test
    void lockWaitsFinishInEveryMode() throws Exception {
        String[][] settings = {
                {"execution_mode", "'async'"},
                {"execution_mode", "'blocking'"},
                {"async.lock_wait", "off"},
                {"async.log_flush", "off"},
        };
        long expected = 0;
        for (String[] setting : settings) {
            sql(admin, "SET GLOBAL boreal.execution_mode = 'async'");
            sql(admin, "SET GLOBAL boreal.async.lock_wait = on");
            sql(admin, "SET GLOBAL boreal.async.log_flush = on");
            sql(admin, "SET GLOBAL boreal." + setting[0] + " = " + setting[1]);
            expected += contend(16);
            assertEquals(expected, value(0), "after " + setting[0] + " = " + setting[1]);
        }
    }

    /**
     * {@code waiters} sessions update a row a holder has locked; more of them than the engine
     * has threads, so under a blocking path the pool must add threads for the holder's commit
     * to run. Returns the increments made.
     */
    private long contend(int waiters) throws Exception {
        SqlSession holder = await(db.openSession("holder"));
        sql(holder, "BEGIN");
        sql(holder, "UPDATE t SET v = v + 1 WHERE id = 0");
        List<SqlSession> sessions = new ArrayList<>();
        List<CompletableFuture<StatementResult>> updates = new ArrayList<>();
        for (int i = 0; i < waiters; i++) {
            SqlSession s = await(db.openSession("waiter" + i));
            sessions.add(s);
            updates.add(s.execute("UPDATE t SET v = v + 1 WHERE id = 0", List.of()).toCompletableFuture());
        }
        Thread.sleep(200); // let them queue behind the lock (the test holds either way)
        assertFalse(updates.stream().anyMatch(CompletableFuture::isDone), "waiters wait for the holder");
        await(holder.commit());
        for (CompletableFuture<StatementResult> u : updates) {
            assertEquals(1L, ((StatementResult.UpdateCount) u.get(WAIT_S, TimeUnit.SECONDS)).count());
        }
        for (SqlSession s : sessions) {
            await(s.close());
        }
        await(holder.close());
        return waiters + 1;
    }

    /** Parsing runs on the session's thread: 300 statements never seen before start no thread. */
    @Test
    void planningStartsNoThreads() throws Exception {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getTotalStartedThreadCount();
        for (int i = 0; i < 300; i++) {
            sql(admin, "SELECT v FROM t WHERE id = " + (i % 8) + " AND v >= " + -i);
        }
        long started = threads.getTotalStartedThreadCount() - before;
        assertTrue(started < 30, started + " threads started while planning 300 statements");
    }

    @Test
    void twoPhaseCommitsCompleteWithEveryPathBlocking() throws Exception {
        for (String path : List.of("log_flush", "timestamp", "lock_wait")) {
            sql(admin, "SET GLOBAL boreal.async." + path + " = off");
        }
        SqlSession s = await(db.openSession("2pc"));
        for (int round = 0; round < 20; round++) {
            sql(s, "BEGIN");
            for (int id = 0; id < 8; id++) {
                sql(s, "UPDATE t SET v = v + 1 WHERE id = ?", id);
            }
            sql(s, "COMMIT");
        }
        sql(admin, "SET GLOBAL boreal.execution_mode = 'blocking'");
        for (int round = 0; round < 20; round++) {
            sql(s, "BEGIN");
            for (int id = 0; id < 8; id++) {
                sql(s, "UPDATE t SET v = v + 1 WHERE id = ?", id);
            }
            sql(s, "COMMIT");
        }
        for (int id = 0; id < 8; id++) {
            assertEquals(40, value(id), "row " + id);
        }
    }
}
