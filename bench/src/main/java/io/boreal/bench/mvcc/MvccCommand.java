package io.boreal.bench.mvcc;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import io.boreal.bench.impl.BenchExit;
import io.boreal.bench.impl.SbtestOptions;
import io.boreal.bench.impl.StorageOptions;
import io.boreal.bench.sysbench.OltpTest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./boreal bench mvcc}: the engine's two MVCC modes, cts and active_list, compared in one
 * process: sysbench OLTP throughput, read-view cost against open transactions, and durable
 * commit against fsync off ({@link MvccBench}).
 *
 * <p>Exit codes: 0 done, 1 the run failed (message on stderr), 2 bad options.
 */
@Command(name = "mvcc", mixinStandardHelpOptions = true, sortOptions = false,
        description = "The two MVCC modes (boreal.mvcc = cts | active_list) in one process: sysbench"
                + " oltp_read_write/oltp_write_only at several session counts through the async SqlSession API,"
                + " read-view cost with N open transactions, and durable commit vs fsync off.")
public final class MvccCommand implements Callable<Integer> {

    @Option(names = "--parts", split = ",", description = "Parts to run: oltp, readview, durable (default: all).")
    List<String> parts = List.of("oltp", "readview", "durable");

    @Option(names = "--tests", split = ",",
            description = "OLTP tests of the oltp part (default: oltp_read_write,oltp_write_only).")
    List<String> tests = List.of("oltp_read_write", "oltp_write_only");

    @Option(names = "--sessions", split = ",", description = "Session counts of the oltp part (default: 16,256,1024).")
    List<Integer> sessions = List.of(16, 256, 1024);

    @Option(names = "--time", defaultValue = "4", description = "Measured seconds per OLTP run (default: ${DEFAULT-VALUE}).")
    double timeSec;

    @Option(names = "--warmup", defaultValue = "2", description = "Warm-up seconds per OLTP run (default: ${DEFAULT-VALUE}).")
    double warmupSec;

    @Option(names = "--runs", defaultValue = "3",
            description = "Runs per configuration; the median is reported (default: ${DEFAULT-VALUE}).")
    int runs;








    @Mixin
    StorageOptions storage = new StorageOptions();

    @Mixin
    SbtestOptions sbtest = new SbtestOptions();

    @Option(names = "--open", split = ",",
            description = "readview part: transactions held open (default: 10,1000,10000).")
    List<Integer> open = List.of(10, 1_000, 10_000);

    @Option(names = "--read-view-time", defaultValue = "0.3",
            description = "readview part: seconds of begin + finish per measurement (default: ${DEFAULT-VALUE}).")
    double readViewSec;

    @Option(names = "--durable-sessions", defaultValue = "256",
            description = "durable part: sessions of oltp_write_only (default: ${DEFAULT-VALUE}).")
    int durableSessions;

    @Option(names = "--json", description = "Also write the results to this file.")
    Path json;


    private final PrintStream out;
    private final PrintStream err;

    public MvccCommand() {
        this(System.out, System.err);
    }

    /** For embedding and tests: reports go to {@code out}, failures to {@code err}. */
    public MvccCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        return BenchExit.run(err, this::settings, settings -> {
            out.printf("Boreal bench mvcc: parts %s, seed %d%n%n", parts, settings.seed());
            Instant startedAt = Instant.now();
            MvccResults results = new MvccBench(settings, out).run();
            MvccReport.print(results, settings, out);
            if (json != null) {
                MvccJson.write(json, settings, startedAt, results);
                out.println("Results written to " + json);
            }
        });
    }

    private MvccSettings settings() {
        Set<MvccPart> selected = EnumSet.noneOf(MvccPart.class);
        parts.forEach(p -> selected.add(MvccPart.byOption(p)));
        storage.check(selected.contains(MvccPart.DURABLE)); // the durable part always uses files
        List<OltpTest> oltpTests = tests.stream().map(OltpTest::bySysbenchName).toList();
        return new MvccSettings(selected, oltpTests, sessions, seconds(warmupSec), seconds(timeSec), runs,
                storage.fileMode(), storage.fsync(), storage.dir(), sbtest.params(), sbtest.partitions(),
                sbtest.ignoredErrors(), open, seconds(readViewSec), durableSessions, sbtest.seed());
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos(Math.round(s * 1e9));
    }
}
