package io.boreal.bench.exec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import io.boreal.bench.impl.BenchExit;
import io.boreal.bench.impl.SbtestOptions;
import io.boreal.bench.impl.StorageOptions;
import io.boreal.bench.sysbench.OltpTest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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








    @Mixin
    StorageOptions storage = new StorageOptions();

    @Mixin
    SbtestOptions sbtest = new SbtestOptions();

    @Option(names = "--report-interval", defaultValue = "2",
            description = "Seconds between progress lines, 0 = none (default: ${DEFAULT-VALUE}).")
    double reportIntervalSec;

    @Option(names = "--set", paramLabel = "NAME=VALUE",
            description = "SET GLOBAL an engine variable for both sides before the runs, e.g."
                    + " --set boreal.thread_concurrency=64 (repeatable; not boreal.execution_mode).")
    private List<String> engineSettings = new java.util.ArrayList<>();

    @Option(names = "--json", description = "Also write the results to this file.")
    Path json;


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
        storage.check(false);
        List<OltpTest> oltpTests = tests.stream().map(OltpTest::bySysbenchName).toList();
        return new ExecSettings(oltpTests, sessions, seconds(warmupSec), seconds(timeSec), runs,
                storage.fileMode(), storage.fsync(), storage.dir(), sbtest.params(), sbtest.partitions(),
                sbtest.ignoredErrors(), seconds(reportIntervalSec), sbtest.seed(), engineSettings);
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos(Math.round(s * 1e9));
    }
}
