package io.boreal.cli.demo;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Callable;

import io.boreal.bench.ConnectionFactory;
import io.boreal.bench.LoadRunner;
import io.boreal.bench.RunReport;
import io.boreal.bench.RunResult;
import io.boreal.jdbc.BorealDriver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./boreal demo}: the main job. A durable embedded node under {@code ./boreal-data}, a
 * sysbench-shaped table loaded with 100k rows, 20 s of mixed reads and writes from 64 JDBC
 * connections, then a restart that proves every row survived (count and checksum).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Load, run a mixed workload, restart, and check that the data survived.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--dir", description = "database directory (default: ${DEFAULT-VALUE})")
    Path dir = Path.of("boreal-data");

    @Option(names = "--rows", description = "rows to load (default: ${DEFAULT-VALUE})")
    int rows = 100_000;

    @Option(names = "--threads", description = "connections of the workload (default: ${DEFAULT-VALUE})")
    int threads = 64;

    @Option(names = "--time", description = "seconds of workload (default: ${DEFAULT-VALUE})")
    int seconds = 20;

    @Override
    public Integer call() throws Exception {
        String url = "jdbc:boreal:file:" + dir;
        System.out.printf("Boreal demo: durable node under %s%n", dir.toAbsolutePath().normalize());
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url)) {
            System.out.printf("node started in %d ms%n", ms(t0));
            DemoTable.create(c);
            new DemoLoader(c, System.out).load(rows);
        }
        System.out.printf("%nmixed workload: %d connections, %d s (point selects, range sums, updates, inserts)%n",
                threads, seconds);
        RunResult result = LoadRunner.run(ConnectionFactory.forUrl(url, null, null), threads,
                Duration.ofSeconds(seconds), Duration.ofSeconds(2), new DemoWorkload(rows), System.out);
        RunReport.printSummary(result, System.out);

        Checksum before = Checksum.of(url);
        long stopStart = System.nanoTime();
        BorealDriver.shutdown(url);
        System.out.printf("%nnode stopped in %d ms; %s%n", ms(stopStart), before);

        long restart = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM demo")) {
            rs.next();
            System.out.printf("node restarted and answered in %d ms (recovery of %d rows)%n", ms(restart), rs.getLong(1));
        }
        Checksum after = Checksum.of(url);
        BorealDriver.shutdown(url);
        System.out.println("after restart: " + after);
        if (!after.equals(before)) {
            System.out.println("FAILED: the data after the restart differs from the data before it");
            return 1;
        }
        System.out.printf("OK: all %d rows survived the restart, checksum %08x%n", after.rows(), after.crc());
        System.out.printf("summary: tps %.1f, p95 %.2f ms, errors %d%n", result.tps(), result.latency().p95Ms(),
                result.ignoredErrors());
        return 0;
    }

    static long ms(long startNs) {
        return (System.nanoTime() - startNs) / 1_000_000;
    }
}
