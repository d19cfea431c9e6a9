package io.boreal.bench.impl;

import java.util.ArrayList;
import java.util.List;

import io.boreal.bench.sysbench.OltpParams;
import io.boreal.bench.sysbench.OltpStep;
import io.boreal.bench.sysbench.OltpTest;
import io.boreal.bench.sysbench.SbtestQuery;
import io.boreal.bench.sysbench.SbtestValues;

/**
 * The statements of one sysbench OLTP transaction, as {@code OltpWorker} sends them through
 * JDBC: each step picks a table, then repeats its statement(s) with fresh uniform ids. Here they
 * are drawn up front, so that an async session can send them one after the other.
 *
 * <p>Immutable and shared by every session (the SQL texts are formatted once); the random
 * source is the caller's.
 */
public final class OltpEvent {

    /** One statement and its positional parameters. */
    public record Statement(String sql, List<Object> params) {
    }

    private final OltpTest test;
    private final OltpParams params;
    /** {@code sql[table - 1][query.ordinal()]}. */
    private final String[][] sql;

    public OltpEvent(OltpTest test, OltpParams params) {
        this.test = test;
        this.params = params;
        this.sql = new String[params.tables()][SbtestQuery.values().length];
        for (int t = 1; t <= params.tables(); t++) {
            for (SbtestQuery q : SbtestQuery.values()) {
                sql[t - 1][q.ordinal()] = q.sql(t);
            }
        }
    }

    public OltpTest test() {
        return test;
    }

    /** Every statement text the test sends, on every table (to have them planned ahead). */
    public List<String> sqlTexts() {
        List<String> out = new ArrayList<>();
        for (String[] byQuery : sql) {
            for (OltpStep step : test.steps()) {
                for (SbtestQuery q : step.queries()) {
                    if (!out.contains(byQuery[q.ordinal()])) {
                        out.add(byQuery[q.ordinal()]);
                    }
                }
            }
        }
        return out;
    }

    /** The statements of one transaction, BEGIN and COMMIT excluded. */
    public List<Statement> draw(SbtestValues values) {
        List<Statement> out = new ArrayList<>(20);
        for (OltpStep step : test.steps()) {
            int table = values.table();
            for (int i = step.count(params); i > 0; i--) {
                add(step, table, values, out);
            }
        }
        return out;
    }

    private void add(OltpStep step, int table, SbtestValues v, List<Statement> out) {
        switch (step) {
            case POINT_SELECT, POINT_SELECTS -> out.add(statement(table, SbtestQuery.POINT_SELECT, v.id()));
            case SIMPLE_RANGES -> out.add(range(table, SbtestQuery.SIMPLE_RANGE, v.id()));
            case SUM_RANGES -> out.add(range(table, SbtestQuery.SUM_RANGE, v.id()));
            case ORDER_RANGES -> out.add(range(table, SbtestQuery.ORDER_RANGE, v.id()));
            case DISTINCT_RANGES -> out.add(range(table, SbtestQuery.DISTINCT_RANGE, v.id()));
            case INDEX_UPDATES -> out.add(statement(table, SbtestQuery.INDEX_UPDATE, v.id()));
            case NON_INDEX_UPDATES -> out.add(statement(table, SbtestQuery.NON_INDEX_UPDATE, v.c(), v.id()));
            case DELETE_INSERTS -> {
                int id = v.id();
                int k = v.id();
                out.add(statement(table, SbtestQuery.DELETE, id));
                out.add(statement(table, SbtestQuery.INSERT, id, k, v.c(), v.pad()));
            }
            case DELETE -> out.add(statement(table, SbtestQuery.DELETE, v.id()));
            case AUTO_INC_INSERT -> out.add(statement(table, SbtestQuery.INSERT_AUTO_INC, v.id(), v.c(), v.pad()));
            default -> throw new IllegalStateException("unhandled step " + step);
        }
    }

    private Statement range(int table, SbtestQuery query, int from) {
        return statement(table, query, from, from + params.rangeSize() - 1);
    }

    private Statement statement(int table, SbtestQuery query, Object... values) {
        return new Statement(sql[table - 1][query.ordinal()], List.of(values));
    }
}
