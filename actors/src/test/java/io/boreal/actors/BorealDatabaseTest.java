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
}
