package io.boreal.jdbc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Deadlocks through JDBC: sessions that lock rows in a cycle. The engine finds the cycle when
 * the wait that closes it would start, so the victim fails with 40P01 at once, long before the
 * lock-wait timeout ({@code boreal.lock-wait-timeout}, 10 s by default, which would fail it with
 * 55P03 instead). The victim's transaction is rolled back (its writes are gone), the others go
 * on, and the victim's connection serves the next transaction. Snapshot isolation still applies
 * to the survivors: one that waited for a survivor's row, rather than the victim's, finds it
 * committed after its snapshot and fails with 40001.
 *
 * <p>The cycle's rows sit in one partition, where a transaction may write several rows. Which
 * session is the victim is the engine's choice; the tests find it, then check the others.
 */
class DeadlockTest {

    /** Session {@code i} adds {@code MARKS[i]} to each row it locks, so a row's value says who committed. */
    private static final int[] MARKS = {1, 10, 100};

    private static int mark(int session) {
        return MARKS[session];
    }

    /**
     * Each session locks its own row, then (on another thread) the next session's row, closing
     * the cycle 0 → 1 → … → 0. Commits every session whose last write got through, as soon as it
     * does (the next one in the cycle may be waiting for it). Answers the SQLState of each
     * session that failed.
     */
    private static Map<Integer, String> runCycle(Sql.Sessions db, List<Connection> sessions) throws SQLException {
        int n = sessions.size();
        for (int i = 0; i < n; i++) {
            Connection c = sessions.get(i);
            c.setAutoCommit(false);
            Sql.update(c, "UPDATE cell SET v = v + ? WHERE id = ?", mark(i), i);
        }
        List<CompletableFuture<Integer>> closing = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Connection c = sessions.get(i);
            int next = (i + 1) % n;
            int session = i;
            closing.add(db.inBackground(() -> Sql.update(c, "UPDATE cell SET v = v + ? WHERE id = ?", mark(session), next)));
        }
        Map<Integer, String> failures = new HashMap<>();
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pending.add(i);
        }
        while (!pending.isEmpty()) {
            CompletableFuture<?>[] waiting = pending.stream().map(closing::get).toArray(CompletableFuture[]::new);
            Sql.await(CompletableFuture.anyOf(waiting).handle((result, error) -> null));
            for (Iterator<Integer> it = pending.iterator(); it.hasNext(); ) {
                int i = it.next();
                CompletableFuture<Integer> write = closing.get(i);
                if (!write.isDone()) {
                    continue;
                }
                it.remove();
                if (write.isCompletedExceptionally()) {
                    failures.put(i, Sql.failureState(write));
                } else {
                    assertEquals(1, write.join());
                    sessions.get(i).commit();
                }
            }
        }
        return failures;
    }

    /** The rows' values: each is the sum of the marks of the committed sessions that locked it. */
    private static List<Integer> cells(Connection c) throws SQLException {
        return Sql.ints(c, "SELECT v FROM cell ORDER BY id");
    }

    private static Connection cells(Sql.Sessions db, int count) throws SQLException {
        Connection observer = db.connect();
        Sql.exec(observer, "CREATE TABLE cell (id INT PRIMARY KEY, v INT NOT NULL)" + Sql.ONE_PARTITION);
        for (int id = 0; id < count; id++) {
            Sql.update(observer, "INSERT INTO cell (id, v) VALUES (?, 0)", id);
        }
        return observer;
    }

    /** What the rows hold when every session but {@code victim} committed its two writes. */
    private static List<Integer> expectedWithout(int victim, int count) {
        List<Integer> expected = new ArrayList<>();
        for (int id = 0; id < count; id++) {
            int lockedBy = id;
            int lockedAfter = (id - 1 + count) % count;
            expected.add((lockedBy == victim ? 0 : mark(lockedBy)) + (lockedAfter == victim ? 0 : mark(lockedAfter)));
        }
        return expected;
    }

    /** The one session that failed with 40P01. */
    private static int deadlockVictim(Map<Integer, String> failures) {
        List<Integer> victims = failures.entrySet().stream().filter(e -> e.getValue().equals("40P01"))
                .map(Map.Entry::getKey).toList();
        assertEquals(1, victims.size(), "failed sessions and their SQLStates: " + failures);
        return victims.get(0);
    }

    /**
     * The victim's connection is still in its transaction mode and serves a new transaction
     * that writes every row.
     */
    private static void assertUsable(Connection victim, Connection observer, List<Integer> before) throws SQLException {
        victim.rollback();
        assertFalse(victim.getAutoCommit());
        assertEquals(before, cells(victim));
        for (int id = 0; id < before.size(); id++) {
            Sql.update(victim, "UPDATE cell SET v = v + 1000 WHERE id = ?", id);
        }
        victim.commit();
        assertEquals(before.stream().map(v -> v + 1000).toList(), cells(observer));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cts", "active_list"})
    void twoSessionsInOppositeOrderLoseOneVictim(String mvcc) throws Exception {
        try (Sql.Sessions db = Sql.Sessions.open("deadlock-two", mvcc)) {
            Connection observer = cells(db, 2);
            List<Connection> sessions = List.of(db.connect(), db.connect());

            Map<Integer, String> failures = runCycle(db, sessions);
            int victim = deadlockVictim(failures);
            assertEquals(Map.of(victim, "40P01"), failures);
            assertEquals(expectedWithout(victim, 2), cells(observer));
            assertUsable(sessions.get(victim), observer, expectedWithout(victim, 2));
        }
    }

    /**
     * A → B → C → A. Once the victim is gone, the session waiting for it gets its row and
     * commits; the session waiting for that one then gets its row too, but the row now has a
     * version committed after its snapshot: first updater wins, so it fails with 40001 (as
     * PostgreSQL's REPEATABLE READ does), not with a second deadlock. Retried, it commits.
     */
    @ParameterizedTest
    @ValueSource(strings = {"cts", "active_list"})
    void threeSessionsInACycleLoseOneVictim(String mvcc) throws Exception {
        try (Sql.Sessions db = Sql.Sessions.open("deadlock-three", mvcc)) {
            Connection observer = cells(db, 3);
            List<Connection> sessions = List.of(db.connect(), db.connect(), db.connect());

            Map<Integer, String> failures = runCycle(db, sessions);
            int victim = deadlockVictim(failures);
            int waitedForTheCommitter = (victim + 1) % 3;
            assertEquals(Map.of(victim, "40P01", waitedForTheCommitter, "40001"), failures);

            Connection retry = sessions.get(waitedForTheCommitter);
            retry.rollback();
            Sql.update(retry, "UPDATE cell SET v = v + ? WHERE id = ?", mark(waitedForTheCommitter), waitedForTheCommitter);
            Sql.update(retry, "UPDATE cell SET v = v + ? WHERE id = ?", mark(waitedForTheCommitter), (waitedForTheCommitter + 1) % 3);
            retry.commit();
            assertEquals(expectedWithout(victim, 3), cells(observer));
            assertUsable(sessions.get(victim), observer, expectedWithout(victim, 3));
        }
    }
}
