package io.boreal.bench;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link LoadRunner} run is driven.
 *
 * @param threads worker threads, each with its own connection (&ge; 1)
 * @param time how long events are started for; events in flight at the end are finished
 * @param reportInterval period of the live interval lines; {@link Duration#ZERO} turns them off
 * @param ignoredErrors SQL errors counted and gone on from; others abort the run
 * @param seed seed of the workers' random sources (thread i gets a source derived from seed and i)
 */
public record RunSettings(int threads, Duration time, Duration reportInterval, IgnoredErrors ignoredErrors, long seed) {

    public RunSettings {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(reportInterval, "reportInterval");
        Objects.requireNonNull(ignoredErrors, "ignoredErrors");
        if (time.isNegative() || time.isZero()) {
            throw new IllegalArgumentException("time must be > 0, got " + time);
        }
        if (reportInterval.isNegative()) {
            throw new IllegalArgumentException("reportInterval must be >= 0, got " + reportInterval);
        }
    }

    /** Settings with the default ignored errors and a time-based seed. */
    public static RunSettings of(int threads, Duration time, Duration reportInterval) {
        return new RunSettings(threads, time, reportInterval, IgnoredErrors.DEFAULT, System.nanoTime());
    }
}
