package io.boreal.storage.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import akka.actor.testkit.typed.javadsl.ActorTestKit;

/**
 * Fencing on a shared journal directory with a real paused process: node a (a JVM of its own)
 * writes; it is stopped with SIGSTOP, node b takes every persistenceId over, a resumes with
 * SIGCONT. Every write a ever acknowledged is in the history b recovered, a gets no write
 * acknowledged after b took over, and a third node reads b's history, not a's late records.
 */
class SharedJournalFencingTest {

    private static final int WRITERS = 4;
    private static final int ACKS_BEFORE_PAUSE = 400;

    private Path shared;
    private KillTargetProcess a;

    @BeforeEach
    void createDir() {
        shared = JournalTestConfig.newTempDir("boreal-journal-fencing");
    }

    @AfterEach
    void cleanUp() throws IOException, InterruptedException {
        if (a != null && a.alive()) {
            signal("CONT"); // a test that failed while a was paused leaves it running again before the kill
            a.close();
        }
        JournalTestConfig.deleteRecursively(shared);
    }

    @Test
    void aPausedWriterGetsNothingAcknowledgedAfterATakeover() throws Exception {
        a = new KillTargetProcess(ACKS_BEFORE_PAUSE, shared.toString(), String.valueOf(WRITERS), "shared:a");
        Map<String, Long> acked = a.acked;
        AtomicInteger failed = a.failed;
        assertTrue(a.awaitAcks(), () -> "only " + acked + " acknowledged:\n" + a.output());
        signal("STOP");

        Map<String, Long> recovered = new HashMap<>();
        ActorTestKit b = ActorTestKit.create("SharedJournalFencingTest-b", node("b"));
        try {
            JournalProtocolDriver journal = new JournalProtocolDriver(b, JournalTestConfig.FILE_PLUGIN);
            for (int i = 0; i < WRITERS; i++) {
                String pid = "kill-" + i;
                JournalProtocolDriver.Replay replay = journal.replayAll(pid); // takes pid over
                assertEquals(LongStream.rangeClosed(1, replay.highestSeqNr()).boxed().toList(), replay.seqNrs(), pid);
                recovered.put(pid, replay.highestSeqNr());
            }
            signal("CONT");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (failed.get() < WRITERS && System.nanoTime() < deadline) {
                Thread.sleep(20); // each writer's next write (in flight at the pause, or after it) fails
            }
            assertEquals(WRITERS, failed.get(), () -> "writes of a refused after the takeover:\n" + a.output());
            for (Map.Entry<String, Long> e : acked.entrySet()) {
                assertTrue(e.getValue() <= recovered.get(e.getKey()), () -> "a acknowledged " + e + " but b recovered only "
                        + recovered.get(e.getKey()));
            }
            for (int i = 0; i < WRITERS; i++) {
                String pid = "kill-" + i;
                long next = recovered.get(pid) + 1;
                journal.writeAll(List.of(JournalProtocolDriver.atomic(
                        JournalProtocolDriver.repr("from-b-" + next, next, pid, "b"))));
            }
        } finally {
            b.shutdownTestKit();
        }
        a.kill();

        ActorTestKit c = ActorTestKit.create("SharedJournalFencingTest-c", node("c"));
        try {
            JournalProtocolDriver journal = new JournalProtocolDriver(c, JournalTestConfig.FILE_PLUGIN);
            for (int i = 0; i < WRITERS; i++) {
                String pid = "kill-" + i;
                long highest = recovered.get(pid) + 1;
                JournalProtocolDriver.Replay replay = journal.replayAll(pid);
                assertEquals(LongStream.rangeClosed(1, highest).boxed().toList(), replay.seqNrs(), pid);
                assertEquals("from-b-" + highest, replay.payloads().get((int) highest - 1), pid);
            }
        } finally {
            c.shutdownTestKit();
        }
    }

    private Config node(String name) {
        return JournalTestConfig.fileJournal(shared.resolve("unused"), ConfigFactory.parseString(
                "shared { dir = \"" + shared + "\", node = " + name + " }"));
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(a.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + signal);
    }
}
