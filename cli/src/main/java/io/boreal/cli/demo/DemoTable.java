package io.boreal.cli.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The demo's table: sysbench's shape, with an index on k. */
final class DemoTable {

    private DemoTable() {
    }

    static void create(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS demo");
            s.execute("CREATE TABLE demo (id INT AUTO_INCREMENT PRIMARY KEY, k INT NOT NULL DEFAULT 0, "
                    + "c CHAR(120) NOT NULL DEFAULT '', pad CHAR(60) NOT NULL DEFAULT '')");
            s.execute("CREATE INDEX demo_k ON demo (k)");
        }
    }

    /** sysbench's value shape: groups of 11 digits joined by '-'. */
    static String digits(java.util.SplittableRandom random, int groups) {
        StringBuilder sb = new StringBuilder(groups * 12);
        for (int g = 0; g < groups; g++) {
            if (g > 0) {
                sb.append('-');
            }
            for (int i = 0; i < 11; i++) {
                sb.append((char) ('0' + random.nextInt(10)));
            }
        }
        return sb.toString();
    }
}
