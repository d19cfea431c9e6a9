package io.boreal.bench.autoinc;

import io.boreal.bench.LatencySummary;

/**
 * One run of one configuration at one session count.
 *
 * @param insertsPerSecond inserts that succeeded in the measured window, per second of it
 * @param inserts          inserts that succeeded in the measured window
 * @param errors           inserts that failed in the measured window
 * @param latency          latency of the window's successful inserts
 * @param tree             what the index trees did in the window
 * @param totalInserts     inserts that succeeded in the whole run (warm-up included)
 * @param rowsInTable      the table's rows after the run: equals {@code totalInserts} unless an
 *                         insert's outcome was unknown (statement timeout)
 * @param firstError       the first failure of the run, or null
 */
public record RunOutcome(double insertsPerSecond, long inserts, long errors, LatencySummary latency, TreeDelta tree,
                         long totalInserts, long rowsInTable, String firstError) {

    public double hopsPerOperation() {
        return tree.hopsPerOperation();
    }

    public double leafSplitsPerInsert() {
        return TreeDelta.perInsert(tree.leafSplits(), inserts);
    }

    public double restartsPerInsert() {
        return TreeDelta.perInsert(tree.restarts(), inserts);
    }
}
