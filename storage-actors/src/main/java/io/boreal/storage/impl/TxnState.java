package io.boreal.storage.impl;

/**
 * A writing transaction's outcome as its versions see it: every {@link Version} it writes in a
 * partition points here, so committing or aborting it is one volatile write that every version
 * observes at once — no message to the leaves that hold them.
 *
 * <p>States: active ({@code 0}), committing (the commit timestamp is being taken), committed
 * (the timestamp, {@code > 0}) or aborted. A reader that meets a committing writer waits the few
 * instructions until its timestamp is set: otherwise a snapshot taken right after the timestamp
 * was issued could miss the version once and see it later.
 *
 * <p>Thread-safety: written only by the partition actor that owns the transaction's writes
 * there; read from any page actor or reader.
 */
final class TxnState {

    private static final long ACTIVE = 0;
    private static final long COMMITTING = -1;
    private static final long ABORTED = -2;

    final long transactionId;
    private volatile long commitTs = ACTIVE;
    /** Statements of this transaction undone after a refusal: a lock met before one may be gone. */
    private volatile int undone;

    TxnState(long transactionId) {
        this.transactionId = transactionId;
    }

    /**
     * The commit timestamp, 0 while active, or a negative number once aborted. Waits out a
     * commit in progress.
     */
    long commitTs() {
        long ts = commitTs;
        while (ts == COMMITTING) {
            Thread.onSpinWait();
            ts = commitTs;
        }
        return ts;
    }

    boolean active() {
        return commitTs() == ACTIVE;
    }

    boolean aborted() {
        return commitTs() == ABORTED;
    }

    int undone() {
        return undone;
    }

    /** A statement put back what it had installed (the partition actor only). */
    void statementUndone() {
        undone = undone + 1;
    }

    /** Marks the commit as started; the caller takes a timestamp and calls {@link #committed}. */
    void committing() {
        commitTs = COMMITTING;
    }

    void committed(long ts) {
        if (ts <= 0) {
            throw new IllegalArgumentException("commit timestamps are positive: " + ts);
        }
        commitTs = ts;
    }

    void abort() {
        commitTs = ABORTED;
    }

    @Override
    public String toString() {
        return "T" + transactionId;
    }
}
