package io.boreal.bench.sysbench;

import io.boreal.bench.ConnectionFactory;
import io.boreal.bench.IgnoredErrors;
import io.boreal.bench.LoadRunner;
import io.boreal.bench.ResultJson;
import io.boreal.bench.RunAbortedException;
import io.boreal.bench.RunReport;
import io.boreal.bench.RunResult;
import io.boreal.bench.RunSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code boreal bench sysbench}: sysbench's OLTP tests over any JDBC URL. Prepares the tables
 * (unless {@code --skip-prepare}), runs the test for {@code --time} seconds on {@code --threads}
 * connections with live interval lines, prints sysbench's summary and writes a JSON result file.
 *
 * <p>Exit codes: 0 done, 1 the run or the prepare failed (message on stderr), 2 bad options.
 */
@Command(name = "sysbench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "sysbench OLTP workloads (oltp_point_select, oltp_read_only, oltp_read_write, oltp_write_only,"
                + " oltp_insert, oltp_update_index, oltp_update_non_index, oltp_delete) through JDBC.")
public final class SysbenchCommand implements Callable<Integer> {
    private static final int MAX_LOADERS = 8;

    @Option(names = "--test", required = true, description = "The sysbench test, e.g. oltp_read_write.")
    String test;

    @Option(names = "--url", required = true, description = "JDBC URL, e.g. jdbc:boreal:mem:db or jdbc:h2:mem:db.")
    String url;

    @Option(names = "--user", description = "Database user.")
    String user;

    @Option(names = "--password", description = "Database password.")
    String password;

    @Option(names = "--threads", defaultValue = "1", description = "Worker threads, one connection each; also the"
            + " loaders of prepare, at most " + MAX_LOADERS + " (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--time", defaultValue = "10", description = "Run time in seconds (default: ${DEFAULT-VALUE}).")
    double timeSec;

    @Option(names = "--report-interval", defaultValue = "1",
            description = "Seconds between interval lines, 0 = off (default: ${DEFAULT-VALUE}).")
    double reportIntervalSec;

    @Option(names = "--skip-prepare", description = "Use the existing sbtest tables.")
    boolean skipPrepare;

    @Option(names = "--json", description = "Result file (default: bench-results/sysbench-<test>-<timestamp>.json).")
    Path json;

    @Option(names = "--seed", description = "Random seed (default: time-based, printed).")
    Long seed;

    @Option(names = "--partitions", defaultValue = "0",
            description = "> 0: create tables with PARTITION BY HASH(id) PARTITIONS n (Boreal); 0 = database default.")
    int partitions;

    @Option(names = "--ignore-errors", defaultValue = "40001,40P01,55P03,23*,0A000",
            description = "SQLStates (or class prefixes like 23*) counted as errors, not fatal (default: ${DEFAULT-VALUE}).")
    String ignoreErrors;

    @Mixin
    OltpOptions oltp = new OltpOptions();

    private final PrintStream out;
    private final PrintStream err;

    public SysbenchCommand() {
        this(System.out, System.err);
    }

    /** For embedding and tests: reports go to {@code out}, failures to {@code err}. */
    public SysbenchCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SysbenchCommand()).execute(args));
    }

    @Override
    public Integer call() {
        OltpTest oltpTest;
        OltpParams params;
        RunSettings settings;
        long runSeed = seed != null ? seed : System.nanoTime();
        try {
            oltpTest = OltpTest.bySysbenchName(test);
            params = oltp.toParams();
            settings = new RunSettings(threads, seconds(timeSec), seconds(reportIntervalSec),
                    IgnoredErrors.of(ignoreErrors), runSeed);
            if (partitions < 0) {
                throw new IllegalArgumentException("--partitions must be >= 0");
            }
        } catch (IllegalArgumentException e) {
            err.println("FATAL: " + e.getMessage());
            return 2;
        }
        ConnectionFactory connections = ConnectionFactory.forUrl(url, user, password);
        printHeader(oltpTest, runSeed);
        try {
            if (!skipPrepare) {
                new SbtestLoader(connections, out).prepare(params, partitions, Math.min(threads, MAX_LOADERS), runSeed);
                out.println();
            }
            out.println("Initializing worker threads...");
            out.println();
            RunResult result = LoadRunner.run(connections, settings, new OltpWorkload(oltpTest, params), out);
            RunReport.printSummary(result, out);
            Path file = json != null ? json : defaultJsonPath(oltpTest);
            ResultJson.write(file, options(oltpTest, runSeed), result);
            out.println("Results written to " + file);
            return 0;
        } catch (SQLException e) {
            err.printf("FATAL: prepare of %s failed: SQLState %s, error code %d: %s%n",
                    oltpTest.sysbenchName(), e.getSQLState(), e.getErrorCode(), e.getMessage());
            return 1;
        } catch (RunAbortedException e) {
            err.println("FATAL: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("FATAL: cannot write the result file: " + e);
            return 1;
        }
    }

    private void printHeader(OltpTest t, long runSeed) {
        out.printf("Boreal bench sysbench %s on %s%n%n", t.sysbenchName(), url);
        out.println("Running the test with following options:");
        out.println("Number of threads: " + threads);
        if (reportIntervalSec > 0) {
            out.println("Report intermediate results every " + fmt(reportIntervalSec) + " second(s)");
        }
        out.println("Initializing random number generator from seed (" + runSeed + ").");
        out.println();
    }

    private Map<String, Object> options(OltpTest t, long runSeed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("test", t.sysbenchName());
        m.put("url", url);
        m.put("user", user);
        m.put("threads", threads);
        m.put("time_s", timeSec);
        m.put("report_interval_s", reportIntervalSec);
        m.put("seed", runSeed);
        m.put("skip_prepare", skipPrepare);
        m.put("partitions", partitions);
        m.put("ignore_errors", ignoreErrors);
        m.putAll(oltp.asMap());
        return m;
    }

    private static Path defaultJsonPath(OltpTest t) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return Path.of("bench-results", "sysbench-" + t.sysbenchName() + "-" + stamp + ".json");
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos(Math.round(s * 1e9));
    }

    private static String fmt(double s) {
        return s == Math.rint(s) ? Long.toString((long) s) : Double.toString(s);
    }
}
