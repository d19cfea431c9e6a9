package io.boreal.bench.sysbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** sysbench's prepare: table shape, row count and values, the k index, and re-prepare. */
class SbtestLoaderTest {
    private static final String URL = "jdbc:h2:mem:loader;MODE=MySQL";
    private static final int ROWS = 3000;

    @Test
    void createsLoadsAndIndexesEveryTableAndCanRedoIt() throws SQLException {
        try (Connection c = DriverManager.getConnection(URL)) {
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            SbtestLoader loader = new SbtestLoader(() -> DriverManager.getConnection(URL),
                    new PrintStream(log, true, StandardCharsets.UTF_8));

            loader.prepare(OltpParams.defaults(2, ROWS), 0, 3, 42);
            loader.prepare(OltpParams.defaults(2, ROWS), 0, 3, 43); // drops and recreates

            for (int t = 1; t <= 2; t++) {
                String table = "sbtest" + t;
                assertEquals(ROWS, query(c, "SELECT COUNT(*) FROM " + table));
                assertEquals(ROWS, query(c, "SELECT COUNT(DISTINCT id) FROM " + table));
                assertEquals(1, query(c, "SELECT MIN(id) FROM " + table));
                assertEquals(ROWS, query(c, "SELECT MAX(id) FROM " + table));
                assertEquals(0, query(c, "SELECT COUNT(*) FROM " + table + " WHERE k < 1 OR k > " + ROWS));
                assertEquals(0, query(c, "SELECT COUNT(*) FROM " + table
                        + " WHERE NOT REGEXP_LIKE(c, '^[0-9]{11}(-[0-9]{11}){9}$')"
                        + " OR NOT REGEXP_LIKE(pad, '^[0-9]{11}(-[0-9]{11}){4}$')"));
                assertEquals(1, query(c, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEXES"
                        + " WHERE TABLE_NAME = 'SBTEST" + t + "' AND INDEX_NAME = 'K_" + t + "'"));
            }
            String out = log.toString(StandardCharsets.UTF_8);
            assertTrue(out.contains("Creating table 'sbtest2'..."), out);
            assertTrue(out.contains("Inserting 3000 records into 'sbtest1'"), out);
            assertTrue(out.contains("Creating a secondary index on 'sbtest1'..."), out);
        }
    }

    @Test
    void partitionsOptionAppendsTheBorealTableOption() {
        assertEquals("CREATE TABLE sbtest3 (id INTEGER NOT NULL AUTO_INCREMENT, k INTEGER DEFAULT 0 NOT NULL,"
                        + " c CHAR(120) DEFAULT '' NOT NULL, pad CHAR(60) DEFAULT '' NOT NULL, PRIMARY KEY (id))"
                        + " PARTITION BY HASH(id) PARTITIONS 16",
                SbtestSchema.createTable(3, 16));
        assertTrue(SbtestSchema.createTable(3, 0).endsWith("PRIMARY KEY (id))"));
    }

    private static long query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
