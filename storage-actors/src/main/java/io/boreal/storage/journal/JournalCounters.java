package io.boreal.storage.journal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The write side of {@link JournalMetrics} for one journal plugin id.
 *
 * <p>Updated once per group commit (not per record), so plain atomics are cheap enough. In
 * practice a single thread writes (the journal's log writer), but nothing breaks if a restarted
 * journal's new writer overlaps the old one's last update.
 */
public final class JournalCounters {

    private final String pluginId;
    private final AtomicLong atomicWrites = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong groupCommits = new AtomicLong();
    private final AtomicLong fsyncs = new AtomicLong();
    private final AtomicLong fsyncNanos = new AtomicLong();
    private final AtomicLong deletes = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong recoveredRecords = new AtomicLong();
    private final AtomicLong recoveryNanos = new AtomicLong();
    private final AtomicLong truncatedBytes = new AtomicLong();

    JournalCounters(String pluginId) {
        this.pluginId = pluginId;
    }

    public String pluginId() {
        return pluginId;
    }

    /** One write cycle of the log made durable. */
    public void onGroupCommit(long atomicWriteCount, long recordCount, long byteCount, long deleteCount) {
        groupCommits.incrementAndGet();
        if (atomicWriteCount != 0) {
            atomicWrites.addAndGet(atomicWriteCount);
            records.addAndGet(recordCount);
        }
        if (byteCount != 0) {
            bytes.addAndGet(byteCount);
        }
        if (deleteCount != 0) {
            deletes.addAndGet(deleteCount);
        }
    }

    public void onFsync(long nanos) {
        fsyncs.incrementAndGet();
        fsyncNanos.addAndGet(nanos);
    }

    public void onRejected(long atomicWriteCount) {
        rejected.addAndGet(atomicWriteCount);
    }

    public void onRecovered(long recordCount, long nanos, long truncatedByteCount) {
        recoveredRecords.addAndGet(recordCount);
        recoveryNanos.addAndGet(nanos);
        truncatedBytes.addAndGet(truncatedByteCount);
    }

    public JournalMetrics.Snapshot snapshot() {
        return new JournalMetrics.Snapshot(atomicWrites.get(), records.get(), bytes.get(), groupCommits.get(),
            fsyncs.get(), fsyncNanos.get(), deletes.get(), rejected.get(), recoveredRecords.get(),
            recoveryNanos.get(), truncatedBytes.get());
    }
}
