package io.boreal.actors;

import java.util.List;

/**
 * The outcome of one statement. Values in rows are of the column's {@link ColumnInfo#javaClass()}
 * or null.
 */
public sealed interface StatementResult {

    /** A query's rows, complete (the result is materialized before it is returned). */
    record Rows(List<ColumnInfo> columns, List<Object[]> rows) implements StatementResult {
    }

    /**
     * The count of rows a DML statement changed (0 for DDL and transaction control), and the
     * keys AUTO_INCREMENT generated for the rows it inserted, in insertion order (empty when none).
     */
    record UpdateCount(long count, List<Object> generatedKeys) implements StatementResult {
        public static UpdateCount of(long count) {
            return new UpdateCount(count, List.of());
        }
    }
}
