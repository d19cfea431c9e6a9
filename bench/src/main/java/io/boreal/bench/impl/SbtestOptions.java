package io.boreal.bench.impl;

import io.boreal.bench.IgnoredErrors;
import io.boreal.bench.sysbench.OltpParams;
import picocli.CommandLine.Option;

/**
 * The sbtest tables and error handling of the async OLTP benchmarks (a picocli mixin):
 * {@code --tables}, {@code --table-size}, {@code --partitions}, {@code --ignore-errors},
 * {@code --seed}. Bad values throw {@link IllegalArgumentException} (exit code 2).
 */
public final class SbtestOptions {

    @Option(names = "--tables", defaultValue = "4", description = "sbtest tables (default: ${DEFAULT-VALUE}).")
    int tables;

    @Option(names = "--table-size", defaultValue = "10000", description = "Rows per table (default: ${DEFAULT-VALUE}).")
    int tableSize;

    @Option(names = "--partitions", defaultValue = "0",
            description = "> 0: tables get PARTITION BY HASH(id) PARTITIONS n; 0 = the node's default"
                    + " (boreal.partitions).")
    int partitions;

    @Option(names = "--ignore-errors", defaultValue = "40001,40P01,55P03,23*,0A000",
            description = "SQLStates an event is rolled back on and counted as an error; others abort"
                    + " (default: ${DEFAULT-VALUE}).")
    String ignoreErrors;

    @Option(names = "--seed", description = "Seed of the rows and of every session's random ids (default: time-based).")
    Long seed;

    /** The tables' shape, with sysbench's statement counts. */
    public OltpParams params() {
        if (tables < 1) {
            throw new IllegalArgumentException("--tables must be >= 1");
        }
        return OltpParams.defaults(tables, tableSize);
    }

    public int partitions() {
        return partitions;
    }

    public IgnoredErrors ignoredErrors() {
        return IgnoredErrors.of(ignoreErrors);
    }

    /** The given seed, or one taken from the clock now. */
    public long seed() {
        return seed != null ? seed : System.nanoTime();
    }
}
