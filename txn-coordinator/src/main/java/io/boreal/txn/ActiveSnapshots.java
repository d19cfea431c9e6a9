package io.boreal.txn;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The snapshots of the node's open transactions, and from them the low watermark: a timestamp
 * at or below every snapshot any open or future transaction can hold, so a version older than
 * the newest one committed at or before it is invisible to all and may be purged.
 *
 * <p>Thread-safety: sessions register and unregister from their own threads; partitions read
 * {@link #lowWatermark()}, which scans at most once per {@code refreshNs} and otherwise returns
 * the last value (a stale, lower watermark only delays purging; it never purges too much,
 * because snapshots only grow).
 */
public final class ActiveSnapshots {

    private static final long REFRESH_NS = 20_000_000L;

    private final TimestampSource timestamps;
    private final ConcurrentHashMap<Long, Long> snapshotByTransaction = new ConcurrentHashMap<>();
    private volatile long watermark = TimestampSource.RECOVERED;
    private volatile long computedAtNs = System.nanoTime();

    public ActiveSnapshots(TimestampSource timestamps) {
        this.timestamps = timestamps;
    }

    /** Takes a snapshot for {@code transactionId} and keeps it until {@link #release(long)}. */
    public long open(long transactionId) {
        // Register a lower bound first so the scan never misses a snapshot being taken.
        snapshotByTransaction.put(transactionId, timestamps.snapshot());
        long snapshot = timestamps.snapshot();
        snapshotByTransaction.put(transactionId, snapshot);
        return snapshot;
    }

    public void release(long transactionId) {
        snapshotByTransaction.remove(transactionId);
    }

    public long lowWatermark() {
        long now = System.nanoTime();
        if (now - computedAtNs > REFRESH_NS) {
            long min = timestamps.snapshot();
            for (long snapshot : snapshotByTransaction.values()) {
                min = Math.min(min, snapshot);
            }
            watermark = min;
            computedAtNs = now;
        }
        return watermark;
    }
}
