package io.boreal.cli.cluster;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.boreal.cli.BorealCli;

/**
 * The processes of a local cluster and their files under one directory:
 *
 * <pre>
 *   DIR/node-1.conf   its config (storage, cluster and server ports)   DIR/node-1/    its own directory
 *   DIR/node-1.log    its output                                       DIR/node-1.pid its process, while it runs
 *   DIR/shared/       the journal directory all nodes share
 * </pre>
 *
 * <p>Nodes start one after the other, the first being every node's seed; a node counts as up
 * once its log says it serves. Stop ends the youngest first (so singletons move as little as
 * possible) with SIGTERM, which closes a node cleanly, and SIGKILL after 60 s.
 */
final class LocalCluster {

    private static final String UP = "Boreal node up";
    private static final Pattern SEED = Pattern.compile("seed-nodes = \\[\"127\\.0\\.0\\.1:(\\d+)\"\\]");
    private static final Pattern SERVER_PORT = Pattern.compile("server \\{ enabled = on, port = (\\d+)");
    private static final Pattern CLUSTER_PORT = Pattern.compile("cluster \\{ port = (\\d+)");
    private static final long START_GUARD_SECONDS = 120;
    private static final long STOP_GUARD_SECONDS = 60;

    private final Path dir;

    LocalCluster(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    boolean start(int nodes, String heap) throws IOException, InterruptedException {
        if (nodes < 1) {
            System.err.println("a cluster needs at least one node");
            return false;
        }
        if (!running().isEmpty()) {
            System.err.println("a cluster runs in " + dir + " already: ./boreal cluster stop --dir " + dir);
            return false;
        }
        Files.createDirectories(dir);
        int seedPort = freePort();
        List<String> urls = new ArrayList<>();
        for (int i = 1; i <= nodes; i++) {
            String url = startNode(i, i == 1 ? seedPort : freePort(), seedPort, heap);
            if (url == null) {
                stop();
                return false;
            }
            urls.add(url);
        }
        System.out.println("cluster of " + nodes + " up in " + dir + "; all hosts in one URL: jdbc:boreal://"
                + String.join(",", urls.stream().map(u -> u.substring("jdbc:boreal://".length())).toList())
                + "   (./boreal cluster stop --dir " + dir + ")");
        return true;
    }

    /**
     * Starts one more node, numbered after the last one configured here, joining the running
     * cluster through node-1's seed port; sharding moves its share of the partitions to it.
     */
    boolean add(String heap) throws IOException, InterruptedException {
        if (running().isEmpty()) {
            System.err.println("no cluster runs in " + dir + ": ./boreal cluster start N --dir " + dir);
            return false;
        }
        Matcher seed = SEED.matcher(Files.readString(dir.resolve(name(1) + ".conf"), StandardCharsets.UTF_8));
        if (!seed.find()) {
            System.err.println(dir.resolve(name(1) + ".conf") + " names no seed node");
            return false;
        }
        int next = 1;
        while (Files.exists(dir.resolve(name(next) + ".conf"))) {
            next++;
        }
        return startNode(next, freePort(), Integer.parseInt(seed.group(1)), heap) != null;
    }

    /** Starts node {@code i} with a fresh config and waits until it is up; its JDBC URL, or null (said why) if it did not start. */
    private String startNode(int i, int clusterPort, int seedPort, String heap) throws IOException, InterruptedException {
        int serverPort = freePort();
        Path config = dir.resolve(name(i) + ".conf");
        Files.writeString(config, config(i, clusterPort, seedPort, serverPort), StandardCharsets.UTF_8);
        Path log = dir.resolve(name(i) + ".log");
        Files.deleteIfExists(log);
        Process process = new ProcessBuilder(command(heap, config)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        Files.writeString(dir.resolve(name(i) + ".pid"), Long.toString(process.pid()));
        if (!awaitUp(process, log)) {
            System.err.println(name(i) + " did not start; its log (" + log + "):\n" + tail(log));
            return null;
        }
        String url = "jdbc:boreal://127.0.0.1:" + serverPort;
        System.out.printf("%s  pid %d  cluster port %d  %s%n", name(i), process.pid(), clusterPort, url);
        return url;
    }

    boolean stop() throws IOException, InterruptedException {
        List<Path> pids = new ArrayList<>(pidFiles());
        if (pids.isEmpty()) {
            System.out.println("no cluster node to stop in " + dir);
            return true;
        }
        java.util.Collections.reverse(pids);
        boolean clean = true;
        for (Path pidFile : pids) {
            Optional<ProcessHandle> process = process(pidFile);
            String node = nodeOf(pidFile);
            if (process.isPresent()) {
                process.get().destroy();
                try {
                    process.get().onExit().get(STOP_GUARD_SECONDS, TimeUnit.SECONDS);
                    System.out.println(node + " stopped");
                } catch (Exception slow) {
                    process.get().destroyForcibly();
                    System.out.println(node + " did not stop within " + STOP_GUARD_SECONDS + " s: killed");
                    clean = false;
                }
            } else {
                System.out.println(node + " was not running");
            }
            Files.deleteIfExists(pidFile);
        }
        return clean;
    }

    boolean status() throws IOException {
        List<Path> pids = pidFiles();
        if (pids.isEmpty()) {
            System.out.println("no cluster node in " + dir);
            return false;
        }
        boolean all = true;
        for (Path pidFile : pids) {
            boolean alive = process(pidFile).isPresent();
            all &= alive;
            System.out.printf("%s  %s  %s%n", nodeOf(pidFile), alive ? "running" : "not running", url(pidFile));
        }
        return all;
    }

    /** Where node {@code i} listens: its JDBC URL and its cluster port ({@code SHOW PARTITIONS} names it). */
    record NodeAddress(String jdbcUrl, int clusterPort) {
    }

    /** Node {@code i}'s addresses, read from its config. */
    NodeAddress address(int i) throws IOException {
        String config = Files.readString(dir.resolve(name(i) + ".conf"), StandardCharsets.UTF_8);
        Matcher server = SERVER_PORT.matcher(config);
        Matcher cluster = CLUSTER_PORT.matcher(config);
        if (!server.find() || !cluster.find()) {
            throw new IOException(dir.resolve(name(i) + ".conf") + " names no server or cluster port");
        }
        return new NodeAddress("jdbc:boreal://127.0.0.1:" + server.group(1), Integer.parseInt(cluster.group(1)));
    }

    /**
     * Kills node {@code i} with SIGKILL, as a crash would, and waits until it is gone; its pid file
     * stays (stop reports it not running). False if it was not running.
     */
    boolean kill(int i) throws IOException, InterruptedException {
        Path pidFile = dir.resolve(name(i) + ".pid");
        Optional<ProcessHandle> process = Files.exists(pidFile) ? process(pidFile) : Optional.empty();
        if (process.isEmpty()) {
            return false;
        }
        process.get().destroyForcibly();
        try {
            process.get().onExit().get(STOP_GUARD_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException(name(i) + " (pid " + process.get().pid() + ") did not die of SIGKILL", e);
        }
        return true;
    }

    private List<Path> running() throws IOException {
        List<Path> alive = new ArrayList<>();
        for (Path pidFile : pidFiles()) {
            if (process(pidFile).isPresent()) {
                alive.add(pidFile);
            }
        }
        return alive;
    }

    /** The pid files, in node order. */
    private List<Path> pidFiles() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("node-\\d+\\.pid"))
                    .sorted((a, b) -> Integer.compare(number(a), number(b))).toList();
        }
    }

    private static int number(Path pidFile) {
        String name = pidFile.getFileName().toString();
        return Integer.parseInt(name.substring("node-".length(), name.length() - ".pid".length()));
    }

    /**
     * The live process a pid file names; a pid the system gave to another program since is not a
     * node (it must run java; the full command line is not always readable, a long class path cut).
     */
    private static Optional<ProcessHandle> process(Path pidFile) throws IOException {
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> Path.of(c).getFileName().toString().startsWith("java")).orElse(true));
    }

    private String url(Path pidFile) throws IOException {
        return address(number(pidFile)).jdbcUrl();
    }

    private static String nodeOf(Path pidFile) {
        String name = pidFile.getFileName().toString();
        return name.substring(0, name.length() - ".pid".length());
    }

    private String config(int i, int clusterPort, int seedPort, int serverPort) {
        return "# written by ./boreal cluster start\n"
                + "boreal {\n"
                + "  storage { mode = file, dir = \"" + dir.resolve(name(i)) + "\", shared-dir = \"" + dir.resolve("shared")
                + "\", node-name = " + name(i) + " }\n"
                + "  cluster { port = " + clusterPort + ", seed-nodes = [\"127.0.0.1:" + seedPort + "\"] }\n"
                + "  server { enabled = on, port = " + serverPort + " }\n"
                + "}\n";
    }

    /** This JVM's java and flags (the launcher's --add-opens), another heap, {@code node --config}. */
    private static List<String> command(String heap, Path config) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!flag.startsWith("-Xmx") && !flag.startsWith("-XX:StartFlightRecording")) {
                command.add(flag);
            }
        }
        command.add("-Xmx" + heap);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BorealCli.class.getName(),
                "node", "--config", config.toString()));
        return command;
    }

    private static boolean awaitUp(Process process, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_GUARD_SECONDS);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(UP)) {
                return true;
            }
            if (!process.isAlive()) {
                return false;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            return text.substring(Math.max(0, text.length() - 3_000));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static String name(int i) {
        return "node-" + i;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
