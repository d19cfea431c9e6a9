package io.boreal.storage.journal.impl;

import static io.boreal.storage.journal.JournalProtocolDriver.atomic;
import static io.boreal.storage.journal.JournalProtocolDriver.repr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import com.typesafe.config.ConfigFactory;
import io.boreal.storage.journal.JournalCorruptedException;
import io.boreal.storage.journal.JournalCounters;
import io.boreal.storage.journal.JournalFiles;
import io.boreal.storage.journal.JournalMetrics;
import io.boreal.storage.journal.JournalProtocolDriver;
import io.boreal.storage.journal.JournalTestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Opening a journal directory below the actor: locking and what recovery refuses. */
class JournalDirectoryTest {

    private Path dir;
    private ActorTestKit kit;
    private JournalCounters counters;

    @BeforeEach
    void setUp() {
        dir = JournalTestConfig.newTempDir("boreal-segmented-log");
        kit = ActorTestKit.create("JournalDirectoryTest", JournalTestConfig.inmemJournal());
        counters = JournalMetrics.get(kit.system()).counters("test");
    }

    @AfterEach
    void tearDown() {
        try {
            kit.shutdownTestKit();
        } finally {
            JournalTestConfig.deleteRecursively(dir);
        }
    }

    private JournalSettings settings(long segmentSize) {
        return new JournalSettings(dir, true, segmentSize, 1 << 20, true, "unused", 0, 2, null, "");
    }

    /** Fills {@code dir} through a file journal in its own ActorSystem, then stops it. */
    private void writeSegments(int events) {
        ActorTestKit writer = ActorTestKit.create("JournalDirectoryTestWriter",
            JournalTestConfig.fileJournal(dir, ConfigFactory.parseString("segment-size = 1 KiB")));
        try {
            JournalProtocolDriver journal = new JournalProtocolDriver(writer, JournalTestConfig.FILE_PLUGIN);
            for (long i = 1; i <= events; i++) {
                journal.writeAll(List.of(atomic(repr("event-" + i, i, "p", "w"))));
            }
        } finally {
            writer.shutdownTestKit();
        }
    }

    @Test
    void aDirectoryOpensOnlyOnceAtATime() throws IOException {
        SegmentedLog first = SegmentedLog.open(settings(1 << 20), counters);
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SegmentedLog.open(settings(1 << 20), counters));
            assertTrue(e.getMessage().contains("already open"), e.getMessage());
        } finally {
            first.close();
        }
        SegmentedLog.open(settings(1 << 20), counters).close();
    }

    @Test
    void refusesACorruptRecordInANonLastSegment() throws IOException {
        writeSegments(60);
        List<Path> segments = JournalFiles.segments(dir);
        assertTrue(segments.size() >= 3, () -> "segments " + segments);
        Path second = segments.get(1);
        JournalFiles.flipByte(second, JournalFiles.size(second) / 2);

        JournalCorruptedException e = assertThrows(JournalCorruptedException.class,
            () -> SegmentedLog.open(settings(1024), counters));
        assertEquals(second, e.segment());
        assertTrue(e.offset() >= RecordDescriptor.SEGMENT_HEADER_LENGTH && e.offset() < JournalFiles.size(second));
        assertTrue(e.getMessage().contains(second.getFileName().toString()), e.getMessage());
        // the lock was released: the repaired directory opens
        JournalFiles.flipByte(second, JournalFiles.size(second) / 2);
        SegmentedLog.open(settings(1024), counters).close();
    }

    @Test
    void refusesABadHeaderInANonLastSegment() {
        writeSegments(60);
        Path first = JournalFiles.segments(dir).get(0);
        JournalFiles.flipByte(first, 9); // inside the segment id
        JournalCorruptedException e = assertThrows(JournalCorruptedException.class,
            () -> SegmentedLog.open(settings(1024), counters));
        assertEquals(first, e.segment());
        assertEquals(0, e.offset());
    }

    @Test
    void rewritesTheHeaderOfAnEmptyLastSegmentTornAtCreation() throws IOException {
        writeSegments(30);
        List<Path> segments = JournalFiles.segments(dir);
        Path last = segments.get(segments.size() - 1);
        long id = RecordDescriptor.segmentId(last.getFileName().toString());
        Path torn = dir.resolve(RecordDescriptor.segmentFileName(id + 1));
        Files.write(torn, new byte[10]); // created, header not yet on disk
        try (SegmentedLog log = SegmentedLog.open(settings(1024), counters)) {
            assertEquals(30L, log.index.get("p").highestSeqNr());
        }
        assertEquals(RecordDescriptor.SEGMENT_HEADER_LENGTH, JournalFiles.size(torn));
    }
}
