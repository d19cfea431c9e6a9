package io.boreal.cli.cluster;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.boreal.bench.ConnectionFactory;
import io.boreal.bench.IgnoredErrors;
import io.boreal.bench.LoadRunner;
import io.boreal.bench.RunResult;
import io.boreal.bench.RunSettings;
import io.boreal.bench.cluster.FailoverLoad;
import io.boreal.bench.cluster.FailoverTimeline;
import io.boreal.bench.cluster.PartitionProbe;
import io.boreal.bench.cluster.TimelineChart;
import io.boreal.bench.sysbench.OltpParams;
import io.boreal.bench.sysbench.OltpTest;
import io.boreal.bench.sysbench.OltpWorkload;
import io.boreal.bench.sysbench.SbtestLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./boreal bench cluster}: sysbench tests through local clusters of 1, 2 and 3 nodes
 * (each a fresh {@code ./boreal cluster start N} on durable, shared storage; the clients' connections
 * spread over the nodes in turn), then a failover timeline — write_only on 3 nodes, SIGKILL of
 * node 3 mid-run, committed tps each second printed and drawn as a PNG, with the time from the
 * kill to the first committed write on each partition that ran on the dead node.
 *
 * <p>Node 3 is the youngest, so the singletons (the CTS coordinator among them) stay where they
 * are: this measures a partition failover. Every node started is stopped at the end.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true, sortOptions = false,
        description = "sysbench tests through local clusters of 1..3 nodes, then a failover timeline around a SIGKILL"
                + " (printed, and drawn as a PNG).")
public final class ClusterBenchCommand implements Callable<Integer> {

    private static final String IGNORED = "40001,40P01,55P03,23*,0A000,40000,40003";
    private static final int KILLED = 3;

    @Option(names = "--nodes", defaultValue = "1,2,3", split = ",", description = "Cluster sizes to measure (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--tests", defaultValue = "oltp_point_select,oltp_write_only", split = ",",
            description = "sysbench tests per cluster size (default: ${DEFAULT-VALUE}).")
    List<String> tests;

    @Option(names = "--threads", defaultValue = "16", description = "Client connections (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--time", defaultValue = "10", description = "Seconds per test (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warmup", defaultValue = "10", description = "Seconds each test runs unmeasured first: three JVMs"
            + " compiling on two cores are slow for a while (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--skip-throughput", description = "Only the failover run.")
    boolean skipThroughput;

    @Option(names = "--table-size", defaultValue = "10000", description = "Rows of sbtest1 (default: ${DEFAULT-VALUE}).")
    int tableSize;

    @Option(names = "--partitions", defaultValue = "12", description = "Partitions of sbtest1 (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--failover-time", defaultValue = "50",
            description = "Seconds of the failover run, 0 = no failover run (default: ${DEFAULT-VALUE}).")
    int failoverSeconds;

    @Option(names = "--kill-at", defaultValue = "20", description = "Second of the failover run at which node 3 is killed"
            + " (default: ${DEFAULT-VALUE}).")
    int killAt;

    @Option(names = "--png", description = "The failover chart (default: bench-results/failover-<timestamp>.png).")
    Path png;

    @Option(names = "--dir", description = "Where the clusters live while measured (default: a fresh temporary directory,"
            + " deleted after).")
    Path dir;

    @Mixin
    ClusterCommand.NodeHeap heap;

    private final Map<String, Map<Integer, RunResult>> results = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        if (threads < 1 || seconds < 1 || killAt < 1 || (failoverSeconds > 0 && failoverSeconds <= killAt + 5)) {
            System.err.println("need --threads, --time and --kill-at >= 1 and --failover-time > --kill-at + 5 (or 0)");
            return 2;
        }
        List<OltpTest> oltp = tests.stream().map(OltpTest::bySysbenchName).toList();
        boolean scratch = dir == null;
        Path root = scratch ? Files.createTempDirectory("boreal-bench-cluster") : dir;
        try {
            if (!skipThroughput) {
                for (int n : sizes) {
                    if (!throughput(root.resolve(n + "-nodes"), n, oltp)) {
                        return 1;
                    }
                }
                printThroughput();
            }
            return failoverSeconds == 0 || failover(root.resolve("failover")) ? 0 : 1;
        } finally {
            if (scratch) {
                deleteTree(root);
            }
        }
    }

    /** One cluster of {@code n} nodes: every test, one after the other, on the same tables. */
    private boolean throughput(Path clusterDir, int n, List<OltpTest> oltp) throws Exception {
        System.out.printf("%n== %d node%s ==%n", n, n == 1 ? "" : "s");
        LocalCluster cluster = new LocalCluster(clusterDir);
        if (!cluster.start(n, heap.heap)) {
            return false;
        }
        try {
            List<String> urls = urls(cluster, n);
            prepare(urls);
            for (OltpTest test : oltp) {
                if (warmup > 0) {
                    run(urls, test, warmup);
                }
                RunResult r = run(urls, test, seconds);
                results.computeIfAbsent(test.sysbenchName(), t -> new TreeMap<>()).put(n, r);
                System.out.printf("%-18s %2d node%s  %,9.0f tps  p95 %7.2f ms  p99 %7.2f ms  errors %.1f/s%n",
                        test.sysbenchName(), n, n == 1 ? " " : "s", r.tps(), r.latency().p95Ms(), r.latency().p99Ms(),
                        r.perSecond(r.ignoredErrors()));
            }
            return true;
        } finally {
            cluster.stop();
        }
    }

    /** {@code test} for {@code time} seconds from {@code --threads} connections spread over the nodes, silently. */
    private RunResult run(List<String> urls, OltpTest test, int time) {
        RunSettings settings = new RunSettings(threads, Duration.ofSeconds(time), Duration.ZERO, IgnoredErrors.of(IGNORED),
                System.nanoTime());
        return LoadRunner.run(spread(urls), settings, new OltpWorkload(test, params()), silent());
    }

    private void printThroughput() {
        System.out.printf("%n%d client connections spread over the nodes, %d s per test after %d s of warm-up, sbtest1 of %,d rows in %d partitions"
                + " (durable, shared journal)%n", threads, seconds, warmup, tableSize, partitions);
        StringBuilder head = new StringBuilder(String.format("%-18s", "test"));
        sizes.forEach(n -> head.append(String.format(" %13s", n + (n == 1 ? " node tps" : " nodes tps"))));
        if (sizes.size() > 1) {
            head.append(String.format(" %10s", sizes.get(sizes.size() - 1) + "/" + sizes.get(0)));
        }
        System.out.println(head);
        results.forEach((test, byNodes) -> {
            StringBuilder row = new StringBuilder(String.format("%-18s", test));
            sizes.forEach(n -> row.append(String.format(" %13s", String.format("%,.0f", byNodes.get(n).tps()))));
            if (sizes.size() > 1) {
                row.append(String.format(" %9.2fx", byNodes.get(sizes.get(sizes.size() - 1)).tps() / byNodes.get(sizes.get(0)).tps()));
            }
            System.out.println(row);
        });
    }

    /** Three nodes, write_only from every client, node 3 killed at {@code --kill-at}. */
    private boolean failover(Path clusterDir) throws Exception {
        System.out.printf("%n== failover: oltp_write_only on 3 nodes, SIGKILL of node-%d at second %d ==%n", KILLED, killAt);
        LocalCluster cluster = new LocalCluster(clusterDir);
        if (!cluster.start(3, heap.heap)) {
            return false;
        }
        try {
            List<String> urls = urls(cluster, 3);
            prepare(urls);
            String victim = "127.0.0.1:" + cluster.address(KILLED).clusterPort();
            PartitionProbe probe = new PartitionProbe(urls.get(0), "sbtest1", partitions);
            Map<Integer, Integer> keys = probe.keyOfEachPartition(tableSize);
            FailoverLoad load = new FailoverLoad(urls, new OltpWorkload(OltpTest.OLTP_WRITE_ONLY, params()), threads,
                    System.nanoTime(), failoverSeconds + 60);
            Map<Integer, Double> firstWrites;
            double killSecond;
            try {
                load.start();
                sleepUntil(load, killAt - 0.5);
                Map<Integer, Integer> moved = new TreeMap<>();
                placement(urls.get(0)).forEach((partition, node) -> {
                    if (victim.equals(node)) {
                        moved.put(partition, keys.get(partition));
                    }
                });
                sleepUntil(load, killAt);
                long killNs = System.nanoTime();
                killSecond = load.elapsedSeconds();
                cluster.kill(KILLED);
                System.out.printf("node-%d killed at %.1f s; it ran partitions %s of sbtest1%n", KILLED, killSecond,
                        moved.keySet());
                firstWrites = probe.firstWrites(moved, killNs, failoverSeconds - killAt);
                sleepUntil(load, failoverSeconds);
            } finally {
                load.close();
            }
            report(new FailoverTimeline(load.committedPerSecond(), killSecond), firstWrites, load.errors());
            return true;
        } finally {
            cluster.stop();
        }
    }

    private void report(FailoverTimeline timeline, Map<Integer, Double> firstWrites, Map<String, Long> errors)
            throws IOException {
        long[] tps = timeline.perSecond();
        for (int s = 0; s < tps.length; s++) {
            System.out.printf("  [%3d s] tps %,7d%s%n", s + 1, tps[s], s == (int) timeline.killSecond() ? "   <- SIGKILL" : "");
        }
        double first = firstWrites.values().stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).min().orElse(Double.NaN);
        double last = firstWrites.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        System.out.printf("kill -> first committed write on a moved partition: %s   (on every moved partition: %s)"
                + "   target <= 5 s%n", inSeconds(first), inSeconds(last));
        System.out.printf("tps before the kill (median of 5 s): %,.0f; lowest second after: %,d; back to >= 90%%: %s"
                + "   target <= 30 s%n", timeline.baseline(), timeline.lowestAfterKill(),
                Double.isNaN(timeline.secondsToRecover()) ? "not within the run"
                        : String.format("%.1f s after the kill", timeline.secondsToRecover()));
        System.out.println("failed transactions by SQLState (08xxx: connection lost, reconnected): " + errors);
        Path file = png != null ? png : Path.of("bench-results", "failover-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".png");
        List<TimelineChart.Mark> marks = new ArrayList<>();
        marks.add(new TimelineChart.Mark(timeline.killSecond(), "SIGKILL node-" + KILLED, Color.RED));
        if (!Double.isNaN(first)) {
            marks.add(new TimelineChart.Mark(timeline.killSecond() + first,
                    String.format("first write on a moved partition (+%.1f s)", first), new Color(0, 140, 0)));
        }
        if (!Double.isNaN(timeline.secondsToRecover())) {
            marks.add(new TimelineChart.Mark(timeline.recoveredSecond().getAsInt(),
                    String.format(">= 90%% tps (+%.1f s)", timeline.secondsToRecover()), new Color(120, 0, 160)));
        }
        TimelineChart.write(file, String.format("Boreal failover: oltp_write_only, %d clients on 3 nodes, SIGKILL of one",
                threads), timeline, marks);
        System.out.println("timeline drawn in " + file);
    }

    /** A duration in seconds, or what NaN means here: some write never committed. */
    private static String inSeconds(double s) {
        return Double.isNaN(s) ? "not within the run" : String.format("%.2f s", s);
    }

    /** Creates and loads sbtest1 through the first node, then waits until its partitions stop moving. */
    private void prepare(List<String> urls) throws SQLException, InterruptedException {
        new SbtestLoader(spread(urls), silent()).prepare(params(), partitions, Math.min(threads, 4), 1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        Map<Integer, String> before = placement(urls.get(0));
        while (System.nanoTime() < deadline) {
            Thread.sleep(4_000);
            Map<Integer, String> now = placement(urls.get(0));
            if (now.equals(before) && !now.containsValue(null)) {
                System.out.println("sbtest1 loaded; partitions per node: " + perNode(now));
                return;
            }
            before = now;
        }
        System.out.println("sbtest1 loaded; partitions still moving after 90 s: " + perNode(before));
    }

    private OltpParams params() {
        return OltpParams.defaults(1, tableSize);
    }

    /** Partition of sbtest1 → the cluster address of the node running it (null while it runs nowhere). */
    private static Map<Integer, String> placement(String url) throws SQLException {
        Map<Integer, String> nodes = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW PARTITIONS FROM sbtest1")) {
            while (rs.next()) {
                nodes.put(rs.getInt("Partition"), rs.getString("Node"));
            }
        }
        return nodes;
    }

    private static Map<String, Integer> perNode(Map<Integer, String> placement) {
        Map<String, Integer> counts = new TreeMap<>();
        placement.values().forEach(node -> counts.merge(String.valueOf(node), 1, Integer::sum));
        return counts;
    }

    private static List<String> urls(LocalCluster cluster, int n) throws IOException {
        List<String> urls = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            urls.add(cluster.address(i).jdbcUrl());
        }
        return urls;
    }

    /** New connections go to the nodes in turn. */
    private static ConnectionFactory spread(List<String> urls) {
        AtomicInteger next = new AtomicInteger();
        return () -> DriverManager.getConnection(urls.get(Math.floorMod(next.getAndIncrement(), urls.size())));
    }

    private static void sleepUntil(FailoverLoad load, double second) throws InterruptedException {
        long ms = Math.round((second - load.elapsedSeconds()) * 1000);
        if (ms > 0) {
            Thread.sleep(ms);
        }
    }

    private static PrintStream silent() {
        return new PrintStream(OutputStream.nullOutputStream());
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
