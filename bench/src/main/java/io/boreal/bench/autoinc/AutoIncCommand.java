package io.boreal.bench.autoinc;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import io.boreal.bench.impl.BenchExit;
import io.boreal.bench.impl.StorageOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./boreal bench autoinc}: AUTO_INCREMENT inserts through SQL on one hot partition, B-link
 * against the serial-SMO twin, each uncapped and capped at 8 ({@link AutoIncBench}).
 *
 * <p>Exit codes: 0 done, 1 the run failed (message on stderr), 2 bad options.
 */
@Command(name = "autoinc", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Concurrent INSERTs without an id into an AUTO_INCREMENT table with one partition, through SQL:"
                + " blink, serial_smo, and each behind thread_concurrency 8, switched by SET GLOBAL on one database.")
public final class AutoIncCommand implements Callable<Integer> {

    @Option(names = "--sessions", split = ",", description = "Session counts (default: 1,16,64,256,1024).")
    List<Integer> sessions = List.of(1, 16, 64, 256, 1024);

    @Option(names = "--time", defaultValue = "10", description = "Measured seconds per run (default: ${DEFAULT-VALUE}).")
    double timeSec;

    @Option(names = "--warmup", defaultValue = "3", description = "Warm-up seconds per run (default: ${DEFAULT-VALUE}).")
    double warmupSec;

    @Option(names = "--runs", defaultValue = "3",
            description = "Runs per session count and configuration; the median is reported (default: ${DEFAULT-VALUE}).")
    int runs;




    @Mixin
    StorageOptions storage = new StorageOptions();

    @Option(names = "--json", description = "Also write the results to this file.")
    Path json;

    @Option(names = "--seed", description = "Seed of the row values (default: time-based).")
    Long seed;

    private final PrintStream out;
    private final PrintStream err;

    public AutoIncCommand() {
        this(System.out, System.err);
    }

    /** For embedding and tests: reports go to {@code out}, failures to {@code err}. */
    public AutoIncCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        return BenchExit.run(err, this::settings, settings -> {
            out.printf("Boreal bench autoinc: sessions %s, %s s warm-up + %s s measured, %d run(s) each, storage %s%n%n",
                    settings.sessions(), warmupSec, timeSec, runs, storage.describe());
            Instant startedAt = Instant.now();
            List<ConfigResult> results = new AutoIncBench(settings, out).run();
            out.println();
            AutoIncReport.print(results, out);
            if (json != null) {
                AutoIncJson.write(json, settings, startedAt, results);
                out.println("Results written to " + json);
            }
        });
    }

    private AutoIncSettings settings() {
        storage.check(false);
        return new AutoIncSettings(sessions, seconds(warmupSec), seconds(timeSec), runs,
                storage.fileMode(), storage.fsync(), storage.dir(), seed != null ? seed : System.nanoTime());
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos(Math.round(s * 1e9));
    }
}
