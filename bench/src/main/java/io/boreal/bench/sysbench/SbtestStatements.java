package io.boreal.bench.sysbench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Set;

/**
 * The prepared statements of one connection: each needed {@link SbtestQuery} for each table,
 * prepared once when the worker starts (as sysbench's {@code prepare_for_each_table}).
 *
 * <p>Not thread-safe: owned by one worker thread, like its connection.
 */
final class SbtestStatements implements AutoCloseable {
    private final PreparedStatement[][] byTable;

    SbtestStatements(Connection connection, int tables, Set<SbtestQuery> queries) throws SQLException {
        byTable = new PreparedStatement[tables][SbtestQuery.values().length];
        try {
            for (int t = 1; t <= tables; t++) {
                for (SbtestQuery q : queries) {
                    byTable[t - 1][q.ordinal()] = connection.prepareStatement(q.sql(t));
                }
            }
        } catch (SQLException e) {
            close();
            throw e;
        }
    }

    /** The statement for {@code query} on table {@code sbtest<table>}; it must have been prepared. */
    PreparedStatement get(int table, SbtestQuery query) {
        return byTable[table - 1][query.ordinal()];
    }

    @Override
    public void close() throws SQLException {
        SQLException first = null;
        for (PreparedStatement[] row : byTable) {
            for (PreparedStatement ps : row) {
                if (ps == null) {
                    continue;
                }
                try {
                    ps.close();
                } catch (SQLException e) {
                    first = first == null ? e : first;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
