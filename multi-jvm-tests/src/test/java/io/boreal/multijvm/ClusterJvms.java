package io.boreal.multijvm;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import io.boreal.jdbc.server.ServerMain;

/**
 * A cluster of file-mode node JVMs for a test, on one shared journal directory under {@code dir}:
 * node {@code n} is {@code node-(n+1)}, node 0 is the seed, every port is chosen free. Each node
 * writes its stdout to {@code node-N-run.log} and its stderr to {@code node-N-run.err} in
 * {@code dir} (kept when the test fails). {@link #close()} kills every node still running.
 */
final class ClusterJvms implements AutoCloseable {

    private final Path dir;
    private final Duration hangGuard;
    private final int seedPort;
    private final List<ForkedNode> forked = new ArrayList<>();
    private final List<String> urls = new ArrayList<>();
    private final List<Integer> clusterPorts = new ArrayList<>();
    private final List<ForkedNode> latest = new ArrayList<>();

    ClusterJvms(Path dir, Duration hangGuard) throws IOException {
        this.dir = dir;
        this.hangGuard = hangGuard;
        this.seedPort = freePort();
    }

    /**
     * Forks node {@code n} ({@code run} names this start of it, for its files) and waits until
     * it serves JDBC. A restarted node gets a new cluster port.
     */
    ForkedNode start(int n, String run) throws Exception {
        String name = "node-" + (n + 1);
        int port = n == 0 && urls.isEmpty() ? seedPort : freePort();
        Path config = dir.resolve(name + "-" + run + ".conf");
        Files.writeString(config, String.join("\n",
                "boreal.storage { mode = file, dir = \"" + dir.resolve(name) + "\", shared-dir = \"" + dir.resolve("shared")
                        + "\", node-name = " + name + " }",
                "boreal.cluster { port = " + port + ", seed-nodes = [\"127.0.0.1:" + seedPort + "\"] }",
                "boreal.server { host = 127.0.0.1, port = 0 }",
                "boreal.statement-timeout = 15s",
                ""), StandardCharsets.UTF_8);
        AtomicReference<String> address = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(1);
        PrintWriter log = new PrintWriter(Files.newBufferedWriter(dir.resolve(name + "-" + run + ".log")), true);
        ForkedNode node = ForkedNode.start(ServerMain.class, List.of(), dir.resolve(name + "-" + run + ".err"), line -> {
            log.println(line);
            if (line.startsWith(ServerMain.READY)) {
                address.set(line.substring(ServerMain.READY.length()).trim());
                ready.countDown();
            }
        }, config.toString());
        forked.add(node);
        node.await(ready, hangGuard, "the READY line of " + name + " (" + run + ")");
        while (urls.size() <= n) {
            urls.add(null);
            clusterPorts.add(0);
            latest.add(null);
        }
        latest.set(n, node);
        urls.set(n, "jdbc:boreal://" + address.get());
        clusterPorts.set(n, port);
        return node;
    }

    /** Node {@code n}'s latest start. */
    ForkedNode node(int n) {
        return latest.get(n);
    }

    /** The JDBC URL of node {@code n}'s latest start. */
    String url(int n) {
        return urls.get(n);
    }

    /** The {@code host:port} of node {@code n}'s cluster address (as SHOW PARTITIONS names nodes). */
    String clusterAddress(int n) {
        return "127.0.0.1:" + clusterPorts.get(n);
    }

    /** The ends of every node's stderr, for a failure message. */
    String stderrTails() {
        StringBuilder tails = new StringBuilder();
        for (ForkedNode n : forked) {
            tails.append(n.stderrTail()).append('\n');
        }
        return tails.toString();
    }

    @Override
    public void close() throws InterruptedException {
        for (ForkedNode node : forked) {
            node.close();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
