package io.boreal.storage.journal.impl;

import java.nio.file.Path;

import com.typesafe.config.Config;

/**
 * The settings of one file journal, read from its plugin config section
 * ({@code boreal.journal.file} in reference.conf, which documents each key).
 */
record JournalSettings(Path dir, boolean fsync, long segmentSize, int writeBufferSize, boolean reclaimSegments,
                       String replayDispatcher, long commitDelayNs, int commitSiblings) {

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

    static JournalSettings fromConfig(Config config) {
        long writeBuffer = config.getBytes("write-buffer-size");
        return new JournalSettings(
            Path.of(config.getString("dir")),
            config.getBoolean("fsync"),
            config.getBytes("segment-size"),
            (int) Math.min(writeBuffer, 1L << 30),
            config.getBoolean("reclaim-segments"),
            config.getString("replay-dispatcher"),
            config.getDuration("commit-delay").toNanos(),
            config.getInt("commit-siblings"));
    }
}
