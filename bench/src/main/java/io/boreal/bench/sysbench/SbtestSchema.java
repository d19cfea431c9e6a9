package io.boreal.bench.sysbench;

/**
 * DDL of sysbench's tables {@code sbtest1..N}, as {@code oltp_common.lua} creates them for MySQL
 * with {@code auto_inc} on, written in portable SQL.
 */
public final class SbtestSchema {
    private SbtestSchema() {
    }

    public static String tableName(int table) {
        return "sbtest" + table;
    }

    /** {@code partitions > 0} appends Boreal's {@code PARTITION BY HASH(id) PARTITIONS n} table option. */
    public static String createTable(int table, int partitions) {
        String ddl = "CREATE TABLE " + tableName(table) + " (id INTEGER NOT NULL AUTO_INCREMENT,"
                + " k INTEGER DEFAULT 0 NOT NULL, c CHAR(120) DEFAULT '' NOT NULL,"
                + " pad CHAR(60) DEFAULT '' NOT NULL, PRIMARY KEY (id))";
        return partitions > 0 ? ddl + " PARTITION BY HASH(id) PARTITIONS " + partitions : ddl;
    }

    public static String dropTable(int table) {
        return "DROP TABLE IF EXISTS " + tableName(table);
    }

    /** The secondary index on {@code k}, created after the table is loaded (as sysbench does). */
    public static String createIndex(int table) {
        return "CREATE INDEX k_" + table + " ON " + tableName(table) + "(k)";
    }

    /** The prepare-time row insert: one row per statement, explicit id, sent in JDBC batches. */
    public static String loadInsert(int table) {
        return "INSERT INTO " + tableName(table) + " (id, k, c, pad) VALUES (?, ?, ?, ?)";
    }
}
