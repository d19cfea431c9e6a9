package io.boreal.actors.impl.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.Adapter;
import akka.serialization.Serialization;
import akka.serialization.SerializationExtension;
import akka.serialization.Serializer;
import io.boreal.actors.BorealDatabase;
import io.boreal.actors.SqlSession;
import io.boreal.sharding.Catalog;
import io.boreal.storage.EngineException;
import io.boreal.storage.Partition;
import io.boreal.storage.ReadSpec;
import io.boreal.storage.RowFold;
import io.boreal.storage.RowPredicate;
import io.boreal.storage.TxnView;
import io.boreal.storage.WriteSpec;
import io.boreal.transport.kryo.KryoSerializer;
import io.boreal.txn.ActiveList;
import io.boreal.txn.SlotRelease;

/**
 * Every request a session sends a partition, and every reply, crosses nodes: planned from real
 * statements, serialized by the node's own Akka serialization (Kryo), read back, and the copy
 * behaves as the original — the same rows pass its WHERE, its SET list computes the same new
 * rows, failures keep their SQLState. The one node-local part (a two-phase commit's slot
 * release) is refused loudly instead of copied.
 */
class PartitionRequestsCrossNodesTest {

    private static final String TABLE = "CREATE TABLE wire (id INT PRIMARY KEY, name VARCHAR(20), amount DECIMAL(10,2), "
            + "score DOUBLE, flag BOOLEAN, at TIMESTAMP, big BIGINT)";

    private static BorealDatabase db;
    private static Serialization serialization;
    private static ActorRef<Partition.Reply> replyTo;
    private static final Planner planner = new Planner(8);

    @BeforeAll
    static void start() throws Exception {
        db = BorealDatabase.start(BorealDatabase.memoryConfig("wire-test"));
        SqlSession session = db.openSession("test").toCompletableFuture().get();
        session.execute(TABLE, List.of()).toCompletableFuture().get();
        session.execute("CREATE INDEX wire_name ON wire (name)", List.of()).toCompletableFuture().get();
        serialization = SerializationExtension.get(Adapter.toClassic(db.node().system()));
        replyTo = db.node().system().ignoreRef();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void aReadCarriesItsWhereClauseAndReadView() {
        String[] wheres = {
            "id = ?", "id BETWEEN ? AND 900", "id IN (1, 2, ?) OR name IS NULL", "NOT (flag) AND score > -1.5",
            "name LIKE 'a%' AND id <> 3", "amount * 2 + ? >= 10.25", "-big < ? AND at IS NOT NULL",
            "name NOT LIKE '_b\\\\%' OR amount IS NULL", "id NOT IN (4, 5) AND (score / 3 <= 100 OR flag)",
            "name = ?", "id % 7 = 3"};
        Object[] params = {5, 17, 3L};
        List<Object[]> rows = rows(500);
        ActiveList.View view = new ActiveList.View(41, 40, 45, new long[] {38, 39, 42});
        for (String where : wheres) {
            SelectPlan plan = (SelectPlan) planner.plan("SELECT * FROM wire WHERE " + where, catalog());
            for (Target target : plan.targets(params)) {
                Partition.Read read = new Partition.Read(9, new TxnView(41, 40, view), target.spec(), replyTo);
                Partition.Read copy = (Partition.Read) roundTrip(read);
                assertEquals(read.txn().snapshot(), copy.txn().snapshot());
                assertArrayEquals(view.active(), copy.txn().activeList().active(), where);
                assertSameSpec(read.spec(), copy.spec(), rows, where);
                assertEquals(replyTo, copy.replyTo());
            }
        }
    }

    @Test
    void aStatementWithoutWhereReadsEverythingOnTheOtherSideToo() {
        SelectPlan plan = (SelectPlan) planner.plan("SELECT * FROM wire", catalog());
        ReadSpec spec = plan.targets(new Object[0]).get(0).spec();
        assertSame(RowPredicate.ALL, ((Partition.Read) roundTrip(new Partition.Read(1, TxnView.latest(3), spec, replyTo)))
                .spec().filter());
    }

    @Test
    void aFoldCrossesAndItsMergedPartsAnswerAsTheRowsThemselves() {
        String[] queries = {
            "SELECT COUNT(*), SUM(amount), MIN(name), MAX(at), AVG(amount), AVG(big), COUNT(at) FROM wire WHERE id > ?",
            "SELECT name, COUNT(*), SUM(big), MAX(amount), AVG(score) FROM wire WHERE id > ? GROUP BY name ORDER BY name",
            "SELECT flag, name, MIN(id) FROM wire WHERE id > ? GROUP BY flag, name ORDER BY 3 DESC LIMIT 4",
            "SELECT COUNT(*), SUM(amount) FROM wire WHERE id > ? AND name = 'nobody'",
            "SELECT id, name, amount FROM wire WHERE id > ? ORDER BY amount DESC, id LIMIT 7 OFFSET 3",
            "SELECT id, at FROM wire WHERE id > ? ORDER BY at, name DESC, id LIMIT 12",
            "SELECT id, name FROM wire WHERE id > ? ORDER BY id DESC LIMIT 5 OFFSET 4"};
        Object[] params = {17};
        List<Object[]> rows = rows(400);
        for (String sql : queries) {
            SelectPlan plan = (SelectPlan) planner.plan(sql, catalog());
            RowFold fold = plan.fold(params);
            assertTrue(fold != null, sql + ": folded in the partitions");
            List<Object[]> passed = new ArrayList<>();
            for (Object[] row : rows) {
                if (plan.targets(params).get(0).spec().filter().test(row)) {
                    passed.add(row);
                }
            }
            List<Object[]> folded = new ArrayList<>();
            for (int part = 0; part < 5; part++) {
                Partition.Read read = new Partition.Read(3, TxnView.latest(9), plan.targets(params).get(0).spec(), replyTo, fold, true);
                Partition.Read crossed = (Partition.Read) roundTrip(read);
                assertTrue(crossed.wroteHere());
                RowFold copy = crossed.fold();
                List<Object[]> slice = passed.subList(part * passed.size() / 5, (part + 1) * passed.size() / 5);
                List<Object[]> answer = ((Partition.Rows) roundTrip(new Partition.Rows(3, copy.fold(slice)))).rows();
                assertTrue(answer.size() <= Math.max(slice.size(), 1), sql + ": a fold never sends more than it read");
                folded.addAll(answer);
            }
            assertSameRows(plan.shape(passed, params), plan.shape(folded, params, fold), sql);
        }
        SelectPlan distinct = (SelectPlan) planner.plan("SELECT COUNT(DISTINCT name), SUM(id) FROM wire", catalog());
        assertEquals(null, distinct.fold(new Object[0]), "a DISTINCT aggregate's parts do not merge: rows are sent");
        SelectPlan unlimited = (SelectPlan) planner.plan("SELECT * FROM wire ORDER BY name", catalog());
        assertEquals(null, unlimited.fold(new Object[0]), "every row is in the answer: nothing to fold");
    }

    /** Same rows in the same order; doubles equal up to the rounding of a sum taken in another order. */
    private static void assertSameRows(List<Object[]> expected, List<Object[]> actual, String what) {
        assertEquals(expected.size(), actual.size(), what);
        assertTrue(!expected.isEmpty(), what + ": no rows tests nothing");
        for (int i = 0; i < expected.size(); i++) {
            for (int c = 0; c < expected.get(i).length; c++) {
                Object e = expected.get(i)[c];
                Object a = actual.get(i)[c];
                if (e instanceof Double d) {
                    assertEquals(d, (Double) a, Math.abs(d) * 1e-9, what);
                } else {
                    assertEquals(e, a, what + " row " + i + " column " + c);
                }
            }
        }
    }

    @Test
    void anUpdateCarriesItsSetListAndComputesTheSameRows() {
        UpdatePlan plan = (UpdatePlan) planner.plan(
                "UPDATE wire SET amount = amount * ? + 1, name = ?, score = -score, big = big + id WHERE id BETWEEN ? AND ?",
                catalog());
        Object[] params = {new BigDecimal("1.5"), "renamed", 10, 400};
        List<Object[]> rows = rows(300);
        for (Target target : plan.targets(params)) {
            Partition.Write write = new Partition.Write(4, new TxnView(8, 7), plan.write(target, params), true, replyTo, true);
            Partition.Write copy = (Partition.Write) roundTrip(write);
            WriteSpec.Update original = (WriteSpec.Update) write.spec();
            WriteSpec.Update copied = (WriteSpec.Update) copy.spec();
            assertSameSpec(original.target(), copied.target(), rows, "update");
            for (Object[] row : rows) {
                assertArrayEquals(original.transform().apply(row), copied.transform().apply(row));
            }
            assertTrue(copy.commit() && copy.reportProgress());
        }
    }

    @Test
    void theOtherWritesCrossWithTheirRowsAndTargets() {
        List<Object[]> rows = rows(50);
        Partition.Write insert = new Partition.Write(2, new TxnView(5, 4), new WriteSpec.Insert(rows), false, replyTo);
        List<Object[]> copied = ((WriteSpec.Insert) ((Partition.Write) roundTrip(insert)).spec()).rows();
        assertEquals(rows.size(), copied.size());
        for (int i = 0; i < rows.size(); i++) {
            assertArrayEquals(rows.get(i), copied.get(i));
        }
        DeletePlan delete = (DeletePlan) planner.plan("DELETE FROM wire WHERE name = 'x' OR id > ?", catalog());
        SelectPlan lock = (SelectPlan) planner.plan("SELECT * FROM wire WHERE id < ? FOR UPDATE", catalog());
        for (Target target : delete.targets(new Object[] {100})) {
            WriteSpec.Delete spec = (WriteSpec.Delete) delete.write(target, new Object[] {100});
            WriteSpec.Delete copy = (WriteSpec.Delete) ((Partition.Write) roundTrip(
                    new Partition.Write(3, new TxnView(5, 4), spec, false, replyTo))).spec();
            assertSameSpec(spec.target(), copy.target(), rows(200), "delete");
        }
        for (Target target : lock.targets(new Object[] {20})) {
            WriteSpec.Lock spec = new WriteSpec.Lock(target.spec());
            WriteSpec.Lock copy = (WriteSpec.Lock) ((Partition.Write) roundTrip(
                    new Partition.Write(3, new TxnView(5, 4), spec, false, replyTo))).spec();
            assertSameSpec(spec.target(), copy.target(), rows(200), "for update");
        }
    }

    @Test
    void commitsPreparesIndexesAndDropsCross() {
        assertEquals(new Partition.Commit(1, 77, replyTo), roundTrip(new Partition.Commit(1, 77, replyTo)));
        assertEquals(new Partition.Prepare(2, 78, replyTo), roundTrip(new Partition.Prepare(2, 78, replyTo)));
        assertSame(Partition.Drop.INSTANCE, roundTrip(Partition.Drop.INSTANCE));
        Partition.AddIndex add = new Partition.AddIndex(3, catalog().byName().get("wire"), replyTo);
        assertEquals(add.table(), ((Partition.AddIndex) roundTrip(add)).table());
    }

    @Test
    void repliesCrossAndAFailureKeepsItsSqlState() {
        List<Object[]> rows = rows(20);
        Partition.Rows read = (Partition.Rows) roundTrip(new Partition.Rows(5, rows));
        assertArrayEquals(rows.get(19), read.rows().get(19));
        Partition.Written written = (Partition.Written) roundTrip(new Partition.Written(6, 3, List.of()));
        assertEquals(3, written.count());
        assertEquals(new Partition.Applied(7), roundTrip(new Partition.Applied(7)));
        assertEquals(new Partition.LockWaiting(8), roundTrip(new Partition.LockWaiting(8)));
        assertEquals(new Partition.Prepared(9), roundTrip(new Partition.Prepared(9)));
        EngineException error = EngineException.writeConflict("row 4 of wire-1 changed after the snapshot");
        Partition.Failed failed = (Partition.Failed) roundTrip(new Partition.Failed(10, error));
        assertEquals("40001", failed.error().sqlState());
        assertEquals(error.getMessage(), failed.error().getMessage());
    }

    @Test
    void aSlotReleaseSentToAnotherNodeCountsItsPartitionDownAtHome() {
        SlotRelease release = new SlotRelease(db.node().txns().log(), 12345, 2);
        Partition.Abort copy = (Partition.Abort) roundTrip(new Partition.Abort(12345, release));
        assertEquals(1, release.remaining(), "the partition on the other node does not hold the slot");
        assertEquals(12345, copy.transactionId());
        copy.release().done(); // counts nothing at home
        assertEquals(1, release.remaining());
    }

    private static Object roundTrip(Object message) {
        Serializer serializer = serialization.findSerializerFor(message);
        assertInstanceOf(KryoSerializer.class, serializer, message.getClass() + " must go through Kryo");
        return serializer.fromBinary(serializer.toBinary(message));
    }

    /** Same index and bounds, and the same rows pass both filters. */
    private static void assertSameSpec(ReadSpec original, ReadSpec copy, List<Object[]> rows, String what) {
        assertEquals(original.index(), copy.index(), what);
        assertEquals(original.from(), copy.from(), what);
        assertEquals(original.to(), copy.to(), what);
        assertEquals(original.limit(), copy.limit(), what);
        int passed = 0;
        for (Object[] row : rows) {
            boolean expected = original.filter().test(row);
            assertEquals(expected, copy.filter().test(row), what);
            passed += expected ? 1 : 0;
        }
        assertTrue(original.filter() == RowPredicate.ALL || passed < rows.size() || rows.isEmpty(),
                what + ": a filter every row passes tests nothing");
    }

    private static Catalog.Snapshot catalog() {
        return db.node().catalog();
    }

    /** Rows of every column type, with NULLs. */
    private static List<Object[]> rows(int n) {
        Random random = new Random(n);
        String[] names = {"abc", "a%b", "_b%", "zed", null, "alpha"};
        List<Object[]> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(new Object[] {i, names[random.nextInt(names.length)],
                random.nextInt(10) == 0 ? null : BigDecimal.valueOf(random.nextInt(100_000), 2),
                random.nextGaussian() * 50, random.nextBoolean(),
                random.nextInt(5) == 0 ? null : new Timestamp(1_700_000_000_000L + random.nextInt(1_000_000)),
                random.nextLong() % 1_000_000});
        }
        return rows;
    }
}
