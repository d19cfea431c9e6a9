package io.boreal.storage.journal.impl;

import java.nio.file.Path;

import com.typesafe.config.Config;

/**
 * The settings of one file journal, read from its plugin config section
 * ({@code boreal.journal.file} in reference.conf, which documents each key).
 */
record JournalSettings(Path dir, boolean fsync, long segmentSize, int writeBufferSize, boolean reclaimSegments,
                       String replayDispatcher, long commitDelayNs, int commitSiblings, Path sharedDir, String node) {

    static final long MIN_SEGMENT_SIZE = 1024;
    static final long MAX_SEGMENT_SIZE = 1L << 31;
    static final int MIN_WRITE_BUFFER = 2 * RecordDescriptor.MAX_HEADER_LENGTH;

    JournalSettings {
        if (segmentSize < MIN_SEGMENT_SIZE || segmentSize > MAX_SEGMENT_SIZE) {
            throw new IllegalArgumentException("segment-size must be within [" + MIN_SEGMENT_SIZE + ", "
                + MAX_SEGMENT_SIZE + "] bytes, was " + segmentSize);
        }
        writeBufferSize = Math.max(writeBufferSize, MIN_WRITE_BUFFER);
    }

    /** True when several nodes share the directory ({@link Fences}). */
    boolean shared() {
        return sharedDir != null;
    }

    static JournalSettings fromConfig(Config config) {
        long writeBuffer = config.getBytes("write-buffer-size");
        String shared = config.getString("shared.dir");
        String node = config.getString("shared.node");
        Path sharedDir = null;
        Path dir = Path.of(config.getString("dir"));
        if (!shared.isEmpty()) {
            if (!node.matches("[A-Za-z0-9_.-]+")) {
                throw new IllegalArgumentException("shared.node must name this node with letters, digits, '_', '.' or '-'"
                    + " (its log is logs/<node> under the shared directory), not '" + node + "'");
            }
            sharedDir = Path.of(shared).toAbsolutePath().normalize();
            dir = sharedDir.resolve("logs").resolve(node);
        }
        return new JournalSettings(
            dir,
            config.getBoolean("fsync"),
            config.getBytes("segment-size"),
            (int) Math.min(writeBuffer, 1L << 30),
            // another node may still need a segment's events to copy a history it takes over
            config.getBoolean("reclaim-segments") && sharedDir == null,
            config.getString("replay-dispatcher"),
            config.getDuration("commit-delay").toNanos(),
            config.getInt("commit-siblings"),
            sharedDir, node);
    }
}
