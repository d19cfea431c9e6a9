package io.boreal.storage.impl;

/**
 * One version of a row in its chain, newest first. A version is uncommitted while
 * {@code commitTs == 0}; then it is also the row's lock, held by {@code transactionId}.
 *
 * <p>Invariant: only the head of a chain may be uncommitted, and commit timestamps decrease
 * along the chain. Mutated only by the partition actor that owns the chain.
 */
final class Version {
    /** The row's values, or null for a deletion. */
    Object[] row;
    final long transactionId;
    long commitTs;
    Version older;

    Version(Object[] row, long transactionId, long commitTs, Version older) {
        this.row = row;
        this.transactionId = transactionId;
        this.commitTs = commitTs;
        this.older = older;
    }

    boolean committed() {
        return commitTs != 0;
    }

    /** The row as seen by {@code transactionId} at {@code snapshot}, or null (absent or deleted). */
    Object[] visibleTo(long transactionId, long snapshot) {
        for (Version v = this; v != null; v = v.older) {
            if (v.committed() ? v.commitTs <= snapshot : v.transactionId == transactionId) {
                return v.row;
            }
        }
        return null;
    }

    /** The newest committed version, or null. */
    Version latestCommitted() {
        return committed() ? this : older;
    }
}
