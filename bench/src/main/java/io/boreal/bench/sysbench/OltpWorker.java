package io.boreal.bench.sysbench;

import io.boreal.bench.QueryCounter;
import io.boreal.bench.Workload;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One thread of a sysbench OLTP test: runs the test's steps as one event, inside one transaction
 * for the transactional tests. Result sets are read to the end, as sysbench's driver does.
 *
 * <p>Not thread-safe: one per worker thread.
 */
// Performance-critical path: event() runs once per measured transaction.
final class OltpWorker implements Workload.Worker {
    private final Connection connection;
    private final OltpTest test;
    private final OltpParams params;
    private final SbtestValues values;
    private final SbtestStatements statements;

    OltpWorker(Connection connection, OltpTest test, OltpParams params, SbtestValues values) throws SQLException {
        this.connection = connection;
        this.test = test;
        this.params = params;
        this.values = values;
        connection.setAutoCommit(!test.transactional());
        this.statements = new SbtestStatements(connection, params.tables(), test.queries());
    }

    @Override
    public void event(QueryCounter queries) throws SQLException {
        if (test.transactional()) {
            queries.others(1); // BEGIN: implicit in JDBC once autocommit is off; counted as sysbench does
        }
        for (OltpStep step : test.steps()) {
            run(step, queries);
        }
        if (test.transactional()) {
            connection.commit();
            queries.others(1);
        }
    }

    private void run(OltpStep step, QueryCounter queries) throws SQLException {
        int table = values.table();
        for (int i = step.count(params); i > 0; i--) {
            switch (step) {
                case POINT_SELECT, POINT_SELECTS -> pointSelect(table);
                case SIMPLE_RANGES -> range(table, SbtestQuery.SIMPLE_RANGE);
                case SUM_RANGES -> range(table, SbtestQuery.SUM_RANGE);
                case ORDER_RANGES -> range(table, SbtestQuery.ORDER_RANGE);
                case DISTINCT_RANGES -> range(table, SbtestQuery.DISTINCT_RANGE);
                case INDEX_UPDATES -> indexUpdate(table);
                case NON_INDEX_UPDATES -> nonIndexUpdate(table);
                case DELETE_INSERTS -> deleteInsert(table);
                case DELETE -> delete(table, values.id());
                case AUTO_INC_INSERT -> autoIncInsert(table);
                default -> throw new IllegalStateException("unhandled step " + step);
            }
            queries.reads(step.reads());
            queries.writes(step.writes());
        }
    }

    private void pointSelect(int table) throws SQLException {
        PreparedStatement ps = statements.get(table, SbtestQuery.POINT_SELECT);
        ps.setInt(1, values.id());
        drain(ps);
    }

    private void range(int table, SbtestQuery query) throws SQLException {
        PreparedStatement ps = statements.get(table, query);
        int from = values.id();
        ps.setInt(1, from);
        ps.setInt(2, from + params.rangeSize() - 1);
        drain(ps);
    }

    private void indexUpdate(int table) throws SQLException {
        PreparedStatement ps = statements.get(table, SbtestQuery.INDEX_UPDATE);
        ps.setInt(1, values.id());
        ps.executeUpdate();
    }

    private void nonIndexUpdate(int table) throws SQLException {
        PreparedStatement ps = statements.get(table, SbtestQuery.NON_INDEX_UPDATE);
        ps.setString(1, values.c());
        ps.setInt(2, values.id());
        ps.executeUpdate();
    }

    private void deleteInsert(int table) throws SQLException {
        int id = values.id();
        int k = values.id();
        delete(table, id);
        PreparedStatement ps = statements.get(table, SbtestQuery.INSERT);
        ps.setInt(1, id);
        ps.setInt(2, k);
        ps.setString(3, values.c());
        ps.setString(4, values.pad());
        ps.executeUpdate();
    }

    private void delete(int table, int id) throws SQLException {
        PreparedStatement ps = statements.get(table, SbtestQuery.DELETE);
        ps.setInt(1, id);
        ps.executeUpdate();
    }

    private void autoIncInsert(int table) throws SQLException {
        PreparedStatement ps = statements.get(table, SbtestQuery.INSERT_AUTO_INC);
        ps.setInt(1, values.id());
        ps.setString(2, values.c());
        ps.setString(3, values.pad());
        ps.executeUpdate();
    }

    private static void drain(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                // read every row: the client work is part of the measured event
            }
        }
    }

    @Override
    public void close() throws SQLException {
        statements.close();
    }
}
