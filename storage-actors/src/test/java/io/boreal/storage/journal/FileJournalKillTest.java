package io.boreal.storage.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
    private Process process;

    @BeforeEach
    void createDir() {
        dir = JournalTestConfig.newTempDir("boreal-journal-kill");
    }

    @AfterEach
    void cleanUp() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        JournalTestConfig.deleteRecursively(dir);
    }

    @Test
    void keepsEveryAcknowledgedWriteAcrossKill9() throws Exception {
        Map<String, Long> acked = new ConcurrentHashMap<>();
        CountDownLatch enough = new CountDownLatch(ACKS_BEFORE_KILL);
        StringBuilder otherOutput = new StringBuilder();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-cp", System.getProperty("java.class.path"), JournalKillTarget.class.getName(), dir.toString(),
            String.valueOf(WRITERS))
            .redirectErrorStream(true)
            .start();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("ACK ")) {
                        String[] parts = line.split(" ");
                        acked.merge(parts[1], Long.parseLong(parts[2]), Math::max);
                        enough.countDown();
                    } else if (otherOutput.length() < 20_000) {
                        otherOutput.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                // the process died
            }
        }, "kill-target-output");
        reader.start();
        boolean reached = enough.await(120, TimeUnit.SECONDS);
        process.destroyForcibly(); // SIGKILL
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        reader.join(10_000);
        assertTrue(reached, () -> "only " + acked + " acknowledged; output:\n" + otherOutput);
        assertTrue(!otherOutput.toString().contains("FAILED"), otherOutput::toString);

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
