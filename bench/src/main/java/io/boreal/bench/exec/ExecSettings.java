package io.boreal.bench.exec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.boreal.bench.IgnoredErrors;
import io.boreal.bench.sysbench.OltpParams;
import io.boreal.bench.sysbench.OltpTest;

/**
 * What {@code bench exec} runs.
 *
 * @param tests          sysbench tests, each at every session count in both modes
 * @param sessions       session counts
 * @param warmup         events before the measured window of each run (not counted)
 * @param time           the measured window of each run
 * @param runs           runs per test, session count and mode; the median one is reported
 * @param fileMode       a durable database (redo log on disk) rather than an in-memory one
 * @param fsync          file mode: force each group commit to disk
 * @param dir            parent of the database's directory; null = a fresh temporary one, deleted at the end
 * @param params         the sbtest tables and the statements of one event
 * @param partitions     &gt; 0: tables are created with that many hash partitions; 0 = the node's default
 * @param ignoredErrors  SQLStates an event is rolled back on and the loop goes on from; others abort
 * @param reportInterval time between progress lines; zero = none
 * @param seed           seeds the loaded rows and every session's random source
 */
public record ExecSettings(List<OltpTest> tests, List<Integer> sessions, Duration warmup, Duration time, int runs,
                           boolean fileMode, boolean fsync, Path dir, OltpParams params, int partitions,
                           IgnoredErrors ignoredErrors, Duration reportInterval, long seed,
                           List<String> engineSettings) {

    public ExecSettings {
        engineSettings = List.copyOf(engineSettings);
        for (String setting : engineSettings) {
            if (!setting.matches("[a-z_.]+=[^=]+") || setting.startsWith("boreal.execution_mode=")) {
                throw new IllegalArgumentException("--set takes NAME=VALUE of an engine variable other than"
                        + " boreal.execution_mode, not '" + setting + "'");
            }
        }
        tests = List.copyOf(tests);
        sessions = List.copyOf(sessions);
        if (tests.isEmpty() || tests.contains(OltpTest.OLTP_DELETE)) {
            throw new IllegalArgumentException("--tests takes sysbench tests other than oltp_delete (it empties the"
                    + " tables), not " + tests.stream().map(OltpTest::sysbenchName).toList());
        }
        if (sessions.isEmpty() || sessions.stream().anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException("--sessions takes counts >= 1, not " + sessions);
        }
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be >= 1");
        }
        if (partitions < 0) {
            throw new IllegalArgumentException("--partitions must be >= 0");
        }
        if (params.tableSize() < 1) {
            throw new IllegalArgumentException("--table-size must be >= 1");
        }
        if (time.isZero() || time.isNegative() || warmup.isNegative() || reportInterval.isNegative()) {
            throw new IllegalArgumentException("--time must be > 0, --warmup and --report-interval >= 0");
        }
    }

    /** Rows the sbtest tables hold after prepare. */
    long loadedRows() {
        return (long) params.tables() * params.tableSize();
    }
}
