package io.boreal.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.boreal.storage.EngineException;

/** SET GLOBAL and SHOW VARIABLES on the node's registry, and SET autocommit beside them. */
class EngineVariablesSqlTest {
    static BorealDatabase db;
    static SqlSession s;

    @BeforeAll
    static void start() throws Exception {
        db = BorealDatabase.start(BorealDatabase.memoryConfig("variables-sql-test"));
        s = db.openSession("test").toCompletableFuture().get();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @AfterEach
    void restoreDefaults() throws Exception {
        run("SET GLOBAL boreal.btree = 'blink'");
        run("SET GLOBAL boreal.thread_concurrency = 0");
    }

    private static StatementResult run(String sql) throws Exception {
        return s.execute(sql, List.of()).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static List<List<Object>> rows(String sql) throws Exception {
        StatementResult.Rows rows = (StatementResult.Rows) run(sql);
        List<List<Object>> out = new ArrayList<>();
        rows.rows().forEach(r -> out.add(List.of(r)));
        return out;
    }

    private static String value(String name) {
        return db.node().variables().find(name).text();
    }

    private static EngineException fails(String sql) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> run(sql));
        return assertInstanceOf(EngineException.class, e.getCause());
    }

    @Test
    void setGlobalTakesQuotedBareAndNumericValuesAndIgnoresTheNamesCase() throws Exception {
        run("SET GLOBAL boreal.btree = 'serial_smo'");
        assertEquals("serial_smo", value("boreal.btree"));
        run("set global BOREAL.BTREE=blink;");
        assertEquals("blink", value("boreal.btree"));
        run("SET GLOBAL boreal.btree = \"SERIAL_SMO\"");
        assertEquals("serial_smo", value("boreal.btree"));
        run("SET @@GLOBAL.boreal.thread_concurrency := 8");
        assertEquals("8", value("boreal.thread_concurrency"));
        run("SET GLOBAL boreal.thread_concurrency = '3'");
        assertEquals(3, db.node().variables().find("boreal.thread_concurrency").get());
    }

    @Test
    void setGlobalErrorsCarryTheRegistrysSqlStates() throws Exception {
        assertEquals("HY000", fails("SET GLOBAL boreal.no_such_switch = 1").sqlState());
        assertEquals("22023", fails("SET GLOBAL boreal.btree = 'bplus'").sqlState());
        assertEquals("22023", fails("SET GLOBAL boreal.thread_concurrency = -1").sqlState());
        assertEquals("42000", fails("SET GLOBAL boreal.btree = blink + 1").sqlState());
        assertEquals("HY000", fails("SET boreal.btree = 'blink'").sqlState());
        assertEquals("blink", value("boreal.btree"));
    }

    @Test
    void showVariablesListsEveryVariableByName() throws Exception {
        run("SET GLOBAL boreal.thread_concurrency = 4");
        StatementResult.Rows result = (StatementResult.Rows) run("SHOW VARIABLES");
        assertEquals(List.of("Variable_name", "Value"), result.columns().stream().map(ColumnInfo::label).toList());
        assertEquals(java.sql.Types.VARCHAR, result.columns().get(1).sqlType());
        List<List<Object>> expected = new ArrayList<>();
        db.node().variables().list().forEach(v -> expected.add(List.of(v.name(), v.text())));
        assertEquals(expected, rows("SHOW VARIABLES"));
        assertEquals(List.of(List.of("boreal.btree", "blink"), List.of("boreal.thread_concurrency", "4")),
                rows("SHOW GLOBAL VARIABLES LIKE 'boreal.%'").stream()
                        .filter(r -> r.get(0).equals("boreal.btree") || r.get(0).equals("boreal.thread_concurrency"))
                        .toList());
    }

    @Test
    void showVariablesLikeMatchesAsSqlDoes() throws Exception {
        assertEquals(List.of(List.of("boreal.btree", "blink")), rows("SHOW VARIABLES LIKE 'boreal.btree'"));
        assertEquals(List.of(List.of("boreal.btree", "blink")), rows("show variables like 'BOREAL._TREE'"));
        assertEquals(List.of(List.of("boreal.thread_concurrency", "0")), rows("SHOW VARIABLES LIKE '%thread\\_conc%'"));
        assertEquals(List.of(), rows("SHOW VARIABLES LIKE 'boreal.btre'"));
        assertEquals(List.of(List.of("boreal.btree", "blink")), rows("SHOW VARIABLES LIKE 'boreal_btree'"));
        assertEquals(List.of(), rows("SHOW VARIABLES LIKE 'boreal\\_btree'"));
        assertEquals("0A000", fails("SHOW VARIABLES WHERE Variable_name = 'x'").sqlState());
    }

    @Test
    void setAutocommitStillWorks() throws Exception {
        run("CREATE TABLE ac (id INT PRIMARY KEY, n INT) PARTITION BY HASH(id) PARTITIONS 1");
        run("SET autocommit = 0");
        run("INSERT INTO ac (id, n) VALUES (1, 1)");
        run("ROLLBACK");
        assertEquals(List.of(List.of(0L)), rows("SELECT COUNT(*) FROM ac"));
        run("INSERT INTO ac (id, n) VALUES (2, 2)");
        run("SET autocommit = 1"); // commits the open transaction
        run("INSERT INTO ac (id, n) VALUES (3, 3)");
        assertEquals(List.of(List.of(2L)), rows("SELECT COUNT(*) FROM ac"));
    }
}
