package io.boreal.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BorealDatabaseTest {
    static BorealDatabase db;
    static SqlSession s;

    @BeforeAll
    static void start() throws Exception {
        db = BorealDatabase.start(BorealDatabase.memoryConfig("database-test"));
        s = db.openSession("test").toCompletableFuture().get();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    private static StatementResult run(String sql, Object... params) throws Exception {
        return s.execute(sql, List.of(params)).toCompletableFuture().get();
    }

    @Test
    void roundTrip() throws Exception {
        run("CREATE TABLE t (id INT AUTO_INCREMENT PRIMARY KEY, k INT, c VARCHAR(20))");
        StatementResult.UpdateCount u = (StatementResult.UpdateCount) run("INSERT INTO t (k, c) VALUES (?, ?)", 5, "five");
        assertEquals(1, u.count());
        assertEquals(List.of(1), u.generatedKeys());
        run("INSERT INTO t (id, k, c) VALUES (10, 6, 'six')");
        StatementResult.Rows rows = (StatementResult.Rows) run("SELECT c FROM t WHERE id = ?", 10);
        assertEquals("six", rows.rows().get(0)[0]);
        run("UPDATE t SET k = k + 1 WHERE id = 10");
        rows = (StatementResult.Rows) run("SELECT SUM(k), COUNT(*) FROM t");
        assertEquals(12L, rows.rows().get(0)[0]);
        assertEquals(2L, rows.rows().get(0)[1]);
    }

    /** A dropped table's partitions stop (their trees hold no memory), and the name can be used again. */
    @Test
    void droppingATableStopsItsPartitions() throws Exception {
        run("CREATE TABLE dropped (id INT PRIMARY KEY, v INT) PARTITION BY HASH(id) PARTITIONS 2");
        run("INSERT INTO dropped (id, v) VALUES (1, 1)");
        run("INSERT INTO dropped (id, v) VALUES (2, 2)");
        io.boreal.storage.schema.TableDef table = db.node().catalog().byName().get("dropped");
        String first = table.partitionId(0);
        String second = table.partitionId(1);
        run("SELECT COUNT(*) FROM dropped");
        org.junit.jupiter.api.Assertions.assertNotNull(db.node().localPartitions().find(first));
        run("DROP TABLE dropped");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while ((db.node().localPartitions().find(first) != null || db.node().localPartitions().find(second) != null)
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        org.junit.jupiter.api.Assertions.assertNull(db.node().localPartitions().find(first));
        org.junit.jupiter.api.Assertions.assertNull(db.node().localPartitions().find(second));
        run("CREATE TABLE dropped (id INT PRIMARY KEY, v INT)");
        StatementResult.Rows rows = (StatementResult.Rows) run("SELECT COUNT(*) FROM dropped");
        assertEquals(0L, ((Number) rows.rows().get(0)[0]).longValue());
    }
}
