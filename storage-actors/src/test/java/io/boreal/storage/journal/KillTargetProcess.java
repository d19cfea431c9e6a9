package io.boreal.storage.journal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link JournalKillTarget} JVM and what it printed: the highest acknowledged sequence number
 * per persistenceId, the writes that failed, and the rest of its output (for failure messages).
 * Its stdout is read on a thread of its own, so the pipe never fills.
 */
final class KillTargetProcess implements AutoCloseable {

    final Map<String, Long> acked = new ConcurrentHashMap<>();
    final AtomicInteger failed = new AtomicInteger();
    final StringBuilder other = new StringBuilder();
    private final CountDownLatch enough;
    private final Process process;
    private final Thread reader;

    /** Starts the target: {@code args} as {@link JournalKillTarget}'s; {@link #awaitAcks} waits for {@code acks}. */
    KillTargetProcess(int acks, String... args) throws IOException {
        this.enough = new CountDownLatch(acks);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                JournalKillTarget.class.getName()));
        command.addAll(List.of(args));
        this.process = new ProcessBuilder(command).redirectErrorStream(true).start();
        this.reader = new Thread(this::read, "kill-target-output");
        reader.start();
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    String[] parts = line.split(" ");
                    acked.merge(parts[1], Long.parseLong(parts[2]), Math::max);
                    enough.countDown();
                } else if (line.startsWith("FAILED ")) {
                    failed.incrementAndGet();
                } else {
                    synchronized (other) {
                        if (other.length() < 20_000) {
                            other.append(line).append('\n');
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the process died
        }
    }

    /** True once the target acknowledged the writes asked for, false after the hang guard. */
    boolean awaitAcks() throws InterruptedException {
        return enough.await(120, TimeUnit.SECONDS);
    }

    boolean alive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL; returns once its output is read to the end. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the killed target did not exit");
        }
        reader.join(10_000);
    }

    String output() {
        synchronized (other) {
            return other.toString();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
