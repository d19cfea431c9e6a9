package io.boreal.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sessions are actors and waits are messages: 10,000 sessions, each holding an open transaction
 * that has written a row (so 10,000 slots of the CTS log are taken and 10,000 row locks held),
 * add no threads to the JVM. Then every one commits, and the table holds every write.
 */
class ManyOpenTransactionsTest {

    private static final int SESSIONS = 10_000;
    /** Threads the engine may add besides its dispatchers' (which it starts before the sessions). */
    private static final int THREAD_SLACK = 32;
    private static final long WAIT_S = 120;
    private BorealDatabase db;

    @AfterEach
    void stop() {
        if (db != null) {
            db.close();
        }
    }

    private static <T> T await(java.util.concurrent.CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(WAIT_S, TimeUnit.SECONDS);
    }

    @Test
    void tenThousandOpenTransactionsAddNoThreads() throws Exception {
        db = BorealDatabase.start(BorealDatabase.memoryConfig("many-open"));
        SqlSession setup = await(db.openSession("test"));
        await(setup.execute("CREATE TABLE marks (id INT PRIMARY KEY, v INT NOT NULL) PARTITION BY HASH(id) PARTITIONS 8",
                List.of()));
        await(setup.execute("INSERT INTO marks (id, v) VALUES (-1, 0)", List.of())); // warms every path up
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int before = threads.getThreadCount();

        List<SqlSession> sessions = new ArrayList<>(SESSIONS);
        List<CompletableFuture<StatementResult>> writes = new ArrayList<>(SESSIONS);
        for (int i = 0; i < SESSIONS; i++) {
            SqlSession s = await(db.openSession("test"));
            sessions.add(s);
            int id = i;
            writes.add(s.setAutoCommit(false)
                    .thenCompose(v -> s.execute("INSERT INTO marks (id, v) VALUES (?, ?)", List.of(id, id)))
                    .toCompletableFuture());
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(WAIT_S, TimeUnit.SECONDS);
        int open = threads.getThreadCount();
        long uncommitted = (Long) ((StatementResult.Rows) await(setup.execute("SELECT COUNT(*) FROM marks",
                List.of()))).rows().get(0)[0];

        List<CompletableFuture<Void>> commits = new ArrayList<>(SESSIONS);
        for (SqlSession s : sessions) {
            commits.add(s.commit().toCompletableFuture());
        }
        CompletableFuture.allOf(commits.toArray(CompletableFuture[]::new)).get(WAIT_S, TimeUnit.SECONDS);
        long committed = (Long) ((StatementResult.Rows) await(setup.execute("SELECT COUNT(*) FROM marks",
                List.of()))).rows().get(0)[0];
        for (SqlSession s : sessions) {
            await(s.close());
        }

        assertTrue(open <= before + THREAD_SLACK, "live threads grew from " + before + " to " + open
                + " with " + SESSIONS + " open transactions");
        assertEquals(1, uncommitted, "uncommitted rows are invisible to others");
        assertEquals(SESSIONS + 1, committed);
    }
}
