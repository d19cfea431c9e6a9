package io.boreal.storage.journal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import com.typesafe.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * kill -9 of a process writing through a journal (as {@link FileJournalKillTest}), for the journals
 * compared by {@link JournalComparisonBench}: counts the acknowledged events missing after the
 * restart instead of asserting there are none. Not a test; runs only when asked:
 *
 * <pre>
 * mvn -B -q -pl storage-actors test -Dtest=JdbcH2KillBench -Dboreal.bench=true \
 *     [-Dboreal.bench.journals=jdbc-h2,jdbc-h2-wd0,file] [-Dboreal.bench.runs=3] [-Dboreal.bench.kill-acks=5000]
 * </pre>
 */
@EnabledIfSystemProperty(named = "boreal.bench", matches = "true")
class JdbcH2KillBench {

    private static final int WRITERS = 16;
    private static final int ACKS_BEFORE_KILL = Integer.getInteger("boreal.bench.kill-acks", 5_000);
    private static final int RUNS = Integer.getInteger("boreal.bench.runs", 3);
    private static final List<String> JOURNALS =
        Arrays.asList(System.getProperty("boreal.bench.journals", "jdbc-h2,jdbc-h2-wd0,file").split(","));

    @Test
    void run() throws Exception {
        main(new String[0]);
    }

    public static void main(String[] args) throws Exception {
        System.out.printf(Locale.ROOT, "%d writers, one write in flight each, SIGKILL after %d acks seen%n", WRITERS,
            ACKS_BEFORE_KILL);
        System.out.printf(Locale.ROOT, "%-12s %4s %10s %12s %13s %13s %5s %s%n", "journal", "run", "acks seen",
            "acking ms", "acked & lost", "~lost ms", "gaps", "pids losing acked events");
        for (String journal : JOURNALS) {
            for (int run = 1; run <= RUNS; run++) {
                killOnce(journal, run);
            }
        }
    }

    private static void killOnce(String journal, int run) throws Exception {
        Path dir = JournalTestConfig.newTempDir("boreal-journal-kill-bench");
        Process process = null;
        try {
            Map<String, Long> acked = new ConcurrentHashMap<>();
            java.util.concurrent.atomic.AtomicLong firstAckNanos = new java.util.concurrent.atomic.AtomicLong();
            CountDownLatch enough = new CountDownLatch(ACKS_BEFORE_KILL);
            StringBuilder otherOutput = new StringBuilder();
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), JournalKillTarget.class.getName(), dir.toString(),
                String.valueOf(WRITERS), journal)
                .redirectErrorStream(true)
                .start();
            Process p = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        if (line.startsWith("ACK ")) {
                            firstAckNanos.compareAndSet(0, System.nanoTime());
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
            double ackingMs = (System.nanoTime() - firstAckNanos.get()) / 1e6;
            process.waitFor(30, TimeUnit.SECONDS);
            reader.join(10_000);
            if (!reached) {
                System.out.println(journal + " run " + run + ": only " + acked + " acknowledged; output:\n" + otherOutput);
                return;
            }
            Config config = switch (journal) {
                case "file" -> JournalTestConfig.fileJournal(dir);
                case "jdbc-h2" -> JournalTestConfig.jdbcH2Journal(dir);
                default -> JournalTestConfig.jdbcH2Journal(dir, ";WRITE_DELAY=0");
            };
            String pluginId = journal.equals("file") ? JournalTestConfig.FILE_PLUGIN : JournalTestConfig.JDBC_PLUGIN;
            ActorTestKit kit = ActorTestKit.create("JdbcH2KillBench", config);
            try {
                JournalProtocolDriver driver = new JournalProtocolDriver(kit, pluginId);
                long seen = 0;
                long lost = 0;
                int gaps = 0;
                StringBuilder losing = new StringBuilder();
                for (Map.Entry<String, Long> e : acked.entrySet()) {
                    JournalProtocolDriver.Replay replay = driver.replayAll(e.getKey());
                    long highest = replay.highestSeqNr();
                    seen += e.getValue();
                    if (highest < e.getValue()) {
                        lost += e.getValue() - highest;
                        losing.append(e.getKey()).append(':').append(e.getValue()).append("->").append(highest)
                            .append(' ');
                    }
                    if (!replay.seqNrs().equals(LongStream.rangeClosed(1, highest).boxed().toList())) {
                        gaps++;
                    }
                }
                System.out.printf(Locale.ROOT, "%-12s %4d %10d %12.0f %13d %13.0f %5d %s%n", journal, run, seen, ackingMs,
                    lost, lost * ackingMs / seen, gaps,
                    losing.length() > 160 ? losing.substring(0, 160) + "..." : losing);
            } finally {
                kit.shutdownTestKit();
            }
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            JournalTestConfig.deleteRecursively(dir);
        }
    }
}
