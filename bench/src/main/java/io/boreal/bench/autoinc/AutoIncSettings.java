package io.boreal.bench.autoinc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What {@code bench autoinc} runs.
 *
 * @param sessions concurrent sessions, one measurement set per count
 * @param warmup   inserts before the measured window of each run (not counted)
 * @param time     the measured window of each run
 * @param runs     runs per session count and configuration; the median one is reported
 * @param fileMode a durable database (redo log on disk) rather than an in-memory one (whose
 *                 journal keeps every event in memory: long runs grow the heap)
 * @param fsync    file mode: force each group commit to disk (off isolates the index from the
 *                 disk; for comparison only, a crash would lose acknowledged rows)
 * @param dir      the database directory in file mode; null = a fresh temporary one, deleted at the end
 * @param seed     seeds the row values
 */
public record AutoIncSettings(List<Integer> sessions, Duration warmup, Duration time, int runs, boolean fileMode,
                              boolean fsync, Path dir, long seed) {

    public AutoIncSettings {
        sessions = List.copyOf(sessions);
        if (sessions.isEmpty() || sessions.stream().anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException("--sessions takes counts >= 1, not " + sessions);
        }
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be >= 1");
        }
        if (time.isZero() || time.isNegative() || warmup.isNegative()) {
            throw new IllegalArgumentException("--time must be > 0 and --warmup >= 0");
        }
    }
}
