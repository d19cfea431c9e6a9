package io.boreal.bench.autoinc;

import io.boreal.storage.btree.TreeStats;

/**
 * What the node's index trees did between two moments: the difference of two readings of
 * {@link TreeStats} (which only ever grow).
 */
public record TreeDelta(long operations, long hops, long leafSplits, long innerSplits, long rootSplits,
                        long restarts, long latchWaitNs) {

    /** A reading of the live counters now. */
    static TreeDelta reading(TreeStats stats) {
        return new TreeDelta(stats.operations(), stats.hops(), stats.leafSplits(), stats.innerSplits(),
                stats.rootSplits(), stats.restarts(), stats.latchWaitNs());
    }

    /** This reading minus an earlier one. */
    TreeDelta since(TreeDelta earlier) {
        return new TreeDelta(operations - earlier.operations, hops - earlier.hops, leafSplits - earlier.leafSplits,
                innerSplits - earlier.innerSplits, rootSplits - earlier.rootSplits, restarts - earlier.restarts,
                latchWaitNs - earlier.latchWaitNs);
    }

    /** Pages visited per tree operation; 0 when there was none. */
    public double hopsPerOperation() {
        return operations == 0 ? 0 : (double) hops / operations;
    }

    /** {@code count} per insert; 0 when there was none. */
    public static double perInsert(long count, long inserts) {
        return inserts == 0 ? 0 : (double) count / inserts;
    }

    public double latchWaitMs() {
        return latchWaitNs / 1e6;
    }
}
