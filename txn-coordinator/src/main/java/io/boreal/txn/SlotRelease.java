package io.boreal.txn;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts down the partitions that still hold unstamped versions of an ended transaction; the
 * last one to stamp its versions releases the transaction's CTS slot ({@link CtsLog#release}).
 * A partition that never answers (it stopped, and its versions with it) leaves the slot taken,
 * which costs one slot, never a wrong answer.
 *
 * <p>It counts down in this node's memory, so it never crosses nodes ({@link NodeLocal} refuses
 * to serialize it, naming the transaction). A participant on another node will need a slot of its
 * own for the transaction on its node; until then, the partitions a two-phase commit releases
 * through this count are on the coordinator's node.
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

    /** Kryo's answer to a SlotRelease sent to another node: a clear refusal, never a copy. */
    public static final class NodeLocal extends com.esotericsoftware.kryo.Serializer<SlotRelease> {
        @Override
        public void write(com.esotericsoftware.kryo.Kryo kryo, com.esotericsoftware.kryo.io.Output output,
                          SlotRelease release) {
            throw new com.esotericsoftware.kryo.KryoException("the slot release of transaction "
                    + release.transactionId + " counts down in its node's memory and cannot cross nodes");
        }

        @Override
        public SlotRelease read(com.esotericsoftware.kryo.Kryo kryo, com.esotericsoftware.kryo.io.Input input,
                                Class<? extends SlotRelease> type) {
            throw new com.esotericsoftware.kryo.KryoException("a slot release cannot be read from another node");
        }
    }
}
