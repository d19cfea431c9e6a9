package io.boreal.jdbc.impl;

import java.util.List;

import io.boreal.actors.StatementResult;

/**
 * The rows under a {@link BorealResultSet}, read once, in order: a materialized list, or a
 * remote cursor that fetches chunk by chunk ({@link StatementResult.RowStream}).
 */
interface RowSource {

    /** The next row, or null past the last. */
    Object[] next();

    /** Drops the rows not read. */
    void close();

    static RowSource of(List<Object[]> rows) {
        return new RowSource() {
            private int next;

            @Override
            public Object[] next() {
                return next < rows.size() ? rows.get(next++) : null;
            }

            @Override
            public void close() {
                next = rows.size();
            }
        };
    }

    static RowSource of(StatementResult.RowStream stream) {
        return new RowSource() {
            @Override
            public Object[] next() {
                return stream.next();
            }

            @Override
            public void close() {
                stream.close();
            }
        };
    }

    /** At most {@code maxRows} rows of {@code source} (0: all); closes it once the limit is reached. */
    static RowSource limit(RowSource source, long maxRows) {
        if (maxRows <= 0) {
            return source;
        }
        return new RowSource() {
            private long left = maxRows;

            @Override
            public Object[] next() {
                if (left == 0) {
                    return null;
                }
                Object[] row = source.next();
                if (row != null && --left == 0) {
                    source.close();
                }
                return row;
            }

            @Override
            public void close() {
                source.close();
            }
        };
    }
}
