package io.boreal.jdbc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.boreal.storage.schema.Partitioning;

/**
 * The anomalies of Berenson et al. ("A Critique of ANSI SQL Isolation Levels") through JDBC,
 * each played step by step by the test over separate connections, under snapshot isolation:
 * every one is prevented except write skew, which SI allows and {@code SELECT … FOR UPDATE}
 * prevents.
 *
 * <p>The rules the histories rely on: a transaction's snapshot is taken at its first statement;
 * a write locks its row until the transaction ends, and another writer of that row waits (its
 * JDBC call blocks); the first updater wins, so a writer whose snapshot predates the row's newest
 * committed version fails with 40001 and is rolled back.
 *
 * <p>A step that must wait runs on another thread. The test checks it is still waiting only
 * after every step that must come before its release, and it takes its snapshot beforehand with
 * a read wherever the outcome would otherwise depend on when the thread gets to run. Each test
 * has its own database, once per MVCC mode.
 */
class IsolationAnomaliesTest {

    /** Ids 1 and 2 of an 8-partition table sit in different partitions (checked in the test). */
    private static final String EIGHT_PARTITIONS = " PARTITION BY HASH(id) PARTITIONS 8";

    private static int valueOf(Connection c, String table, int id) throws SQLException {
        List<Integer> values = Sql.ints(c, "SELECT v FROM " + table + " WHERE id = ?", id);
        assertEquals(1, values.size(), table + " row " + id);
        return values.get(0);
    }

    private static Connection inTransaction(Connection c) throws SQLException {
        c.setAutoCommit(false);
        return c;
    }

    /**
     * P0: w1[x] w2[x] ... — the second writer waits for the first to end. When the first
     * commits, the second (whose snapshot is older) fails with 40001; when the first rolls back,
     * the second goes on, and the rollback does not undo it. Either way x and y come from one
     * transaction.
     */
    @ParameterizedTest
    @ValueSource(strings = {"cts", "active_list"})
    void dirtyWriteIsPrevented(String mvcc) throws Exception {
        try (Sql.Sessions db = Sql.Sessions.open("dirty-write", mvcc)) {
            Connection setup = db.connect();
            Sql.exec(setup, "CREATE TABLE pair (id INT PRIMARY KEY, v INT NOT NULL)" + Sql.ONE_PARTITION,
                    "INSERT INTO pair (id, v) VALUES (1, 0), (2, 0)");
            Connection t1 = inTransaction(db.connect());
            Connection t2 = inTransaction(db.connect());

            // Round 1: the first writer commits.
            Sql.update(t1, "UPDATE pair SET v = 1 WHERE id = 1");
            assertEquals(0, valueOf(t2, "pair", 1)); // T2's snapshot, before T1 ends
            CompletableFuture<Integer> t2Writes = db.inBackground(() -> Sql.update(t2, "UPDATE pair SET v = 2 WHERE id = 1"));
            Sql.update(t1, "UPDATE pair SET v = 1 WHERE id = 2");
            assertFalse(t2Writes.isDone(), "T2 wrote a row T1 holds");
            t1.commit();
            assertEquals("40001", Sql.failureState(t2Writes));
            t2.rollback();
            assertEquals(List.of(List.of(1, 1), List.of(2, 1)), Sql.rows(setup, "SELECT id, v FROM pair ORDER BY id"));

            // Round 2: the first writer rolls back.
            Sql.update(t1, "UPDATE pair SET v = 10 WHERE id = 1");
            CompletableFuture<Integer> t2WritesAgain = db.inBackground(() -> Sql.update(t2, "UPDATE pair SET v = 20 WHERE id = 1"));
            Sql.update(t1, "UPDATE pair SET v = 10 WHERE id = 2");
            assertFalse(t2WritesAgain.isDone(), "T2 wrote a row T1 holds");
            t1.rollback();
            assertEquals(1, Sql.await(t2WritesAgain));
            Sql.update(t2, "UPDATE pair SET v = 20 WHERE id = 2");
            t2.commit();
            assertEquals(List.of(List.of(1, 20), List.of(2, 20)), Sql.rows(setup, "SELECT id, v FROM pair ORDER BY id"));
        }
    }

    /** P1: w1[x] r2[x] — nobody, in a transaction or not, sees a write before it commits. */
    @ParameterizedTest
    @ValueSource(strings = {"cts", "active_list"})
    void dirtyReadIsPrevented(String mvcc) throws Exception {
        try (Sql.Sessions db = Sql.Sessions.open("dirty-read", mvcc)) {
            Connection t1 = db.connect();
            Connection autocommit = db.connect();
            Sql.exec(t1, "CREATE TABLE acct (id INT PRIMARY KEY, v INT NOT NULL)" + Sql.ONE_PARTITION,
                    "INSERT INTO acct (id, v) VALUES (1, 10)");
            Connection t2 = inTransaction(db.connect());
            inTransaction(t1);
            Sql.update(t1, "UPDATE acct SET v = 20 WHERE id = 1");
            Sql.update(t1, "INSERT INTO acct (id, v) VALUES (2, 5)");

            assertEquals(10, valueOf(autocommit, "acct", 1));
            assertEquals(10L, Sql.single(autocommit, "SELECT SUM(v) FROM acct"));
            assertEquals(10, valueOf(t2, "acct", 1));
            assertEquals(1L, Sql.single(t2, "SELECT COUNT(*) FROM acct"));
            t2.commit();

            t1.commit();
            assertEquals(20, valueOf(autocommit, "acct", 1));
            assertEquals(25L, Sql.single(autocommit, "SELECT SUM(v) FROM acct"));
            assertEquals(20, valueOf(t2, "acct", 1));
        }
    }

    /** P2: r1[x] w2[x] c2 r1[x] — T1 reads x twice and gets one value. */
    @ParameterizedTest
    @ValueSource(strings = {"cts", "active_list"})
    void nonRepeatableReadIsPrevented(String mvcc) throws Exception {
        try (Sql.Sessions db = Sql.Sessions.open("non-repeatable-read", mvcc)) {
            Connection t2 = db.connect();
            Sql.exec(t2, "CREATE TABLE acct (id INT PRIMARY KEY, v INT NOT NULL)" + Sql.ONE_PARTITION,
                    "INSERT INTO acct (id, v) VALUES (1, 10)");
            Connection t1 = inTransaction(db.connect());

            assertEquals(10, valueOf(t1, "acct", 1));
            Sql.update(t2, "UPDATE acct SET v = 20 WHERE id = 1");
            assertEquals(20, valueOf(t2, "acct", 1));
            assertEquals(10, valueOf(t1, "acct", 1));
            assertEquals(List.of(List.of(1, 10)), Sql.rows(t1, "SELECT id, v FROM acct WHERE id >= 1"));
            t1.commit();
            assertEquals(20, valueOf(t1, "acct", 1));
        }
    }

    /** A5A, both rows in one partition: r1[x] w2[x] w2[y] c2 r1[y] — T1 sees x + y = 100. */
    @ParameterizedTest
    @ValueSource(strings = {"cts", "active_list"})
    void readSkewIsPreventedInOnePartition(String mvcc) throws Exception {
        try (Sql.Sessions db = Sql.Sessions.open("read-skew-one", mvcc)) {
            readSkew(db, Sql.ONE_PARTITION);
        }
    }

    /**
     * A5A with x and y in different partitions: T1's snapshot must hold across partitions, and
     * T2's transfer commits in both at once. Until cross-partition commit lands, T2's second
     * UPDATE fails with 0A000 and so does this test.
     */
    @ParameterizedTest
    @ValueSource(strings = {"cts", "active_list"})
    void readSkewIsPreventedAcrossPartitions(String mvcc) throws Exception {
        Partitioning eight = Partitioning.hash(List.of(0), 8);
        assertNotEquals(eight.partitionOfValues(new Object[] {1}), eight.partitionOfValues(new Object[] {2}),
                "ids 1 and 2 must hash to different partitions");
        try (Sql.Sessions db = Sql.Sessions.open("read-skew-cross", mvcc)) {
            readSkew(db, EIGHT_PARTITIONS);
        }
    }

    private static void readSkew(Sql.Sessions db, String partitioning) throws SQLException {
        Connection t2 = db.connect();
        Sql.exec(t2, "CREATE TABLE xy (id INT PRIMARY KEY, v INT NOT NULL)" + partitioning);
        Sql.update(t2, "INSERT INTO xy (id, v) VALUES (1, 50)");
        Sql.update(t2, "INSERT INTO xy (id, v) VALUES (2, 50)");
        Connection t1 = inTransaction(db.connect());

        int x = valueOf(t1, "xy", 1);
        Sql.exec(t2, "BEGIN", "UPDATE xy SET v = v - 10 WHERE id = 1", "UPDATE xy SET v = v + 10 WHERE id = 2", "COMMIT");
        int y = valueOf(t1, "xy", 2);
        assertEquals(100, x + y, "T1 read x = " + x + " and then y = " + y);
        assertEquals(100L, Sql.single(t1, "SELECT SUM(v) FROM xy"));
        t1.commit();

        assertEquals(List.of(40, 60), List.of(valueOf(t1, "xy", 1), valueOf(t1, "xy", 2)));
    }

    /**
     * P4: r1[x] r2[x] w1[x] w2[x] c1 — both read-modify-write one counter. T2's write waits for
     * T1 and then fails with 40001; retried, it adds on T1's. No increment is lost: the counter
     * equals the number of commits.
     */
    @ParameterizedTest
    @ValueSource(strings = {"cts", "active_list"})
    void lostUpdateIsPrevented(String mvcc) throws Exception {
        try (Sql.Sessions db = Sql.Sessions.open("lost-update", mvcc)) {
            Connection setup = db.connect();
            Sql.exec(setup, "CREATE TABLE counter (id INT PRIMARY KEY, v INT NOT NULL)" + Sql.ONE_PARTITION,
                    "INSERT INTO counter (id, v) VALUES (1, 0)");
            Connection t1 = inTransaction(db.connect());
            Connection t2 = inTransaction(db.connect());
            int commits = 0;

            int read1 = valueOf(t1, "counter", 1);
            int read2 = valueOf(t2, "counter", 1);
            Sql.update(t1, "UPDATE counter SET v = ? WHERE id = 1", read1 + 1);
            CompletableFuture<Integer> t2Writes = db.inBackground(() -> Sql.update(t2, "UPDATE counter SET v = ? WHERE id = 1", read2 + 1));
            assertFalse(t2Writes.isDone(), "T2 wrote the row T1 holds");
            t1.commit();
            commits++;
            assertEquals("40001", Sql.failureState(t2Writes));
            t2.rollback();

            int reread = valueOf(t2, "counter", 1);
            Sql.update(t2, "UPDATE counter SET v = ? WHERE id = 1", reread + 1);
            t2.commit();
            commits++;

            assertEquals(commits, valueOf(setup, "counter", 1));
        }
    }

    /**
     * P3 within a snapshot: a range count and a range read repeated in T1 do not change while T2
     * inserts a matching row and commits (over 8 partitions, through a secondary index and the
     * primary key).
     */
    @ParameterizedTest
    @ValueSource(strings = {"cts", "active_list"})
    void phantomIsPreventedInsideASnapshot(String mvcc) throws Exception {
        try (Sql.Sessions db = Sql.Sessions.open("phantom", mvcc)) {
            Connection t2 = db.connect();
            Sql.exec(t2, "CREATE TABLE item (id INT PRIMARY KEY, v INT NOT NULL)" + EIGHT_PARTITIONS,
                    "CREATE INDEX item_v ON item (v)");
            for (int id = 1; id <= 5; id++) {
                Sql.update(t2, "INSERT INTO item (id, v) VALUES (?, ?)", id, id * 10);
            }
            Connection t1 = inTransaction(db.connect());
            String countInRange = "SELECT COUNT(*) FROM item WHERE v BETWEEN 10 AND 100";
            String idsInRange = "SELECT id FROM item WHERE id BETWEEN 1 AND 10 ORDER BY id";

            assertEquals(5L, Sql.single(t1, countInRange));
            assertEquals(List.of(1, 2, 3, 4, 5), Sql.ints(t1, idsInRange));
            Sql.update(t2, "INSERT INTO item (id, v) VALUES (6, 60)");
            Sql.exec(t2, "BEGIN", "INSERT INTO item (id, v) VALUES (7, 70)", "COMMIT");
            assertEquals(7L, Sql.single(t2, countInRange));
            assertEquals(5L, Sql.single(t1, countInRange));
            assertEquals(List.of(1, 2, 3, 4, 5), Sql.ints(t1, idsInRange));
            t1.commit();

            assertEquals(7L, Sql.single(t1, countInRange));
            assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), Sql.ints(t1, idsInRange));
        }
    }

    /**
     * The doctors' rule: while at least two are on call, one may go off. Reads who is on call
     * ({@code FOR UPDATE} locks both rows) and takes {@code doctor} off if allowed.
     */
    private static boolean goOffCall(Connection c, int doctor, boolean forUpdate) throws SQLException {
        List<Integer> onCall = Sql.ints(c, "SELECT on_call FROM doctor WHERE id BETWEEN 1 AND 2" + (forUpdate ? " FOR UPDATE" : ""));
        if (onCall.stream().mapToInt(Integer::intValue).sum() < 2) {
            return false;
        }
        Sql.update(c, "UPDATE doctor SET on_call = 0 WHERE id = ?", doctor);
        return true;
    }

    private static Connection doctors(Sql.Sessions db) throws SQLException {
        Connection setup = db.connect();
        Sql.exec(setup, "CREATE TABLE doctor (id INT PRIMARY KEY, on_call INT NOT NULL)" + Sql.ONE_PARTITION,
                "INSERT INTO doctor (id, on_call) VALUES (1, 1), (2, 1)");
        return setup;
    }

    /**
     * A5B: r1[x,y] r2[x,y] w1[x] w2[y] c1 c2 — snapshot isolation ALLOWS write skew. Each doctor
     * sees two on call and goes off; the write sets are disjoint, so both commit and nobody is
     * on call. This documents the level: SERIALIZABLE would refuse one of them.
     */
    @ParameterizedTest
    @ValueSource(strings = {"cts", "active_list"})
    void writeSkewIsAllowed(String mvcc) throws Exception {
        try (Sql.Sessions db = Sql.Sessions.open("write-skew", mvcc)) {
            Connection setup = doctors(db);
            Connection t1 = inTransaction(db.connect());
            Connection t2 = inTransaction(db.connect());

            assertEquals(2L, Sql.single(t1, "SELECT SUM(on_call) FROM doctor"));
            assertEquals(2L, Sql.single(t2, "SELECT SUM(on_call) FROM doctor"));
            assertTrue(goOffCall(t1, 1, false));
            assertTrue(goOffCall(t2, 2, false));
            t1.commit();
            t2.commit();

            assertEquals(0L, Sql.single(setup, "SELECT SUM(on_call) FROM doctor"),
                    "snapshot isolation lets both go off call");
        }
    }

    /**
     * A5B with {@code SELECT … FOR UPDATE} on both rows: T2's locking read waits for T1; once T1
     * commits, T2 either fails with 40001 (its snapshot predates T1's commit) and retries, or
     * sees T1's change. Either way it stays on call and one doctor remains.
     */
    @ParameterizedTest
    @ValueSource(strings = {"cts", "active_list"})
    void writeSkewIsPreventedBySelectForUpdate(String mvcc) throws Exception {
        try (Sql.Sessions db = Sql.Sessions.open("write-skew-for-update", mvcc)) {
            Connection setup = doctors(db);
            Connection t1 = inTransaction(db.connect());
            Connection t2 = inTransaction(db.connect());

            assertTrue(goOffCall(t1, 1, true));
            CompletableFuture<Boolean> t2GoesOff = db.inBackground(() -> goOffCall(t2, 2, true));
            assertFalse(t2GoesOff.isDone(), "T2 locked rows T1 holds");
            t1.commit();
            boolean wentOff;
            try {
                wentOff = Sql.await(t2GoesOff);
            } catch (SQLException e) {
                assertEquals("40001", e.getSQLState(), e.getMessage());
                t2.rollback();
                wentOff = goOffCall(t2, 2, true);
            }
            t2.commit();

            assertFalse(wentOff, "T2 went off call although T1 already had");
            assertEquals(List.of(List.of(1, 0), List.of(2, 1)), Sql.rows(setup, "SELECT id, on_call FROM doctor ORDER BY id"));
        }
    }
}
