package io.boreal.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.typesafe.config.ConfigFactory;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.boreal.storage.btree.TreeMode;
import io.boreal.storage.btree.TreeSettings;
import io.boreal.storage.schema.ColumnDef;
import io.boreal.storage.schema.ColumnType;
import io.boreal.storage.schema.IndexDef;
import io.boreal.storage.schema.Partitioning;
import io.boreal.storage.schema.TableDef;
import io.boreal.txn.SlotRelease;
import io.boreal.txn.TimestampSource;
import io.boreal.txn.TxnRecords;
import io.boreal.txn.TxnSystem;

/**
 * The partition's transaction rules, request by request: a write that meets a lock waits and
 * runs when it is released; first updater wins (40001); a wait cycle is a deadlock (40P01);
 * a wait has a timeout (55P03); readers see their snapshot and never wait; a statement applies
 * whole or not at all; the secondary index follows updates. Run against both tree modes
 * ({@link BlinkPartitionTest}, {@link SerialSmoPartitionTest}) with pages of 4 entries, so the
 * rows live in trees that split.
 */
abstract class PartitionContract {

    /** Entries per page: small, so a few rows already make a tree of several levels. */
    static final int LEAF_CAPACITY = 4;

    private static final TableDef TABLE = new TableDef(1, "t",
            List.of(new ColumnDef("id", ColumnType.INT, 0, 0, false, null, false),
                    new ColumnDef("v", ColumnType.INT, 0, 0, true, null, false)),
            List.of(0), List.of(new IndexDef("t_v", List.of(1))), Partitioning.hash(List.of(0), 1));
    private static final AtomicInteger PARTITIONS = new AtomicInteger();

    private static ActorTestKit testKit;
    private final TimestampSource timestamps = TimestampSource.local();
    private final TxnSystem txns = new TxnSystem(timestamps, 1 << 12, 1);
    private static final AtomicInteger RECORDS = new AtomicInteger();
    private ActorRef<TxnRecords.Command> records;
    private ActorRef<Partition.Command> partition;
    private Partition.Settings settings;
    private String partitionId;
    private TestProbe<Partition.Reply> probe;
    private long tags;

    @BeforeAll
    static void startKit() {
        testKit = ActorTestKit.create(ConfigFactory.parseMap(Map.of(
                "akka.persistence.journal.plugin", "akka.persistence.journal.inmem",
                "akka.persistence.snapshot-store.plugin", "akka.persistence.no-snapshot-store")));
    }

    @AfterAll
    static void stopKit() {
        testKit.shutdownTestKit();
    }

    /** The tree mode the partition runs in. */
    abstract TreeMode mode();

    /** How the contract's transactions take their read views. */
    TxnSystem.Mvcc mvcc() {
        return TxnSystem.Mvcc.CTS;
    }

    @BeforeEach
    void startPartition() {
        records = testKit.spawn(TxnRecords.create("txn-records-" + RECORDS.incrementAndGet()));
        settings = new Partition.Settings(txns, id -> records,
                Duration.ofMillis(300), id -> TABLE, new LocalPartitions(), TreeSettings.fixed(mode(), LEAF_CAPACITY));
        partitionId = "1-" + PARTITIONS.incrementAndGet();
        partition = testKit.spawn(Partition.create(partitionId, settings));
        probe = testKit.createTestProbe();
    }

    private TxnView txn() {
        TxnSystem.Begun begun = txns.begin(mvcc());
        return new TxnView(begun.id(), begun.snapshot(), begun.view());
    }

    /** A transaction of one autocommit statement that reads the latest rows. */
    private TxnView latest() {
        return TxnView.latest(txns.begin(mvcc()).id());
    }

    private void abort(TxnView txn) {
        txns.abort(txn.transactionId());
        partition.tell(new Partition.Abort(txn.transactionId(), new SlotRelease(txns.log(), txn.transactionId(), 1)));
    }

    private long send(TxnView txn, WriteSpec spec, boolean commit) {
        long tag = ++tags;
        partition.tell(new Partition.Write(tag, txn, spec, commit, probe.getRef()));
        return tag;
    }

    private Partition.Reply await(long tag) {
        Partition.Reply reply = probe.receiveMessage(Duration.ofSeconds(5));
        assertEquals(tag, reply.tag(), "reply order");
        return reply;
    }

    private void commit(TxnView txn) {
        long tag = ++tags;
        partition.tell(new Partition.Commit(tag, txn.transactionId(), probe.getRef()));
        assertInstanceOf(Partition.Written.class, await(tag));
    }

    private List<Object[]> read(TxnView txn, ReadSpec spec) {
        long tag = ++tags;
        partition.tell(new Partition.Read(tag, txn, spec, probe.getRef()));
        return ((Partition.Rows) await(tag)).rows();
    }

    private static ReadSpec all() {
        return new ReadSpec(0, null, null, RowPredicate.ALL, -1);
    }

    private static ReadSpec id(int id) {
        return ReadSpec.primaryKey(Key.of(id), RowPredicate.ALL);
    }

    private static WriteSpec setV(int id, int v) {
        return new WriteSpec.Update(id(id), row -> new Object[] {row[0], v});
    }

    private void insertCommitted(int id, int v) {
        assertInstanceOf(Partition.Written.class,
                await(send(txn(), new WriteSpec.Insert(List.<Object[]>of(new Object[] {id, v})), true)));
    }

    @Test
    void aWriteThatMeetsALockWaitsAndRunsWhenItIsReleased() {
        insertCommitted(1, 0);
        TxnView first = txn();
        await(send(first, setV(1, 10), false));
        long waiting = send(latest(), setV(1, 20), true);
        probe.expectNoMessage(Duration.ofMillis(100)); // queued behind the lock, no thread held
        long commitTag = ++tags;
        partition.tell(new Partition.Commit(commitTag, first.transactionId(), probe.getRef()));
        assertInstanceOf(Partition.Written.class, await(commitTag));
        assertInstanceOf(Partition.Written.class, await(waiting));
        assertEquals(20, read(txn(), id(1)).get(0)[1]);
    }

    @Test
    void theFirstUpdaterWins() {
        insertCommitted(1, 0);
        TxnView late = txn();
        await(send(txn(), setV(1, 5), true)); // commits after late's snapshot
        Partition.Reply reply = await(send(late, setV(1, 6), false));
        assertEquals("40001", ((Partition.Failed) reply).error().sqlState());
    }

    @Test
    void aWaitCycleIsADeadlockAndTheRequesterIsTheVictim() {
        insertCommitted(1, 0);
        insertCommitted(2, 0);
        TxnView a = txn();
        TxnView b = txn();
        await(send(a, setV(1, 1), false));
        await(send(b, setV(2, 2), false));
        long aWaits = send(a, setV(2, 1), false);
        probe.expectNoMessage(Duration.ofMillis(50));
        Partition.Reply victim = await(send(b, setV(1, 2), false));
        assertEquals("40P01", ((Partition.Failed) victim).error().sqlState());
        abort(b);
        assertInstanceOf(Partition.Written.class, await(aWaits));
        commit(a);
        List<Object[]> rows = read(txn(), all());
        assertArrayEquals(new Object[] {1, 1}, rows.get(0));
        assertArrayEquals(new Object[] {2, 1}, rows.get(1));
    }

    @Test
    void aLockWaitTimesOut() {
        insertCommitted(1, 0);
        await(send(txn(), setV(1, 1), false)); // never commits
        Partition.Reply reply = await(send(txn(), setV(1, 2), false));
        assertEquals("55P03", ((Partition.Failed) reply).error().sqlState());
    }

    @Test
    void readersSeeTheirSnapshotAndNeverWait() {
        insertCommitted(1, 0);
        TxnView reader = txn();
        TxnView writer = txn();
        await(send(writer, setV(1, 7), false));
        assertEquals(0, read(reader, id(1)).get(0)[1]);   // uncommitted: invisible, no wait
        assertEquals(7, read(writer, id(1)).get(0)[1]);   // its own write
        commit(writer);
        assertEquals(0, read(reader, id(1)).get(0)[1]);   // committed after the snapshot
        assertEquals(7, read(txn(), id(1)).get(0)[1]);
    }

    @Test
    void aStatementAppliesWholeOrNotAtAll() {
        insertCommitted(2, 0);
        Partition.Reply reply = await(send(txn(), new WriteSpec.Insert(List.of(new Object[] {1, 0}, new Object[] {2, 0})), true));
        assertEquals("23000", ((Partition.Failed) reply).error().sqlState());
        assertEquals(1, read(txn(), all()).size());
    }

    @Test
    void theSecondaryIndexFollowsUpdatesAndKeepsOldSnapshotsWhole() {
        insertCommitted(1, 10);
        TxnView old = txn();
        await(send(txn(), setV(1, 20), true));
        ReadSpec v10 = new ReadSpec(1, Key.before(10), Key.after(10), RowPredicate.ALL, -1);
        ReadSpec v20 = new ReadSpec(1, Key.before(20), Key.after(20), RowPredicate.ALL, -1);
        assertTrue(read(txn(), v10).isEmpty());
        assertEquals(1, read(txn(), v20).size());
        assertEquals(1, read(old, v10).size()); // the old snapshot still finds the row by its old value
        assertTrue(read(old, v20).isEmpty());
    }

    @Test
    void anAbortRestoresTheRowAndReleasesTheLock() {
        insertCommitted(1, 0);
        TxnView t = txn();
        await(send(t, new WriteSpec.Delete(id(1)), false));
        long waiting = send(latest(), setV(1, 3), true);
        abort(t);
        assertEquals(1, ((Partition.Written) await(waiting)).count());
        assertEquals(3, read(txn(), id(1)).get(0)[1]);
    }

    /**
     * Many clients at once, autocommit, on a partition whose pages split all the time: inserts
     * of their own keys, deletes of them, and increments of a few shared counters (lock waits,
     * no lost update). The end state equals the serial model, through the primary index and the
     * secondary one.
     */
    @Test
    void concurrentWritesMatchTheSerialModel() throws Exception {
        int counters = 8;
        for (int c = 1; c <= counters; c++) {
            insertCommitted(c, 0);
        }
        long seed = System.nanoTime();
        int clients = 12;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<ClientModel>> futures = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                int client = i;
                futures.add(pool.submit(() -> runClient(client, new Random(seed + client), counters)));
            }
            Map<Integer, Integer> expected = new TreeMap<>();
            for (int c = 1; c <= counters; c++) {
                expected.put(c, 0);
            }
            for (Future<ClientModel> f : futures) {
                ClientModel model = f.get(60, TimeUnit.SECONDS);
                expected.putAll(model.rows);
                model.increments.forEach((c, n) -> expected.merge(c, n, Integer::sum));
            }
            Map<Integer, Integer> actual = new TreeMap<>();
            for (Object[] row : read(txn(), all())) {
                actual.put((Integer) row[0], (Integer) row[1]);
            }
            assertEquals(expected, actual, "seed " + seed);
            List<Object[]> byV = read(txn(), new ReadSpec(1, null, null, RowPredicate.ALL, -1));
            assertEquals(expected.size(), byV.size(), "secondary index, seed " + seed);
            for (int i = 1; i < byV.size(); i++) {
                int c = Integer.compare((Integer) byV.get(i - 1)[1], (Integer) byV.get(i)[1]);
                assertTrue(c < 0 || c == 0 && (Integer) byV.get(i - 1)[0] < (Integer) byV.get(i)[0],
                        "secondary index order, seed " + seed);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** What one client left: its own rows (id to v) and how often it incremented each counter. */
    private static final class ClientModel {
        final Map<Integer, Integer> rows = new HashMap<>();
        final Map<Integer, Integer> increments = new HashMap<>();
    }

    private ClientModel runClient(int client, Random random, int counters) {
        TestProbe<Partition.Reply> replies = testKit.createTestProbe();
        ClientModel model = new ClientModel();
        List<Integer> own = new ArrayList<>();
        for (int n = 0; n < 150; n++) {
            int choice = random.nextInt(3);
            WriteSpec spec;
            int id;
            if (choice == 0 || own.isEmpty()) {
                id = 1000 + client * 10_000 + n;
                spec = new WriteSpec.Insert(List.<Object[]>of(new Object[] {id, n}));
            } else if (choice == 1) {
                id = 1 + random.nextInt(counters);
                spec = new WriteSpec.Update(id(id), row -> new Object[] {row[0], (Integer) row[1] + 1});
            } else {
                id = own.remove(random.nextInt(own.size()));
                spec = new WriteSpec.Delete(id(id));
            }
            partition.tell(new Partition.Write(n, latest(), spec, true,
                    replies.getRef()));
            Partition.Reply reply = replies.receiveMessage(Duration.ofSeconds(20));
            if (reply instanceof Partition.Failed failed) {
                // a lock wait may time out under load; the statement then changed nothing
                assertEquals("55P03", failed.error().sqlState(), failed.error().getMessage());
                if (spec instanceof WriteSpec.Delete) {
                    own.add(id);
                }
                continue;
            }
            assertEquals(1, ((Partition.Written) reply).count());
            if (spec instanceof WriteSpec.Insert) {
                own.add(id);
                model.rows.put(id, n);
            } else if (spec instanceof WriteSpec.Update) {
                model.increments.merge(id, 1, Integer::sum);
            } else {
                model.rows.remove(id);
            }
        }
        return model;
    }

    /**
     * The partition (and with it every page) is stopped while hundreds of inserts are in flight
     * and its pages split: the restarted partition rebuilds its trees from the redo log with
     * every acknowledged row, and takes more inserts.
     */
    @Test
    void aPartitionStoppedWhileItsPagesSplitKeepsEveryAcknowledgedRow() {
        TestProbe<Partition.Reply> replies = testKit.createTestProbe();
        int sent = 400;
        for (int id = 1; id <= sent; id++) {
            partition.tell(new Partition.Write(id, latest(),
                    new WriteSpec.Insert(List.<Object[]>of(new Object[] {id, id})), true, replies.getRef()));
        }
        java.util.Set<Long> acknowledged = new java.util.HashSet<>();
        while (acknowledged.size() < sent / 4) {
            Partition.Reply reply = replies.receiveMessage(Duration.ofSeconds(10));
            assertInstanceOf(Partition.Written.class, reply);
            acknowledged.add(reply.tag());
        }
        testKit.stop(partition, Duration.ofSeconds(10)); // later acknowledgements may be lost: the check is a subset
        partition = testKit.spawn(Partition.create(partitionId, settings));
        java.util.Set<Long> present = new java.util.HashSet<>();
        for (Object[] row : read(txn(), all())) {
            present.add(((Integer) row[0]).longValue());
        }
        assertTrue(present.containsAll(acknowledged), "acknowledged rows lost: " + acknowledged.size()
                + " acknowledged, " + present.size() + " present");
        for (int id = sent + 1; id <= sent + 200; id++) {
            insertCommitted(id, id);
        }
        assertEquals(present.size() + 200, read(txn(), all()).size());
    }

    /**
     * A transaction aborted while one of its statements is still reading in the trees (a
     * session closed, or a statement timed out): what that statement installs afterwards is
     * dead, so it locks nothing.
     */
    @Test
    void anAbortWhileAStatementRunsLeavesNoLockBehind() {
        for (int id = 1; id <= 10; id++) {
            insertCommitted(id, 0);
        }
        TxnView t1 = txn();
        await(send(t1, setV(1, 1), false));
        long ranged = send(t1, new WriteSpec.Update(new ReadSpec(0, Key.of(2), Key.of(9), RowPredicate.ALL, -1),
                row -> new Object[] {row[0], 1}), false);
        abort(t1);
        await(ranged); // either it finished before the abort (then undone) or it was refused
        Partition.Reply reply = await(send(txn(), setV(5, 2), true));
        assertInstanceOf(Partition.Written.class, reply, () -> reply.toString());
        List<Object[]> rows = read(txn(), all());
        assertEquals(2, rows.get(4)[1]);
        for (int i = 0; i < rows.size(); i++) {
            if (i != 4) {
                assertEquals(0, rows.get(i)[1], "row " + (i + 1) + " keeps its committed value");
            }
        }
    }

    private long prepare(TxnView txn) {
        long tag = ++tags;
        txns.log().prepare(txn.transactionId());
        partition.tell(new Partition.Prepare(tag, txn.transactionId(), probe.getRef()));
        return tag;
    }

    private TxnRecords.Decision decide(long transactionId, boolean commit) {
        TestProbe<TxnRecords.Decision> decisions = testKit.createTestProbe();
        records.tell(new TxnRecords.Decide(transactionId, commit, 1, 0, decisions.getRef()));
        return decisions.receiveMessage(Duration.ofSeconds(5));
    }

    private void restartPartition() {
        testKit.stop(partition, Duration.ofSeconds(10));
        partition = testKit.spawn(Partition.create(partitionId, settings));
    }

    /**
     * Two-phase commit at one participant: a prepared transaction keeps its locks and stays
     * invisible; once its CSN is in the CTS log it is visible at once, before the partition even
     * hears of it, and the partition then frees the requests waiting for it.
     */
    @Test
    void aPreparedTransactionHoldsItsLocksUntilItCommits() {
        insertCommitted(1, 0);
        TxnView t = txn();
        await(send(t, setV(1, 5), false));
        assertInstanceOf(Partition.Prepared.class, await(prepare(t)));
        long waiting = send(latest(), setV(1, 6), true);
        probe.expectNoMessage(Duration.ofMillis(50));
        TxnView before = txn();
        assertEquals(0, read(before, id(1)).get(0)[1]);
        assertTrue(decide(t.transactionId(), true).commit());
        long csn = txns.tryCommit(t.transactionId());
        assertEquals(5, read(txn(), id(1)).get(0)[1]);
        assertEquals(0, read(before, id(1)).get(0)[1]);
        partition.tell(new Partition.CommitPrepared(t.transactionId(), csn, new SlotRelease(txns.log(), t.transactionId(), 1)));
        assertEquals(1, ((Partition.Written) await(waiting)).count());
        assertEquals(6, read(txn(), id(1)).get(0)[1]);
    }

    /**
     * Handing off to another node: a write waiting for a row lock is refused (40001, its
     * transaction's writes do not move), a commit already under way is still answered, what
     * arrives later goes on through sharding untouched, and the partition stops — its committed
     * rows are in the redo log for the new home.
     */
    @Test
    void aPartitionHandingOffFinishesWhatItStartedAndPassesTheRestOn() {
        TestProbe<Partition.Command> sharded = testKit.createTestProbe();
        settings = new Partition.Settings(txns, id -> records, Duration.ofSeconds(30), id -> TABLE, new LocalPartitions(),
                TreeSettings.fixed(mode(), LEAF_CAPACITY), id -> sharded.getRef());
        partition = testKit.spawn(Partition.create(partitionId, settings));
        insertCommitted(1, 0);
        TxnView holder = txn();
        await(send(holder, setV(1, 5), false));
        long waiting = send(latest(), setV(1, 6), true);
        TxnView committing = txn();
        await(send(committing, new WriteSpec.Insert(List.<Object[]>of(new Object[] {2, 0})), false));
        long commitTag = ++tags;
        partition.tell(new Partition.Commit(commitTag, committing.transactionId(), probe.getRef()));
        partition.tell(Partition.HandOff.INSTANCE);
        Partition.Read late = new Partition.Read(++tags, txn(), all(), probe.getRef());
        partition.tell(late);
        List<Partition.Reply> replies = List.of(probe.receiveMessage(Duration.ofSeconds(5)),
                probe.receiveMessage(Duration.ofSeconds(5)));
        Partition.Reply refused = replies.stream().filter(r -> r.tag() == waiting).findFirst().orElseThrow();
        assertEquals("40001", ((Partition.Failed) refused).error().sqlState());
        assertInstanceOf(Partition.Written.class, replies.stream().filter(r -> r.tag() == commitTag).findFirst().orElseThrow(),
                "the commit under way is answered");
        assertSame(late, sharded.receiveMessage(Duration.ofSeconds(5)), "a later request goes on through sharding");
        probe.expectTerminated(partition, Duration.ofSeconds(5));
        partition = testKit.spawn(Partition.create(partitionId, settings));
        assertEquals(2, read(txn(), all()).size(), "its new home recovers the committed rows");
    }

    /**
     * A transaction's uncommitted versions live in its partition's memory: after the partition
     * restarts (or moves to another node) they are gone. A transaction that says it wrote there
     * is refused (40000) at its next read or write, never left to go on and commit without them;
     * one that did not write there goes on.
     */
    @Test
    void aTransactionWhosePartitionLostItsWritesIsRefusedThere() {
        insertCommitted(1, 0);
        insertCommitted(2, 0);
        TxnView wrote = txn();
        TxnView onlyRead = txn();
        assertEquals(1, ((Partition.Written) await(send(wrote, setV(1, 5), false))).count());
        assertEquals(0, read(onlyRead, id(2)).get(0)[1]);
        restartPartition();
        long tag = ++tags;
        partition.tell(new Partition.Write(tag, wrote, setV(2, 6), false, probe.getRef(), false, true));
        assertEquals("40000", ((Partition.Failed) await(tag)).error().sqlState());
        tag = ++tags;
        partition.tell(new Partition.Read(tag, wrote, id(1), probe.getRef(), null, true));
        assertEquals("40000", ((Partition.Failed) await(tag)).error().sqlState(), "a point read does not pass it by");
        assertEquals(1, ((Partition.Written) await(send(onlyRead, setV(2, 7), false))).count());
        tag = ++tags;
        partition.tell(new Partition.Read(tag, onlyRead, id(2), probe.getRef(), null, true));
        assertEquals(7, ((Partition.Rows) await(tag)).rows().get(0)[1], "its writes are here: it reads them");
    }

    @Test
    void aPreparedTransactionCanStillAbort() {
        insertCommitted(1, 0);
        TxnView t = txn();
        await(send(t, setV(1, 5), false));
        assertInstanceOf(Partition.Prepared.class, await(prepare(t)));
        abort(t);
        assertEquals(0, read(txn(), id(1)).get(0)[1]);
        assertInstanceOf(Partition.Written.class, await(send(latest(), setV(1, 7), true)));
        restartPartition();
        assertEquals(7, read(txn(), id(1)).get(0)[1]);
    }

    /**
     * A partition that restarts with a transaction prepared and no outcome asks its record: one
     * whose coordinator recorded COMMIT is committed, one with no record is aborted — and the
     * abort is recorded, so a coordinator that comes late cannot commit it any more.
     */
    @Test
    void transactionsRecoveredInDoubtFollowTheirRecords() {
        insertCommitted(1, 0);
        insertCommitted(2, 0);
        TxnView committed = txn();
        TxnView undecided = txn();
        await(send(committed, setV(1, 11), false));
        await(send(undecided, setV(2, 22), false));
        assertInstanceOf(Partition.Prepared.class, await(prepare(committed)));
        assertInstanceOf(Partition.Prepared.class, await(prepare(undecided)));
        assertTrue(decide(committed.transactionId(), true).commit());
        restartPartition(); // the coordinator "crashed" after its decision, before phase two
        List<Object[]> rows = read(txn(), all());
        assertEquals(11, rows.get(0)[1]);
        assertEquals(0, rows.get(1)[1]);
        assertFalse(decide(undecided.transactionId(), true).commit(), "first writer wins: the abort stands");
        assertInstanceOf(Partition.Written.class, await(send(latest(), setV(2, 3), true)));
        restartPartition(); // the outcomes are in the redo log now
        rows = read(txn(), all());
        assertEquals(11, rows.get(0)[1]);
        assertEquals(3, rows.get(1)[1]);
    }

    /**
     * A two-phase transaction's lock is gone as soon as its CSN is in the CTS log, so a later
     * transaction may write the key and log its commit before the partition logs the first
     * one's outcome. After a restart the later write must still be the row.
     */
    @Test
    void aWriteLoggedBeforeAnEarlierTransactionsOutcomeSurvivesRestart() {
        insertCommitted(1, 0);
        TxnView t1 = txn();
        await(send(t1, setV(1, 10), false));
        assertInstanceOf(Partition.Prepared.class, await(prepare(t1)));
        assertTrue(decide(t1.transactionId(), true).commit());
        long csn = txns.tryCommit(t1.transactionId());
        assertInstanceOf(Partition.Written.class, await(send(latest(), setV(1, 20), true)));
        partition.tell(new Partition.CommitPrepared(t1.transactionId(), csn, new SlotRelease(txns.log(), t1.transactionId(), 1)));
        assertEquals(20, read(txn(), id(1)).get(0)[1]);
        restartPartition();
        assertEquals(20, read(txn(), id(1)).get(0)[1]);
    }

    // ---- transactions of other nodes ---------------------------------------------------------------

    private static final long OTHER_INCARNATION = 2;
    private static final AtomicInteger FOREIGN_IDS = new AtomicInteger();

    /**
     * A transaction begun on another node (another incarnation), at this node's current snapshot.
     * Only under the CTS: a cluster of several nodes takes no active-list views (BorealNode#mvcc).
     */
    private TxnView foreign() {
        org.junit.jupiter.api.Assumptions.assumeTrue(mvcc() == TxnSystem.Mvcc.CTS, "transactions across nodes run under the CTS");
        return new TxnView((OTHER_INCARNATION << io.boreal.txn.CtsLog.ID_BITS) + FOREIGN_IDS.incrementAndGet(),
                timestamps.snapshot());
    }

    private long prepareForeign(TxnView txn) {
        long tag = ++tags;
        partition.tell(new Partition.Prepare(tag, txn.transactionId(), probe.getRef()));
        return tag;
    }

    /**
     * A transaction of another node writes here: its version is a lock and invisible while it is
     * open and prepared, judged by this node's shadow of it; its coordinator's CommitPrepared
     * makes it visible, and once stamped the shadow is gone.
     */
    @Test
    void aTransactionOfAnotherNodeIsJudgedByThisNodesShadowOfIt() {
        insertCommitted(1, 0);
        TxnView t = foreign();
        await(send(t, setV(1, 5), false));
        assertEquals(1, txns.log().foreignTransactions());
        long waiting = send(latest(), setV(1, 6), true);
        probe.expectNoMessage(Duration.ofMillis(50));
        assertInstanceOf(Partition.Prepared.class, await(prepareForeign(t)));
        assertEquals(0, read(txn(), id(1)).get(0)[1]);
        long csn = timestamps.tryNextCommit();
        long tag = ++tags;
        partition.tell(new Partition.CommitPrepared(t.transactionId(), csn, SlotRelease.elsewhere(t.transactionId()),
                tag, probe.getRef()));
        assertInstanceOf(Partition.Stamped.class, await(tag));
        assertEquals(1, ((Partition.Written) await(waiting)).count());
        assertEquals(6, read(txn(), id(1)).get(0)[1]);
        assertEquals(0, txns.log().foreignTransactions());
    }

    /** A one-partition commit of another node's transaction takes this node's timestamp. */
    @Test
    void aTransactionOfAnotherNodeCommitsHereInOnePartition() {
        TxnView t = foreign();
        await(send(t, new WriteSpec.Insert(List.<Object[]>of(new Object[] {3, 30})), false));
        assertTrue(read(txn(), id(3)).isEmpty());
        commit(t);
        assertEquals(30, read(txn(), id(3)).get(0)[1]);
        assertEquals(0, txns.log().foreignTransactions());
    }

    /**
     * The node of an open transaction left: the transaction is rolled back here and the write
     * waiting for its lock goes on; one prepared takes its records' decision.
     */
    @Test
    void theTransactionsOfANodeThatLeftEndHere() {
        insertCommitted(1, 0);
        insertCommitted(2, 0);
        TxnView open = foreign();
        await(send(open, setV(1, 5), false));
        TxnView prepared = foreign();
        await(send(prepared, setV(2, 7), false));
        assertInstanceOf(Partition.Prepared.class, await(prepareForeign(prepared)));
        assertTrue(decide(prepared.transactionId(), true).commit(), "its coordinator recorded COMMIT, then died");
        long waiting = send(latest(), setV(1, 6), true);
        probe.expectNoMessage(Duration.ofMillis(50));
        partition.tell(new Partition.CoordinatorGone(OTHER_INCARNATION));
        assertEquals(1, ((Partition.Written) await(waiting)).count());
        assertEquals(6, read(txn(), id(1)).get(0)[1]);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while ((Integer) read(txn(), id(2)).get(0)[1] != 7 && System.nanoTime() < deadline) {
            probe.expectNoMessage(Duration.ofMillis(10));
        }
        assertEquals(7, read(txn(), id(2)).get(0)[1]);
        assertEquals(0, txns.log().foreignTransactions());
    }

    /**
     * A prepared transaction of a node that left, recorded COMMIT with its commit timestamp, is
     * stamped here at exactly that timestamp, as its other partitions were by its coordinator:
     * a snapshot just below it does not see it, one at it does — not a later timestamp of this
     * node's, which would show the commit in its other partitions and not here.
     */
    @Test
    void aTransactionOfANodeThatLeftIsStampedAtTheTimestampItsRecordHolds() {
        insertCommitted(2, 0);
        TxnView prepared = foreign();
        await(send(prepared, setV(2, 7), false));
        assertInstanceOf(Partition.Prepared.class, await(prepareForeign(prepared)));
        long commitTs = timestamps.tryNextCommit();
        for (int i = 0; i < 3; i++) {
            timestamps.tryNextCommit(); // what this node commits meanwhile
        }
        TestProbe<TxnRecords.Decision> decisions = testKit.createTestProbe();
        records.tell(new TxnRecords.Decide(prepared.transactionId(), true, 1, commitTs, decisions.getRef()));
        assertTrue(decisions.receiveMessage(Duration.ofSeconds(5)).commit(), "recorded COMMIT, then its node died");
        partition.tell(new Partition.CoordinatorGone(OTHER_INCARNATION));
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while ((Integer) read(txn(), id(2)).get(0)[1] != 7 && System.nanoTime() < deadline) {
            probe.expectNoMessage(Duration.ofMillis(10));
        }
        assertEquals(7, read(txn(), id(2)).get(0)[1]);
        assertEquals(0, read(atSnapshot(commitTs - 1), id(2)).get(0)[1], "below its timestamp: not committed yet");
        assertEquals(7, read(atSnapshot(commitTs), id(2)).get(0)[1], "at its timestamp: committed");
    }

    /** A reader of another node at {@code snapshot}. */
    private TxnView atSnapshot(long snapshot) {
        return new TxnView(foreign().transactionId(), snapshot);
    }
}
