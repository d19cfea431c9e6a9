package io.boreal.multijvm;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A node JVM forked by a test: the test's classpath, a small heap, the flags the engine needs on
 * JDK 17. Its stdout is handed line by line to the test on a thread of its own (so the pipe never
 * fills); its stderr goes to a file, quoted when something fails.
 *
 * <p>The test that starts a node ends it: {@link #kill()} (SIGKILL), {@link #awaitExit}, or
 * {@link #close()}, which kills one still running. Waits are hang guards, never assertions on
 * how fast something happened.
 */
final class ForkedNode implements AutoCloseable {

    private static final List<String> JVM_FLAGS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.base/java.util=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/java.math=ALL-UNNAMED",
            "--add-opens", "java.base/java.time=ALL-UNNAMED");
    private static final long EXIT_GUARD_SECONDS = 30;

    private final Process process;
    private final Thread reader;
    private final Path stderr;

    private ForkedNode(Process process, Thread reader, Path stderr) {
        this.process = process;
        this.reader = reader;
        this.stderr = stderr;
    }

    /**
     * Forks {@code main} with {@code args}; {@code properties} are extra JVM options
     * ({@code -Dkey=value}); {@code onLine} sees every stdout line, on the reader thread.
     */
    static ForkedNode start(Class<?> main, List<String> properties, Path stderr, Consumer<String> onLine,
                            String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(JVM_FLAGS);
        command.addAll(properties);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    onLine.accept(line);
                }
            } catch (IOException e) {
                // the stream ends when the process dies
            }
        }, main.getSimpleName() + "-stdout");
        reader.start();
        return new ForkedNode(process, reader, stderr);
    }

    /** Waits for {@code latch}; fails if the node exits first, or after {@code hangGuard}. */
    void await(CountDownLatch latch, Duration hangGuard, String what) throws InterruptedException {
        long deadline = System.nanoTime() + hangGuard.toNanos();
        while (!latch.await(100, TimeUnit.MILLISECONDS)) {
            if (!process.isAlive()) {
                reader.join(TimeUnit.SECONDS.toMillis(EXIT_GUARD_SECONDS));
                if (latch.getCount() == 0) {
                    return;
                }
                fail("the node exited with " + process.exitValue() + " before " + what + "\n" + stderrTail());
            }
            if (System.nanoTime() > deadline) {
                fail("no " + what + " within the hang guard of " + hangGuard + "\n" + stderrTail());
            }
        }
    }

    /** SIGKILL ({@code destroyForcibly} on Unix): no shutdown hook, no flush. Returns once stdout is drained. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertTrue(process.waitFor(EXIT_GUARD_SECONDS, TimeUnit.SECONDS), "the killed node did not exit");
        reader.join(TimeUnit.SECONDS.toMillis(EXIT_GUARD_SECONDS));
    }

    /** The exit code of a node that ends by itself; killed and failed after {@code hangGuard}. */
    int awaitExit(Duration hangGuard) throws InterruptedException {
        if (!process.waitFor(hangGuard.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
            fail("the node did not exit within the hang guard of " + hangGuard + "\n" + stderrTail());
        }
        reader.join(TimeUnit.SECONDS.toMillis(EXIT_GUARD_SECONDS));
        return process.exitValue();
    }

    /** The end of the node's stderr, for failure messages. */
    String stderrTail() {
        try {
            String text = Files.readString(stderr, StandardCharsets.UTF_8);
            return "--- node stderr (" + stderr + ") ---\n" + text.substring(Math.max(0, text.length() - 4_000));
        } catch (IOException e) {
            return "(stderr unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
