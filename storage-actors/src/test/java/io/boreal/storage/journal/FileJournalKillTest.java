package io.boreal.storage.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.LongStream;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of a process while it writes: after the restart every acknowledged write is there,
 * and each persistenceId's events are gap-free (H2's TestKillProcessWhileWriting, for the journal).
 */
class FileJournalKillTest {

    private static final int WRITERS = 16;
    private static final int ACKS_BEFORE_KILL = 2_000;

    private Path dir;
    private KillTargetProcess process;

    @BeforeEach
    void createDir() {
        dir = JournalTestConfig.newTempDir("boreal-journal-kill");
    }

    @AfterEach
    void cleanUp() throws InterruptedException {
        if (process != null) {
            process.close();
        }
        JournalTestConfig.deleteRecursively(dir);
    }

    @Test
    void keepsEveryAcknowledgedWriteAcrossKill9() throws Exception {
        process = new KillTargetProcess(ACKS_BEFORE_KILL, dir.toString(), String.valueOf(WRITERS));
        Map<String, Long> acked = process.acked;
        boolean reached = process.awaitAcks();
        process.kill(); // SIGKILL
        String otherOutput = process.output();
        assertTrue(reached, () -> "only " + acked + " acknowledged; output:\n" + otherOutput);
        assertEquals(0, process.failed.get(), otherOutput);

        ActorTestKit kit = ActorTestKit.create("FileJournalKillTest", JournalTestConfig.fileJournal(dir));
        try {
            JournalProtocolDriver journal = new JournalProtocolDriver(kit, JournalTestConfig.FILE_PLUGIN);
            for (Map.Entry<String, Long> e : acked.entrySet()) {
                JournalProtocolDriver.Replay replay = journal.replayAll(e.getKey());
                long highest = replay.highestSeqNr();
                assertTrue(highest >= e.getValue(), () -> e + " acknowledged, highest after restart " + highest);
                assertEquals(LongStream.rangeClosed(1, highest).boxed().toList(), replay.seqNrs(), e.getKey());
                assertEquals("event-" + highest, replay.payloads().get((int) highest - 1));
            }
            assertEquals(WRITERS, acked.size(), () -> "writers that got acks: " + acked.keySet());
        } finally {
            kit.shutdownTestKit();
        }
    }
}
