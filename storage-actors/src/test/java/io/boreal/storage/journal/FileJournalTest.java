package io.boreal.storage.journal;

import static io.boreal.storage.journal.JournalProtocolDriver.atomic;
import static io.boreal.storage.journal.JournalProtocolDriver.repr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import akka.Done;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.Adapter;
import akka.persistence.AtomicWrite;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What only the file journal has: restarts, torn tails, corruption, segments, reclamation, metrics. */
class FileJournalTest {

    private static final String PLUGIN = JournalTestConfig.FILE_PLUGIN;
    private static final String UUID_1 = "writer-1";

    private Path dir;
    private ActorTestKit kit;
    private JournalProtocolDriver journal;
    private int systems;
    private String overrides = "";

    @BeforeEach
    void createDir() {
        dir = JournalTestConfig.newTempDir("boreal-journal-file");
    }

    @AfterEach
    void cleanUp() {
        try {
            stop();
        } finally {
            JournalTestConfig.deleteRecursively(dir);
        }
    }

    private void start(String journalOverrides) {
        overrides = journalOverrides;
        Config config = JournalTestConfig.fileJournal(dir, ConfigFactory.parseString(journalOverrides));
        kit = ActorTestKit.create("FileJournalTest-" + (++systems), config);
        journal = new JournalProtocolDriver(kit, PLUGIN);
    }

    /** Starts and waits until the journal has recovered (the plugin actor starts on first use). */
    private void startAndRecover(String journalOverrides) {
        start(journalOverrides);
        journal.replayAll("warm-up");
    }

    private void start() {
        startAndRecover("");
    }

    /** A new ActorSystem on the same directory and settings. */
    private void restart() {
        stop();
        startAndRecover(overrides);
    }

    private void stop() {
        if (kit != null) {
            kit.shutdownTestKit();
            kit = null;
        }
    }

    private void writeSingles(String pid, long from, long to) {
        List<AtomicWrite> writes = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            writes.add(atomic(repr("a-" + i, i, pid, UUID_1)));
        }
        journal.writeAll(writes);
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    private JournalMetrics.Snapshot metrics() {
        return JournalMetrics.get(kit.system()).snapshot(PLUGIN);
    }

    @Test
    void recoversWritesDeletesAndEntitiesAfterARestart() {
        start();
        journal.writeTckStyle(1, 5, "a", UUID_1);
        journal.writeAll(List.of(atomic(repr("b-1", 1, "b", UUID_1), repr("b-2", 2, "b", UUID_1),
            repr(new TestEvent("b", 3), 3, "b", UUID_1))));
        journal.delete("a", 2);
        TestProbe<Done> done = kit.createTestProbe(Done.class);
        ActorRef<EventLogEntity.Command> entity = kit.spawn(EventLogEntity.create("entity", PLUGIN));
        entity.tell(new EventLogEntity.Append(List.of("x", "y"), done.ref()));
        done.expectMessage(JournalProtocolDriver.TIMEOUT, Done.getInstance());

        restart();
        assertTrue(metrics().recoveredRecords() >= 11, () -> "recovered " + metrics());
        JournalProtocolDriver.Replay a = journal.replayAll("a");
        assertEquals(range(3, 5), a.seqNrs());
        assertEquals(5L, a.highestSeqNr());
        assertEquals(List.of("b-1", "b-2", new TestEvent("b", 3)), journal.replayAll("b").payloads());
        TestProbe<List<Object>> state = kit.createTestProbe();
        kit.spawn(EventLogEntity.create("entity", PLUGIN)).tell(new EventLogEntity.GetEvents(state.ref()));
        assertEquals(List.of("x", "y"), state.receiveMessage(JournalProtocolDriver.TIMEOUT));

        writeSingles("a", 6, 6);
        restart();
        assertEquals(range(3, 6), journal.replayAll("a").seqNrs());
    }

    @ParameterizedTest(name = "torn by {0}")
    @ValueSource(strings = {"truncate", "flip"})
    void dropsATornTailAndAppendsAfterIt(String damage) {
        start();
        writeSingles("p", 1, 5);
        stop();
        Path last = JournalFiles.lastSegment(dir);
        long sizeBefore = JournalFiles.size(last);
        if (damage.equals("truncate")) {
            JournalFiles.truncateBy(last, 3);
        } else {
            JournalFiles.flipByte(last, sizeBefore - 5);
        }

        start();
        JournalProtocolDriver.Replay replay = journal.replayAll("p");
        assertEquals(range(1, 4), replay.seqNrs());
        assertEquals(4L, replay.highestSeqNr());
        assertTrue(metrics().truncatedBytes() > 0);
        assertTrue(JournalFiles.size(last) < sizeBefore);

        journal.writeAll(List.of(atomic(repr("new-5", 5, "p", UUID_1))));
        restart();
        replay = journal.replayAll("p");
        assertEquals(List.of("a-1", "a-2", "a-3", "a-4", "new-5"), replay.payloads());
        assertEquals(0L, metrics().truncatedBytes());
    }

    @ParameterizedTest(name = "damaged {0} bytes before the end")
    @ValueSource(ints = {3, 90, 170})
    void dropsATornAtomicWriteWhole(int bytesFromEnd) {
        start();
        writeSingles("p", 1, 2);
        // three 60-byte records in one AtomicWrite: 3, 90 and 170 bytes from the end hit its 3rd, 2nd, 1st
        journal.writeAll(List.of(atomic(repr("a-3", 3, "p", UUID_1), repr("a-4", 4, "p", UUID_1),
            repr("a-5", 5, "p", UUID_1))));
        stop();
        Path last = JournalFiles.lastSegment(dir);
        JournalFiles.flipByte(last, JournalFiles.size(last) - bytesFromEnd);

        start();
        JournalProtocolDriver.Replay replay = journal.replayAll("p");
        assertEquals(range(1, 2), replay.seqNrs());
        assertEquals(2L, replay.highestSeqNr());
        writeSingles("p", 3, 3);
        assertEquals(range(1, 3), journal.replayAll("p").seqNrs());
    }

    @Test
    void refusesToStartOnCorruptionInANonLastSegment() {
        startAndRecover("segment-size = 1 KiB");
        for (int i = 0; i < 10; i++) {
            writeSingles("p", i * 10 + 1, i * 10 + 10);
        }
        stop();
        List<Path> segments = JournalFiles.segments(dir);
        assertTrue(segments.size() >= 3, () -> "segments " + segments);
        Path first = segments.get(0);
        long size = JournalFiles.size(first);
        JournalFiles.flipByte(first, size / 2);

        start("segment-size = 1 KiB");
        TestProbe<Object> watcher = kit.createTestProbe();
        watcher.expectTerminated(Adapter.toTyped(journal.journal()), JournalProtocolDriver.TIMEOUT);
        stop();
        assertEquals(size, JournalFiles.size(first)); // nothing was cut off
        assertEquals(segments, JournalFiles.segments(dir));
    }

    @Test
    void rollsOverSegmentsAndReadsAcrossThem() {
        startAndRecover("segment-size = 1 KiB");
        String[] pids = {"p0", "p1", "p2", "p3"};
        for (long seq = 1; seq <= 50; seq++) {
            List<AtomicWrite> writes = new ArrayList<>();
            for (String pid : pids) {
                writes.add(atomic(repr(pid + "-" + seq, seq, pid, UUID_1)));
            }
            journal.writeAll(writes);
        }
        byte[] big = new byte[10_000]; // one AtomicWrite larger than a segment gets a segment of its own
        journal.writeAll(List.of(atomic(repr(big, 51, "p0", UUID_1), repr("after-big", 52, "p0", UUID_1))));
        List<Path> segments = JournalFiles.segments(dir);
        assertTrue(segments.size() > 5, () -> "segments " + segments);
        for (Path segment : segments) {
            assertTrue(JournalFiles.size(segment) <= 1024 || JournalFiles.size(segment) > 10_000, segment::toString);
        }
        for (int round = 0; round < 2; round++) {
            for (String pid : pids) {
                long highest = pid.equals("p0") ? 52 : 50;
                JournalProtocolDriver.Replay replay = journal.replayAll(pid);
                assertEquals(range(1, highest), replay.seqNrs());
                assertEquals(pid + "-17", replay.payloads().get(16));
            }
            stop();
            startAndRecover("segment-size = 1 KiB");
        }
    }

    @Test
    void reclaimsSegmentsWhoseEventsAreAllDeleted() {
        startAndRecover("segment-size = 1 KiB");
        writeSingles("keeper", 1, 1);
        for (int i = 0; i < 10; i++) {
            writeSingles("p", i * 10 + 1, i * 10 + 10);
        }
        List<Path> before = JournalFiles.segments(dir);
        assertTrue(before.size() >= 3, () -> "segments " + before);

        journal.delete("p", 100);
        List<Path> after = JournalFiles.segments(dir);
        assertTrue(after.size() < before.size(), () -> before + " -> " + after);
        assertTrue(after.contains(before.get(0)), "the segment holding keeper's event stays");

        restart();
        JournalProtocolDriver.Replay p = journal.replayAll("p");
        assertEquals(List.of(), p.events());
        assertEquals(100L, p.highestSeqNr());
        assertEquals(List.of("a-1"), journal.replayAll("keeper").payloads());

        writeSingles("p", 101, 140);
        journal.delete("keeper", 1);
        assertTrue(!JournalFiles.segments(dir).contains(before.get(0)), "keeper's segment reclaimed");

        restart();
        assertEquals(range(101, 140), journal.replayAll("p").seqNrs());
        JournalProtocolDriver.Replay keeper = journal.replayAll("keeper");
        assertEquals(List.of(), keeper.events());
        assertEquals(1L, keeper.highestSeqNr());
    }

    @Test
    void countsAtomicWritesRecordsBytesAndFsyncs() {
        start();
        JournalMetrics.Snapshot before = metrics();
        journal.writeAll(List.of(atomic(repr("1", 1, "m", UUID_1)),
            atomic(repr("2", 2, "m", UUID_1), repr("3", 3, "m", UUID_1)),
            atomic(repr("4", 4, "m", UUID_1))));
        journal.delete("m", 2);
        JournalMetrics.Snapshot delta = metrics().minus(before);
        assertEquals(3, delta.atomicWrites());
        assertEquals(4, delta.records());
        assertEquals(1, delta.deletes());
        assertTrue(delta.bytes() > 4 * 48, () -> "bytes " + delta);
        assertTrue(delta.fsyncs() >= 1 && delta.fsyncs() <= 2, () -> "fsyncs " + delta);
        assertTrue(delta.groupCommits() >= 1 && delta.groupCommits() <= 2, () -> "group commits " + delta);
        assertEquals(delta, JournalMetrics.get(Adapter.toClassic(kit.system())).snapshot().minus(before));
    }

    @Test
    void skipsFsyncWhenFsyncIsOff() {
        startAndRecover("fsync = off");
        JournalMetrics.Snapshot before = metrics();
        writeSingles("p", 1, 10);
        JournalMetrics.Snapshot delta = metrics().minus(before);
        assertEquals(10, delta.atomicWrites());
        assertEquals(0, delta.fsyncs());
        restart();
        assertEquals(range(1, 10), journal.replayAll("p").seqNrs());
    }
}
