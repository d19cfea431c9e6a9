package io.boreal.bench.exec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import io.boreal.bench.IgnoredErrors;
import io.boreal.bench.impl.BenchExit;
import io.boreal.bench.sysbench.OltpParams;
import io.boreal.bench.sysbench.OltpTest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./boreal bench exec}: the engine's two execution modes, async and its blocking
 * thread-per-connection twin, compared in one process on sysbench's write tests
 * ({@link ExecBench}).
 *
 * <p>Exit codes: 0 done, 1 the run failed (message on stderr), 2 bad options.
 */
@Command(name = "exec", mixinStandardHelpOptions = true, sortOptions = false,
        description = "The two execution modes (boreal.execution_mode = async | blocking, thread per connection)"
                + " in one process: sysbench oltp_insert, oltp_update_index, oltp_update_non_index and"
                + " oltp_write_only at 16 to 4,096 sessions through the async SqlSession API; tps, p95/p99/p99.9"
                + " and context switches per second (/proc) for each side, and the targets.")
public final class ExecCommand implements Callable<Integer> {

    @Option(names = "--tests", split = ",",
            description = "sysbench tests (default: oltp_insert,oltp_update_index,oltp_update_non_index,"
                    + "oltp_write_only).")
    List<String> tests = List.of("oltp_insert", "oltp_update_index", "oltp_update_non_index", "oltp_write_only");

    @Option(names = "--sessions", split = ",", description = "Session counts (default: 16,256,1024,4096).")
    List<Integer> sessions = List.of(16, 256, 1024, 4096);

    @Option(names = "--time", defaultValue = "3", description = "Measured seconds per run (default: ${DEFAULT-VALUE}).")
    double timeSec;

    @Option(names = "--warmup", defaultValue = "1",
            description = "Warm-up seconds per run (default: ${DEFAULT-VALUE}).")
    double warmupSec;

    @Option(names = "--runs", defaultValue = "3",
            description = "Runs per test, session count and mode; the median is reported (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--storage", defaultValue = "file",
            description = "file (durable, group-committed redo log) or mem (default: ${DEFAULT-VALUE}).")
    String storage;

    @Option(names = "--fsync", defaultValue = "on",
            description = "With --storage file: on or off (off skips the disk flush; comparison only)"
                    + " (default: ${DEFAULT-VALUE}).")
    String fsync;

    @Option(names = "--dir", description = "Parent of the database's directory (default: a fresh temporary one,"
            + " deleted at the end).")
    Path dir;

    @Option(names = "--tables", defaultValue = "4", description = "sbtest tables (default: ${DEFAULT-VALUE}).")
    int tables;

    @Option(names = "--table-size", defaultValue = "10000", description = "Rows per table (default: ${DEFAULT-VALUE}).")
    int tableSize;

    @Option(names = "--partitions", defaultValue = "0",
            description = "> 0: tables get PARTITION BY HASH(id) PARTITIONS n; 0 = the node's default"
                    + " (boreal.partitions).")
    int partitions;

    @Option(names = "--ignore-errors", defaultValue = "40001,40P01,55P03,23*,0A000",
            description = "SQLStates an event is rolled back on and counted as an error; others abort"
                    + " (default: ${DEFAULT-VALUE}).")
    String ignoreErrors;

    @Option(names = "--report-interval", defaultValue = "2",
            description = "Seconds between progress lines, 0 = none (default: ${DEFAULT-VALUE}).")
    double reportIntervalSec;

    @Option(names = "--set", paramLabel = "NAME=VALUE",
            description = "SET GLOBAL an engine variable for both sides before the runs, e.g."
                    + " --set boreal.thread_concurrency=64 (repeatable; not boreal.execution_mode).")
    private List<String> engineSettings = new java.util.ArrayList<>();

    @Option(names = "--json", description = "Also write the results to this file.")
    Path json;

    @Option(names = "--seed", description = "Seed of the rows and of every session's random ids (default: time-based).")
    Long seed;

    private final PrintStream out;
    private final PrintStream err;

    public ExecCommand() {
        this(System.out, System.err);
    }

    /** For embedding and tests: reports go to {@code out}, failures to {@code err}. */
    public ExecCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        return BenchExit.run(err, this::settings, settings -> {
            out.printf("Boreal bench exec: %s at %s sessions, async against blocking, %d run(s) of %.1f s after"
                            + " %.1f s of warm-up, seed %d%n",
                    settings.tests().stream().map(OltpTest::sysbenchName).toList(), settings.sessions(),
                    settings.runs(), timeSec, warmupSec, settings.seed());
            Instant startedAt = Instant.now();
            ExecResults results = new ExecBench(settings, out).run();
            ExecReport.print(results, settings, out);
            if (json != null) {
                ExecJson.write(json, settings, startedAt, results);
                out.println("Results written to " + json);
            }
        });
    }

    private ExecSettings settings() {
        if (!storage.equals("mem") && !storage.equals("file")) {
            throw new IllegalArgumentException("--storage is mem or file, not " + storage);
        }
        if (!fsync.equals("on") && !fsync.equals("off")) {
            throw new IllegalArgumentException("--fsync is on or off, not " + fsync);
        }
        if (dir != null && storage.equals("mem")) {
            throw new IllegalArgumentException("--dir needs --storage file");
        }
        if (tables < 1) {
            throw new IllegalArgumentException("--tables must be >= 1");
        }
        List<OltpTest> oltpTests = tests.stream().map(OltpTest::bySysbenchName).toList();
        return new ExecSettings(oltpTests, sessions, seconds(warmupSec), seconds(timeSec), runs,
                storage.equals("file"), fsync.equals("on"), dir, OltpParams.defaults(tables, tableSize), partitions,
                IgnoredErrors.of(ignoreErrors), seconds(reportIntervalSec), seed != null ? seed : System.nanoTime(),
                engineSettings);
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos(Math.round(s * 1e9));
    }
}
