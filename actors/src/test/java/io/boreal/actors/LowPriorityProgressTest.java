package io.boreal.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.typesafe.config.ConfigFactory;

/**
 * A low-priority session completes while high-priority load saturates the node. The load: 32
 * sessions of a heavy user (weight 100) running explicit transactions, whose statements rank as
 * finishing work, against a gate of 2 — so the finishing queue is never empty. The light user
 * (weight 1) runs autocommit statements, which rank as new work: strict priority alone could
 * starve it; aging lets each of its statements in once it has waited long enough (or its
 * weighted share does, when the finishing queue runs dry for a moment).
 */
class LowPriorityProgressTest {

    private static final int HEAVY_SESSIONS = 32;
    private static final int LIGHT_STATEMENTS = 20;
    private BorealDatabase db;

    @AfterEach
    void stop() {
        if (db != null) {
            db.close();
        }
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(120, TimeUnit.SECONDS);
    }

    @Test
    void lightUserCompletesUnderHeavyLoadInBothModes() throws Exception {
        db = BorealDatabase.start(ConfigFactory.parseString("""
                boreal.users { heavy { weight = 100 }, light { weight = 1 } }
                boreal.thread-concurrency = 2
                boreal.scheduler.aging-ms = 50
                """).withFallback(BorealDatabase.memoryConfig("low-priority")));
        SqlSession admin = await(db.openSession("admin"));
        await(admin.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT NOT NULL) PARTITION BY HASH(id) PARTITIONS 4",
                List.of()));
        for (int id = 0; id <= HEAVY_SESSIONS; id++) {
            await(admin.execute("INSERT INTO t (id, v) VALUES (?, 0)", List.of(id)));
        }
        for (String mode : List.of("async", "blocking")) {
            await(admin.execute("SET GLOBAL boreal.execution_mode = '" + mode + "'", List.of()));
            AdmissionStats before = db.admissionStats();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong heavyStatements = new AtomicLong();
            List<CompletableFuture<Void>> heavy = new ArrayList<>();
            for (int i = 0; i < HEAVY_SESSIONS; i++) {
                SqlSession s = await(db.openSession("heavy"));
                heavy.add(heavyLoop(s, i, stop, heavyStatements).toCompletableFuture());
            }
            SqlSession light = await(db.openSession("light"));
            while (db.admissionStats().queued() == 0) {
                Thread.sleep(5); // the node is saturated: statements queue at the gate
            }
            long heavyAtStart = heavyStatements.get();
            for (int i = 0; i < LIGHT_STATEMENTS; i++) {
                await(light.execute("UPDATE t SET v = v + 1 WHERE id = ?", List.of(HEAVY_SESSIONS)));
            }
            long heavyMeanwhile = heavyStatements.get() - heavyAtStart;
            AdmissionStats during = db.admissionStats();
            stop.set(true);
            CompletableFuture.allOf(heavy.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
            await(light.close());

            assertTrue(heavyMeanwhile > LIGHT_STATEMENTS, mode + ": the heavy load ran on meanwhile ("
                    + heavyMeanwhile + " statements)");
            assertTrue(during.waited() - before.waited() > HEAVY_SESSIONS, mode + ": statements queued at the gate: "
                    + before + " -> " + during);
        }
        StatementResult.Rows light = (StatementResult.Rows) await(admin.execute("SELECT v FROM t WHERE id = ?",
                List.of(HEAVY_SESSIONS)));
        assertEquals(2L * LIGHT_STATEMENTS, ((Number) light.rows().get(0)[0]).longValue());
    }

    /** Explicit transactions of five updates each on the session's own row, until told to stop. */
    private static CompletionStage<Void> heavyLoop(SqlSession s, int id, AtomicBoolean stop, AtomicLong statements) {
        if (stop.get()) {
            return s.close();
        }
        CompletionStage<?> txn = s.execute("BEGIN", List.of());
        for (int i = 0; i < 5; i++) {
            txn = txn.thenCompose(r -> s.execute("UPDATE t SET v = v + 1 WHERE id = ?", List.of(id)))
                    .thenApply(r -> statements.incrementAndGet());
        }
        return txn.thenCompose(r -> s.execute("COMMIT", List.of()))
                .thenCompose(r -> heavyLoop(s, id, stop, statements));
    }
}
