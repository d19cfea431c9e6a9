package io.boreal.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import akka.cluster.MemberStatus;
import akka.cluster.typed.Cluster;
import io.boreal.storage.EngineException;
import io.boreal.storage.schema.TableDef;
import io.boreal.txn.CtsLog;

/**
 * Three nodes in one JVM form a cluster from a seed node and share one catalog: a DDL statement
 * run on any node returns only once every member's copy has it, a failure made by the catalog
 * singleton on another node keeps its SQLState, incarnations (and so transaction ids) are
 * unique across the nodes, and a member that left is no longer waited for.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterCatalogTest {

    private static LocalCluster cluster;
    private static BorealDatabase first;
    private static BorealDatabase second;
    private static BorealDatabase third;

    @BeforeAll
    static void start() throws IOException {
        String[] names = {"first", "second", "third"};
        cluster = new LocalCluster(3, i -> Map.of("boreal.storage.mode", "mem", "boreal.storage.name", names[i]));
        first = cluster.node(0);
        second = cluster.node(1);
        third = cluster.node(2);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    @Order(1)
    void theNodesFormOneCluster() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); // gossip reaches every member in time
        for (BorealDatabase db : List.of(first, second, third)) {
            Cluster cluster = Cluster.get(db.node().system());
            while (upMembers(cluster) < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(3, upMembers(cluster), db.name() + " sees " + cluster.state().getMembers());
        }
    }

    private static long upMembers(Cluster cluster) {
        long up = 0;
        for (akka.cluster.Member m : cluster.state().getMembers()) {
            up += m.status() == MemberStatus.up() ? 1 : 0;
        }
        return up;
    }

    @Test
    @Order(2)
    void everyNodeHasATableOnceCreateTableReturns() throws Exception {
        run(second, "CREATE TABLE shared (id INT PRIMARY KEY, v VARCHAR(10))");
        TableDef created = first.node().catalog().table("shared");
        assertNotNull(created, "the first node's copy");
        assertEquals(created, second.node().catalog().table("shared"));
        assertEquals(created, third.node().catalog().table("shared"));

        run(third, "CREATE INDEX shared_v ON shared (v)");
        assertEquals(1, first.node().catalog().table("shared").indexes().size());
        assertEquals(1, second.node().catalog().table("shared").indexes().size());
    }

    @Test
    @Order(3)
    void aRefusalFromTheCatalogOnAnotherNodeKeepsItsSqlState() throws Exception {
        run(first, "CREATE TABLE once (id INT PRIMARY KEY)");
        ExecutionException e = assertThrows(ExecutionException.class, () -> run(third, "CREATE TABLE once (id INT PRIMARY KEY)"));
        EngineException refused = assertInstanceOf(EngineException.class, e.getCause());
        assertEquals("42S01", refused.sqlState());
        run(third, "CREATE TABLE IF NOT EXISTS once (id INT PRIMARY KEY)");
        run(second, "DROP TABLE IF EXISTS never_created");
        e = assertThrows(ExecutionException.class, () -> run(second, "DROP TABLE never_created"));
        assertEquals("42S02", assertInstanceOf(EngineException.class, e.getCause()).sqlState());
    }

    @Test
    @Order(4)
    void incarnationsAndSoTransactionIdsAreUniqueAcrossNodes() {
        Set<Long> incarnations = new HashSet<>();
        for (BorealDatabase db : List.of(first, second, third)) {
            incarnations.add(db.node().txns().log().lastId() >>> CtsLog.ID_BITS);
        }
        assertEquals(3, incarnations.size(), incarnations.toString());
    }

    @Test
    @Order(5)
    void statementsReachPartitionsOnEveryNodeAndEveryNodeAnswersAlike() throws Exception {
        run(first, "CREATE TABLE spread (id INT PRIMARY KEY, v INT) PARTITION BY HASH(id) PARTITIONS 24");
        SqlSession session = second.openSession("test").toCompletableFuture().get(30, TimeUnit.SECONDS);
        try {
            for (int id = 0; id < 96; id++) { // 24 partitions over 3 nodes: most are on the other two
                session.execute("INSERT INTO spread (id, v) VALUES (?, ?)", List.of(id, id * 2))
                        .toCompletableFuture().get(60, TimeUnit.SECONDS);
            }
            session.execute("UPDATE spread SET v = v + 1 WHERE id < 48", List.of()).toCompletableFuture()
                    .get(60, TimeUnit.SECONDS);
        } finally {
            session.close();
        }
        long expectedSum = 0;
        for (int id = 0; id < 96; id++) {
            expectedSum += id * 2 + (id < 48 ? 1 : 0);
        }
        for (BorealDatabase db : List.of(first, second, third)) {
            assertEquals(List.of(96L, expectedSum), List.of(query(db, "SELECT COUNT(*), SUM(v) FROM spread").get(0)),
                    db.name());
            assertEquals(List.of(2 * 70), List.of(query(db, "SELECT v FROM spread WHERE id = 70").get(0)),
                    db.name());
        }
        List<Object[]> placement = query(first, "SHOW PARTITIONS FROM spread");
        assertEquals(24, placement.size());
        java.util.Set<Object> nodes = new java.util.HashSet<>();
        for (int p = 0; p < 24; p++) {
            assertEquals(List.of("spread", p), List.of(placement.get(p)).subList(0, 2));
            assertNotNull(placement.get(p)[3], "partition " + p + " runs somewhere once it was written");
            nodes.add(placement.get(p)[3]);
        }
        assertEquals(3, nodes.size(), "24 partitions spread over the three nodes: " + nodes);
        for (BorealDatabase db : List.of(second, third)) {
            List<Object[]> seen = query(db, "SHOW PARTITIONS FROM spread");
            for (int p = 0; p < 24; p++) {
                assertEquals(List.of(placement.get(p)), List.of(seen.get(p)), db.name() + " shows the same placement");
            }
        }
    }

    @Test
    @Order(5)
    void autoIncrementValuesAreUniqueAcrossNodes() throws Exception {
        run(first, "CREATE TABLE counted (id BIGINT AUTO_INCREMENT PRIMARY KEY, node INT) PARTITION BY HASH(id) PARTITIONS 6");
        List<BorealDatabase> nodes = List.of(first, second, third);
        for (int round = 0; round < 10; round++) {
            for (int n = 0; n < 3; n++) {
                run(nodes.get(n), "INSERT INTO counted (node) VALUES (" + n + "), (" + n + ")");
            }
        }
        run(second, "INSERT INTO counted (id, node) VALUES (1000000, 1)"); // an explicit value moves this node past it
        run(second, "INSERT INTO counted (node) VALUES (1)");
        assertEquals(List.of(62L, 62L), List.of(query(first, "SELECT COUNT(*), COUNT(DISTINCT id) FROM counted").get(0)));
        assertEquals(List.of(1000001L), List.of(query(first, "SELECT MAX(id) FROM counted").get(0)));
    }

    private static List<Object[]> query(BorealDatabase db, String sql) throws Exception {
        SqlSession session = db.openSession("test").toCompletableFuture().get(30, TimeUnit.SECONDS);
        try {
            return ((StatementResult.Rows) session.execute(sql, List.of()).toCompletableFuture()
                    .get(60, TimeUnit.SECONDS)).rows();
        } finally {
            session.close();
        }
    }

    @Test
    @Order(6)
    void aNodeThatLeftIsNotWaitedFor() throws Exception {
        run(third, "DROP TABLE once");
        assertNull(first.node().catalog().table("once"));
        cluster.leave(2);
        run(first, "CREATE TABLE after_leave (id INT PRIMARY KEY)");
        assertNotNull(second.node().catalog().table("after_leave"));
        assertNotEquals(first.node().catalog().table("after_leave").id(), first.node().catalog().table("shared").id());
    }
    private static void run(BorealDatabase db, String sql) throws Exception {
        LocalCluster.run(db, sql);
    }
}
