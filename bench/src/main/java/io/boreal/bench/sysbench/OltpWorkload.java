package io.boreal.bench.sysbench;

import io.boreal.bench.Workload;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.SplittableRandom;

/**
 * A sysbench OLTP test as a {@link Workload} for the {@link io.boreal.bench.LoadRunner}. The
 * tables must exist and hold {@code params.tableSize()} rows (see {@link SbtestLoader}).
 * Thread-safe: every worker gets its own statements and random source.
 */
public final class OltpWorkload implements Workload {
    private final OltpTest test;
    private final OltpParams params;

    public OltpWorkload(OltpTest test, OltpParams params) {
        this.test = test;
        this.params = params;
    }

    @Override
    public String name() {
        return test.sysbenchName();
    }

    @Override
    public Worker newWorker(Connection connection, int threadIndex, SplittableRandom random) throws SQLException {
        return new OltpWorker(connection, test, params, new SbtestValues(random, params.tables(), params.tableSize()));
    }
}
