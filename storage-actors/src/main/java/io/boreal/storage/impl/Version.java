package io.boreal.storage.impl;

/**
 * One version of a row in its chain, newest first, as the primary index's leaf holds it.
 *
 * <p>A version is written by a transaction ({@link #writer}); it is committed once its writer is
 * (or, recovered from the redo log, from birth: {@link #recovered}). While its writer is active
 * it is the row's lock. An aborted version is as if absent: readers skip it, the next write of
 * the key drops it.
 *
 * <p>Invariants: only the head may belong to an active or committing writer; committed
 * timestamps decrease along the chain. The row and writer never change once the version is
 * published (a transaction that writes a row again puts a new version in place of its own), so
 * any thread may read a chain it received; only {@link #older} changes, when the leaf cuts off
 * versions no snapshot at or above the low watermark can see — which no reader holding such a
 * snapshot would have visited.
 */
final class Version {
    /** The row's values, or null for a deletion. */
    final Object[] row;
    /** Null for a recovered version. */
    final TxnState writer;
    private final long recoveredTs;
    volatile Version older;

    private Version(Object[] row, TxnState writer, long recoveredTs, Version older) {
        this.row = row;
        this.writer = writer;
        this.recoveredTs = recoveredTs;
        this.older = older;
    }

    static Version written(Object[] row, TxnState writer, Version older) {
        return new Version(row, writer, 0, older);
    }

    static Version recovered(Object[] row, long commitTs) {
        return new Version(row, null, commitTs, null);
    }

    /** The commit timestamp, 0 while the writer is active, negative once it aborted. */
    long commitTs() {
        return writer == null ? recoveredTs : writer.commitTs();
    }

    /** This version, or the first older one whose writer did not abort; null if none. */
    Version live() {
        Version v = this;
        while (v != null && v.commitTs() < 0) {
            v = v.older;
        }
        return v;
    }

    /** True while this version is the row's lock held by someone other than {@code transactionId}. */
    boolean lockedAgainst(long transactionId) {
        return writer != null && writer.transactionId != transactionId && writer.active();
    }

    /** The version {@code transactionId} sees at {@code snapshot} (its row may be a deletion), or null. */
    Version visibleTo(long transactionId, long snapshot) {
        for (Version v = this; v != null; v = v.older) {
            long ts = v.commitTs();
            if (ts > 0 ? ts <= snapshot : ts == 0 && v.writer.transactionId == transactionId) {
                return v;
            }
        }
        return null;
    }

    /** The newest committed version at or below this one, or null. */
    Version latestCommitted() {
        for (Version v = this; v != null; v = v.older) {
            if (v.commitTs() > 0) {
                return v;
            }
        }
        return null;
    }
}
