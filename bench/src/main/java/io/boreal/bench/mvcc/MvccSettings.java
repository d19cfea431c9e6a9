package io.boreal.bench.mvcc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.boreal.bench.IgnoredErrors;
import io.boreal.bench.sysbench.OltpParams;
import io.boreal.bench.sysbench.OltpTest;

/**
 * What {@code bench mvcc} runs.
 *
 * @param parts           the measurements to make
 * @param tests           the OLTP tests of the first part (transactional ones: a read view is a transaction's)
 * @param sessions        session counts of the first part
 * @param warmup          transactions before the measured window of each OLTP run (not counted)
 * @param time            the measured window of each OLTP run
 * @param runs            runs per configuration; the median one is reported
 * @param fileMode        first part: a durable database (redo log on disk) rather than an in-memory one
 * @param fsync           first part, file mode: force each group commit to disk
 * @param dir             parent of the databases' directories; null = a fresh temporary one, deleted at the end
 * @param params          the sbtest tables and the statements of one transaction
 * @param partitions      &gt; 0: tables are created with that many hash partitions; 0 = the node's default
 * @param ignoredErrors   SQLStates a transaction is rolled back on and the loop goes on from; others abort
 * @param openTransactions second part: transactions held open while read views are timed
 * @param readViewTime    second part: how long each measurement begins and finishes transactions
 * @param durableSessions third part: sessions of oltp_write_only
 * @param seed            seeds the loaded rows and every session's random source
 */
public record MvccSettings(Set<MvccPart> parts, List<OltpTest> tests, List<Integer> sessions, Duration warmup,
                           Duration time, int runs, boolean fileMode, boolean fsync, Path dir, OltpParams params,
                           int partitions, IgnoredErrors ignoredErrors, List<Integer> openTransactions,
                           Duration readViewTime, int durableSessions, long seed) {

    public MvccSettings {
        parts = Set.copyOf(parts);
        tests = List.copyOf(tests);
        sessions = List.copyOf(sessions);
        openTransactions = List.copyOf(openTransactions);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("--parts names no part");
        }
        if (tests.isEmpty() || tests.stream().anyMatch(t -> !t.transactional())) {
            throw new IllegalArgumentException("--tests takes transactional tests (oltp_read_only, oltp_read_write,"
                    + " oltp_write_only), not " + tests.stream().map(OltpTest::sysbenchName).toList());
        }
        if (sessions.isEmpty() || sessions.stream().anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException("--sessions takes counts >= 1, not " + sessions);
        }
        if (openTransactions.isEmpty() || openTransactions.stream().anyMatch(n -> n < 0)) {
            throw new IllegalArgumentException("--open takes counts >= 0, not " + openTransactions);
        }
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be >= 1");
        }
        if (durableSessions < 1) {
            throw new IllegalArgumentException("--durable-sessions must be >= 1");
        }
        if (partitions < 0) {
            throw new IllegalArgumentException("--partitions must be >= 0");
        }
        if (params.tableSize() < 1) {
            throw new IllegalArgumentException("--table-size must be >= 1");
        }
        if (time.isZero() || time.isNegative() || warmup.isNegative() || readViewTime.isZero()
                || readViewTime.isNegative()) {
            throw new IllegalArgumentException("--time and --read-view-time must be > 0, --warmup >= 0");
        }
    }

    boolean runs(MvccPart part) {
        return parts.contains(part);
    }

    /** Rows every sbtest table holds after prepare, and keeps (a delete and its insert commit together). */
    long expectedRows() {
        return (long) params.tables() * params.tableSize();
    }
}
