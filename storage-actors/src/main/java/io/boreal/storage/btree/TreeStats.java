package io.boreal.storage.btree;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one tree, updated by its pages: what the benchmark reports as messages per
 * operation and what a reviewer checks against the tree height.
 *
 * <p>Thread-safety: pages add from their own threads; readers get a moment's sums.
 */
public final class TreeStats {

    final LongAdder operations = new LongAdder();
    final LongAdder hops = new LongAdder();
    final LongAdder scans = new LongAdder();
    final LongAdder leafSplits = new LongAdder();
    final LongAdder innerSplits = new LongAdder();
    final LongAdder rootSplits = new LongAdder();
    final LongAdder restarts = new LongAdder();
    final LongAdder latchWaitNs = new LongAdder();

    public long operations() {
        return operations.sum();
    }

    /** Pages visited by all operations (each page an operation passes through counts once). */
    public long hops() {
        return hops.sum();
    }

    public double hopsPerOperation() {
        long ops = operations.sum();
        return ops == 0 ? 0 : (double) hops.sum() / ops;
    }

    public long scans() {
        return scans.sum();
    }

    public long leafSplits() {
        return leafSplits.sum();
    }

    public long innerSplits() {
        return innerSplits.sum();
    }

    public long rootSplits() {
        return rootSplits.sum();
    }

    /** Operations that met a structure modification and started again from the root (serial twin). */
    public long restarts() {
        return restarts.sum();
    }

    /** Time structure modifications waited for the index latch (serial twin). */
    public long latchWaitNs() {
        return latchWaitNs.sum();
    }

    /** Package-private adders for the pages (impl package uses these through {@link TreeCounters}). */
    public TreeCounters counters() {
        return new TreeCounters(this);
    }

    /** Write access for the pages of the tree. */
    public static final class TreeCounters {
        private final TreeStats stats;

        TreeCounters(TreeStats stats) {
            this.stats = stats;
        }

        public void operated(int hops) {
            stats.operations.increment();
            stats.hops.add(hops);
        }

        public void scanned() {
            stats.scans.increment();
        }

        public void leafSplit() {
            stats.leafSplits.increment();
        }

        public void innerSplit() {
            stats.innerSplits.increment();
        }

        public void rootSplit() {
            stats.rootSplits.increment();
        }

        public void restarted() {
            stats.restarts.increment();
        }

        public void latchWaited(long ns) {
            stats.latchWaitNs.add(ns);
        }
    }
}
