package io.boreal.bench.remote;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

import io.boreal.bench.ConnectionFactory;
import io.boreal.bench.LoadRunner;
import io.boreal.bench.RunResult;
import io.boreal.bench.RunSettings;
import io.boreal.bench.impl.BenchExit;
import io.boreal.bench.impl.OltpDatabase;
import io.boreal.bench.impl.ScratchDir;
import io.boreal.bench.impl.SbtestOptions;
import io.boreal.bench.impl.StorageOptions;
import io.boreal.bench.sysbench.OltpTest;
import io.boreal.bench.sysbench.OltpWorkload;
import io.boreal.jdbc.BorealDriver;
import io.boreal.jdbc.server.BorealServer;
import io.boreal.jdbc.server.ServerSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./boreal bench remote}: one node, reached two ways in one process — in-process JDBC
 * ({@code jdbc:boreal:mem:}/{@code file:}) and the network driver over loopback TCP
 * ({@code jdbc:boreal://127.0.0.1:PORT}, the node's own server) — on the same data, alternating
 * run by run; prints tps and p99 of each and the remote/in-process ratio (medians of the runs).
 *
 * <p>Exit codes: 0 done, 1 the run failed (message on stderr), 2 bad options.
 */
@Command(name = "remote", mixinStandardHelpOptions = true, sortOptions = false,
        description = "In-process JDBC against the network driver on one node in one process: sysbench"
                + " oltp_point_select and oltp_write_only; tps, p99 and the remote/in-process ratio.")
public final class RemoteCommand implements Callable<Integer> {

    @Option(names = "--cases", split = ",", description = "test:threads pairs (default:"
            + " oltp_point_select:16,oltp_point_select:64,oltp_write_only:64).")
    List<String> cases = List.of("oltp_point_select:16", "oltp_point_select:64", "oltp_write_only:64");

    @Option(names = "--time", defaultValue = "10", description = "Measured seconds per run (default: ${DEFAULT-VALUE}).")
    double timeSec;

    @Option(names = "--warmup", defaultValue = "3", description = "Warm-up seconds before each case (default: ${DEFAULT-VALUE}).")
    double warmupSec;

    @Option(names = "--runs", defaultValue = "3", description = "Runs per case and path (default: ${DEFAULT-VALUE}).")
    int runs;

    @Mixin
    StorageOptions storage = new StorageOptions();

    @Mixin
    SbtestOptions sbtest = new SbtestOptions();

    private final PrintStream out;
    private final PrintStream err;

    public RemoteCommand() {
        this(System.out, System.err);
    }

    public RemoteCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** One line of the report. */
    private record Case(OltpTest test, int threads) {
        static Case parse(String text) {
            int colon = text.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("a case is test:threads, not " + text);
            }
            return new Case(OltpTest.bySysbenchName(text.substring(0, colon).trim()),
                    Integer.parseInt(text.substring(colon + 1).trim()));
        }
    }

    @Override
    public Integer call() {
        return BenchExit.run(err, () -> {
            storage.check(false);
            return cases.stream().map(Case::parse).toList();
        }, parsed -> run(parsed));
    }

    private void run(List<Case> parsed) throws Exception {
        try (ScratchDir scratch = storage.fileMode() ? ScratchDir.of(storage.dir(), "boreal-bench-remote") : null;
             OltpDatabase db = scratch != null ? OltpDatabase.file(scratch.path().resolve("remote"), storage.fsync())
                     : OltpDatabase.memory("remote-bench-")) {
            db.prepare(sbtest.params(), sbtest.partitions(), sbtest.seed(), out);
            String local = scratch != null ? "jdbc:boreal:file:" + scratch.path().resolve("remote")
                    : "jdbc:boreal:mem:remote-bench-" + UUID.randomUUID();
            BorealDriver.register(local, db.database());
            ServerSettings settings = ServerSettings.from(db.database().node().system().settings().config()).withPort(0);
            try (BorealServer server = BorealServer.start(db.database(), settings)) {
                String remote = "jdbc:boreal://127.0.0.1:" + server.port();
                out.printf("Boreal bench remote: %s; in-process %s against %s, %d run(s) of %.0f s each, %s%n%n",
                        cases, local, remote, runs, timeSec, storage.describe());
                List<String> lines = new ArrayList<>();
                for (Case c : parsed) {
                    lines.add(measure(c, ConnectionFactory.forUrl(local, null, null),
                            ConnectionFactory.forUrl(remote, null, null)));
                }
                out.println();
                out.println("| test | threads | in-process tps | remote tps | remote / in-process | in-process p99 ms"
                        + " | remote p99 ms |");
                out.println("|---|---:|---:|---:|---:|---:|---:|");
                lines.forEach(out::println);
            } finally {
                BorealDriver.shutdown(local);
            }
        }
    }

    private String measure(Case c, ConnectionFactory local, ConnectionFactory remote) throws Exception {
        OltpWorkload workload = new OltpWorkload(c.test(), sbtest.params());
        RunSettings warm = new RunSettings(c.threads(), seconds(warmupSec), Duration.ZERO, sbtest.ignoredErrors(),
                sbtest.seed());
        RunSettings timed = new RunSettings(c.threads(), seconds(timeSec), Duration.ZERO, sbtest.ignoredErrors(),
                sbtest.seed());
        LoadRunner.run(local, warm, workload, nowhere());
        LoadRunner.run(remote, warm, workload, nowhere());
        double[] localTps = new double[runs];
        double[] remoteTps = new double[runs];
        double[] localP99 = new double[runs];
        double[] remoteP99 = new double[runs];
        for (int i = 0; i < runs; i++) {
            RunResult l = LoadRunner.run(local, timed, workload, nowhere());
            RunResult r = LoadRunner.run(remote, timed, workload, nowhere());
            localTps[i] = l.tps();
            remoteTps[i] = r.tps();
            localP99[i] = l.latency().p99Ms();
            remoteP99[i] = r.latency().p99Ms();
            out.printf("%s at %d threads, run %d: in-process %.0f tps (p99 %.2f ms), remote %.0f tps (p99 %.2f ms),"
                            + " ratio %.2f%n", c.test().sysbenchName(), c.threads(), i + 1, l.tps(), l.latency().p99Ms(),
                    r.tps(), r.latency().p99Ms(), r.tps() / l.tps());
        }
        double lt = median(localTps);
        double rt = median(remoteTps);
        return String.format("| %s | %d | %,.0f | %,.0f | %.2f | %.2f | %.2f |", c.test().sysbenchName(), c.threads(),
                lt, rt, rt / lt, median(localP99), median(remoteP99));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static PrintStream nowhere() {
        return new PrintStream(java.io.OutputStream.nullOutputStream());
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos(Math.round(s * 1e9));
    }

}
