package io.boreal.txn;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts down the partitions that still hold unstamped versions of an ended transaction; the
 * last one to stamp its versions releases the transaction's CTS slot ({@link CtsLog#release}).
 * A partition that never answers (it stopped, and its versions with it) leaves the slot taken,
 * which costs one slot, never a wrong answer.
 *
 * <p>Across nodes. It counts down in its node's memory: the slot only needs the partitions of
 * that node, whose versions are judged by it. A partition on another node judges its versions by
 * its own node's shadow of the transaction ({@link CtsLog#joined}), so when a release is
 * serialized to another node ({@link CrossNode}) it counts that partition down at once, on the
 * sending node, and the copy the other node reads counts nothing.
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

    /** A release that counts nothing: for a transaction whose slot is on another node. */
    public static SlotRelease elsewhere(long transactionId) {
        return new SlotRelease(transactionId);
    }

    /** The copy another node reads: its partition's versions do not need the slot. */
    private SlotRelease(long transactionId) {
        this.log = null;
        this.transactionId = transactionId;
        this.remaining = new AtomicInteger(1);
    }

    /** One partition has stamped its versions of the transaction. */
    public void done() {
        if (remaining.decrementAndGet() == 0 && log != null) {
            log.release(transactionId);
        }
    }

    /** Partitions of this node still to stamp their versions (the copy on another node: 1, counting nothing). */
    public int remaining() {
        return remaining.get();
    }

    /**
     * Kryo's form of a release sent to a partition on another node: writing it counts that
     * partition down here (its versions are not judged by this node's slot); what is read is a
     * release that counts nothing.
     */
    public static final class CrossNode extends com.esotericsoftware.kryo.Serializer<SlotRelease> {
        @Override
        public void write(com.esotericsoftware.kryo.Kryo kryo, com.esotericsoftware.kryo.io.Output output,
                          SlotRelease release) {
            if (release.log != null) {
                release.done();
            }
            output.writeLong(release.transactionId);
        }

        @Override
        public SlotRelease read(com.esotericsoftware.kryo.Kryo kryo, com.esotericsoftware.kryo.io.Input input,
                                Class<? extends SlotRelease> type) {
            return new SlotRelease(input.readLong());
        }
    }
}
