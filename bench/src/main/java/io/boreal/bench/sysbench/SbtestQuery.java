package io.boreal.bench.sysbench;

/**
 * The statements of sysbench's OLTP tests ({@code stmt_defs} in {@code oltp_common.lua}), with
 * {@code %d} for the table number. {@link #INSERT_AUTO_INC} is {@code oltp_insert}'s insert with
 * {@code auto_inc} on: the database assigns the id.
 */
public enum SbtestQuery {
    POINT_SELECT(true, "SELECT c FROM sbtest%d WHERE id=?"),
    SIMPLE_RANGE(true, "SELECT c FROM sbtest%d WHERE id BETWEEN ? AND ?"),
    SUM_RANGE(true, "SELECT SUM(k) FROM sbtest%d WHERE id BETWEEN ? AND ?"),
    ORDER_RANGE(true, "SELECT c FROM sbtest%d WHERE id BETWEEN ? AND ? ORDER BY c"),
    DISTINCT_RANGE(true, "SELECT DISTINCT c FROM sbtest%d WHERE id BETWEEN ? AND ? ORDER BY c"),
    INDEX_UPDATE(false, "UPDATE sbtest%d SET k=k+1 WHERE id=?"),
    NON_INDEX_UPDATE(false, "UPDATE sbtest%d SET c=? WHERE id=?"),
    DELETE(false, "DELETE FROM sbtest%d WHERE id=?"),
    INSERT(false, "INSERT INTO sbtest%d (id, k, c, pad) VALUES (?, ?, ?, ?)"),
    INSERT_AUTO_INC(false, "INSERT INTO sbtest%d (k, c, pad) VALUES (?, ?, ?)");

    private final boolean read;
    private final String template;

    SbtestQuery(boolean read, String template) {
        this.read = read;
        this.template = template;
    }

    /** True for SELECTs (sysbench's "read" class), false for writes. */
    public boolean isRead() {
        return read;
    }

    public String sql(int table) {
        return String.format(template, table);
    }
}
