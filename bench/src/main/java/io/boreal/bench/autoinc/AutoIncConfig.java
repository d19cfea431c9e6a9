package io.boreal.bench.autoinc;

import java.util.List;

/**
 * The engine setups {@code bench autoinc} compares, each reached from any other by SQL
 * alone ({@code SET GLOBAL}), so all run on one database in one process.
 */
public enum AutoIncConfig {

    /** Lehman-Yao page actors: splits run concurrently, no index-wide latch. */
    BLINK("blink", "blink", 0),
    /** The InnoDB-style twin: one index-wide latch serializes splits, operations that met one restart. */
    SERIAL_SMO("serial_smo", "serial_smo", 0),
    /** The twin behind {@code innodb_thread_concurrency = 8}: the remedy the B-link tree is compared against. */
    SERIAL_SMO_CAPPED_8("serial_smo capped 8", "serial_smo", 8),
    /** B-link behind the same cap: with admission fixed, what the tree alone is worth. */
    BLINK_CAPPED_8("blink capped 8", "blink", 8);

    private final String label;
    private final String btree;
    private final int threadConcurrency;

    AutoIncConfig(String label, String btree, int threadConcurrency) {
        this.label = label;
        this.btree = btree;
        this.threadConcurrency = threadConcurrency;
    }

    /** The name printed in the table and written in the JSON. */
    public String label() {
        return label;
    }

    public String btree() {
        return btree;
    }

    public int threadConcurrency() {
        return threadConcurrency;
    }

    /** The statements that switch a database to this setup; trees created afterwards use it. */
    List<String> switchStatements() {
        return List.of("SET GLOBAL boreal.btree = '" + btree + "'",
                "SET GLOBAL boreal.thread_concurrency = " + threadConcurrency);
    }
}
