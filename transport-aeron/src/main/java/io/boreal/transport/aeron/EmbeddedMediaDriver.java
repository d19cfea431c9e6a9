package io.boreal.transport.aeron;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.agrona.CloseHelper;
import org.agrona.IoUtil;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import io.aeron.Aeron;
import io.aeron.CommonContext;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.SendChannelEndpointSupplier;
import io.aeron.driver.ThreadingMode;

/**
 * A node's Aeron: a media driver embedded in the node's JVM (its directory under the node's data
 * directory, cleaned on start and on close), or an external driver the node only attaches to;
 * and the one {@link Aeron} client the node's agents share.
 *
 * <p>Sized for a 2-core host shared with the engine: one shared driver thread that backs off to
 * a park when idle (three busy-spinning agents starve Aeron's client conductor there), 64 KiB
 * terms (the timestamp messages are 24 bytes) in sparse files.
 *
 * <p>On JDK 17 the driver needs {@code --add-opens java.base/sun.nio.ch=ALL-UNNAMED}; the
 * launcher and the test JVMs pass it.
 *
 * <p>Thread-safety: {@link #aeron()} is thread-safe, as Aeron's client is; {@link #close} once.
 */
public final class EmbeddedMediaDriver implements AutoCloseable {

    private static final int TERM_LENGTH = 64 * 1024;
    private static final long DRIVER_TIMEOUT_MS = 10_000;
    private static final long STALE_AFTER_MS = 60_000;

    private final MediaDriver driver;
    private final Aeron aeron;
    private final String directory;

    private EmbeddedMediaDriver(MediaDriver driver, Aeron aeron, String directory) {
        this.driver = driver;
        this.aeron = aeron;
        this.directory = directory;
    }

    /** Starts a driver in {@code directory}, idling by {@link #backoff()}, and connects a client to it. */
    public static EmbeddedMediaDriver launch(Path directory) {
        return launch(directory, backoff(), null);
    }

    /**
     * Spins briefly, yields, then parks up to 1 ms: nearly free when idle, on a host whose cores
     * the engine needs; each UDP hop through a parked driver costs a wake-up.
     */
    public static IdleStrategy backoff() {
        return new BackoffIdleStrategy(100, 10, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(1));
    }

    /**
     * As {@link #launch(Path)}, the driver's thread idling by {@code idle}, sending UDP through
     * {@code sendEndpoints} when not null (tests use Aeron's debug endpoint to drop datagrams).
     */
    public static EmbeddedMediaDriver launch(Path directory, IdleStrategy idle, SendChannelEndpointSupplier sendEndpoints) {
        return launch(directory, idle, sendEndpoints, false);
    }

    /**
     * A driver with no thread of its own: its duty cycle runs inside another agent's, through
     * {@link #dutyCycle()} (one thread then does the driver's work and, say, the oracle's, a hop and
     * a thread fewer on a round trip). Until some agent runs it, the driver does nothing.
     */
    public static EmbeddedMediaDriver launchInvoked(Path directory) {
        return launch(directory, backoff(), null, true);
    }

    private static EmbeddedMediaDriver launch(Path directory, IdleStrategy idle, SendChannelEndpointSupplier sendEndpoints,
                                              boolean invoked) {
        MediaDriver.Context context = new MediaDriver.Context()
                .aeronDirectoryName(directory.toAbsolutePath().toString())
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true)
                .threadingMode(invoked ? ThreadingMode.INVOKER : ThreadingMode.SHARED)
                .sharedIdleStrategy(idle)
                .termBufferSparseFile(true)
                .publicationTermBufferLength(TERM_LENGTH)
                .ipcTermBufferLength(TERM_LENGTH)
                .spiesSimulateConnection(false);
        if (sendEndpoints != null) {
            context.sendChannelEndpointSupplier(sendEndpoints);
        }
        MediaDriver driver = MediaDriver.launch(context);
        try {
            Aeron.Context client = new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName());
            if (invoked) {
                client.driverAgentInvoker(driver.sharedAgentInvoker()); // the client runs it while it awaits the driver
            }
            return new EmbeddedMediaDriver(driver, Aeron.connect(client), driver.aeronDirectoryName());
        } catch (RuntimeException e) {
            CloseHelper.quietClose(driver);
            throw e;
        }
    }

    /**
     * A fresh directory for a driver under {@code parent}, after removing every directory there
     * that no live driver owns (no heartbeat in {@code cnc.dat} for 10 s) and that is older than a
     * minute: those a killed JVM left behind. A driver's own directory is deleted when it closes.
     */
    public static Path freshDirectory(Path parent) throws IOException {
        Files.createDirectories(parent);
        long cutoff = System.currentTimeMillis() - STALE_AFTER_MS;
        try (DirectoryStream<Path> children = Files.newDirectoryStream(parent)) {
            for (Path child : children) {
                File dir = child.toFile();
                if (dir.isDirectory() && dir.lastModified() < cutoff && !active(dir)) {
                    IoUtil.delete(dir, true);
                }
            }
        }
        return Files.createTempDirectory(parent, "driver-");
    }

    /** True when a driver that beat in the last 10 s owns {@code dir}; an unreadable cnc.dat is no driver's. */
    private static boolean active(File dir) {
        try {
            return CommonContext.isDriverActive(dir, DRIVER_TIMEOUT_MS, message -> { });
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Attaches to a media driver that runs outside this JVM, in {@code aeronDirectory}. */
    public static EmbeddedMediaDriver attach(String aeronDirectory) {
        return new EmbeddedMediaDriver(null, connect(aeronDirectory), aeronDirectory);
    }

    private static Aeron connect(String aeronDirectory) {
        return Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDirectory));
    }

    /**
     * The driver's duty cycle as an agent, to run inside another agent's ({@link #launchInvoked});
     * null for a driver with a thread of its own or outside this JVM.
     */
    public Agent dutyCycle() {
        if (driver == null || driver.sharedAgentInvoker() == null) {
            return null;
        }
        AgentInvoker invoker = driver.sharedAgentInvoker();
        return new Agent() {
            @Override
            public int doWork() {
                return invoker.invoke();
            }

            @Override
            public String roleName() {
                return "aeron-driver";
            }
        };
    }

    public Aeron aeron() {
        return aeron;
    }

    /** The driver's directory: a second process on this host attaches to it for IPC. */
    public String directory() {
        return directory;
    }

    /** True when the driver runs in this JVM. */
    public boolean embedded() {
        return driver != null;
    }

    @Override
    public void close() {
        CloseHelper.quietCloseAll(aeron, driver);
    }
}
