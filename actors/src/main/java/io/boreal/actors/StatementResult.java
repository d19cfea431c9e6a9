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
     * A query's rows as they arrive (a remote cursor fetched chunk by chunk), so that a large
     * result is never held whole. Each row is read once; {@link RowStream#close()} drops the rest.
     */
    record Streamed(List<ColumnInfo> columns, RowStream rows) implements StatementResult {
    }

    /** The rows of a {@link Streamed} result: read by one thread at a time. */
    interface RowStream extends AutoCloseable {
        /**
         * The next row, or null past the last; fails with an
         * {@link io.boreal.storage.EngineException} carrying the SQLState when the rows cannot be read.
         */
        Object[] next();

        /** Drops the rows not read; idempotent. */
        @Override
        void close();
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
