package io.boreal.storage.impl;

import io.boreal.storage.TxnView;
import io.boreal.txn.CtsLog;

/**
 * One version of a row in its chain, newest first, as the primary index's leaf holds it.
 *
 * <p>A version names its writer by transaction id; its outcome is the writer's state in the
 * node's {@link CtsLog}, copied into the version's stamp the first time someone finds it final
 * (lazy stamping), or by the partition when the writer ends. A recovered version is committed
 * from birth. While its writer is open the version is the row's lock. An aborted version is as
 * if absent: readers skip it, the next write of the key drops it.
 *
 * <p>Invariants: only the head may belong to an open or committing writer; committed
 * timestamps decrease along the chain; a stamp, once set, never changes. The row and writer
 * never change once the version is published, so any thread may read a chain it received;
 * only {@link #older} changes, when the leaf cuts off versions no snapshot at or above the low
 * watermark can see — which no reader holding such a snapshot would have visited.
 */
final class Version {
    /** The row's values, or null for a deletion. */
    final Object[] row;
    /** The writer's transaction id; 0 for a recovered version. */
    final long writer;
    private final CtsLog log;
    /** The writer's CSN ({@code > 0}) or {@link CtsLog#ABORTED} once known; 0 before. */
    private volatile long stamp;
    volatile Version older;

    private Version(Object[] row, long writer, CtsLog log, long stamp, Version older) {
        this.row = row;
        this.writer = writer;
        this.log = log;
        this.stamp = stamp;
        this.older = older;
    }

    static Version written(Object[] row, long writer, CtsLog log, Version older) {
        return new Version(row, writer, log, 0, older);
    }

    static Version recovered(Object[] row, long commitTs) {
        return new Version(row, 0, null, commitTs, null);
    }

    /**
     * The commit timestamp; 0 while the writer is open (active or prepared); negative once it
     * aborted. A writer whose slot was reused committed before every open snapshot.
     */
    long commitTs() {
        long s = stamp;
        if (s != 0) {
            return s;
        }
        long state = log.status(writer);
        if (state > 0 || state == CtsLog.ABORTED) {
            stamp = state;
            return state;
        }
        if (state == CtsLog.FORGOTTEN) {
            s = stamp; // stamped before its slot was released, or committed below the low watermark
            return s != 0 ? s : io.boreal.txn.TimestampSource.RECOVERED;
        }
        return 0;
    }

    /** The writer ended (the partition that holds this version learnt so): record its outcome. */
    void stamp(long outcome) {
        stamp = outcome;
    }

    boolean by(long transactionId) {
        return writer == transactionId && log != null;
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
        return log != null && writer != transactionId && commitTs() == 0;
    }

    /** The version {@code view} sees (its row may be a deletion), or null. */
    Version visibleTo(TxnView view) {
        long me = view.transactionId();
        for (Version v = this; v != null; v = v.older) {
            long ts = v.commitTs();
            if (ts > 0 ? view.sees(v.writer, ts) : ts == 0 && v.by(me)) {
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
