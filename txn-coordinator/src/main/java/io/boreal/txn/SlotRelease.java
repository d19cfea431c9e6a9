package io.boreal.txn;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts down the partitions that still hold unstamped versions of an ended transaction; the
 * last one to stamp its versions releases the transaction's CTS slot ({@link CtsLog#release}).
 * A partition that never answers (it stopped, and its versions with it) leaves the slot taken,
 * which costs one slot, never a wrong answer.
 *
 * <p>Thread-safety: {@link #done} may be called from any thread, once per partition.
 */
public final class SlotRelease {

    private final CtsLog log;
    private final long transactionId;
    private final AtomicInteger remaining;

    public SlotRelease(CtsLog log, long transactionId, int partitions) {
        this.log = log;
        this.transactionId = transactionId;
        this.remaining = new AtomicInteger(partitions);
        if (partitions == 0) {
            log.release(transactionId);
        }
    }

    /** One partition has stamped its versions of the transaction. */
    public void done() {
        if (remaining.decrementAndGet() == 0) {
            log.release(transactionId);
        }
    }
}
