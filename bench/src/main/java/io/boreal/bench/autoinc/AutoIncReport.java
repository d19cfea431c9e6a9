package io.boreal.bench.autoinc;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * The printed table of {@code bench autoinc}: one line per session count and configuration (its
 * median run), then per session count how B-link compares with the serial twin, uncapped and
 * capped, and how the two trees compare when both are capped. Tree counters are per insert of the measured window, except hops (per tree operation)
 * and the latch wait (total over the window).
 */
final class AutoIncReport {

    private AutoIncReport() {
    }

    static void print(List<ConfigResult> results, PrintStream out) {
        out.printf("%8s  %-20s %12s %8s %8s %8s %11s %11s %9s %7s%n", "sessions", "config", "inserts/s", "p50 ms",
                "p99 ms", "hops/op", "lsplit/ins", "restart/ins", "latch ms", "errors");
        for (ConfigResult r : results) {
            RunOutcome m = r.median();
            out.printf("%8d  %-20s %12.0f %8.2f %8.2f %8.2f %11.4f %11.4f %9.1f %7d%n", r.sessions(), r.config().label(),
                    m.insertsPerSecond(), m.latency().p50Ms(), m.latency().p99Ms(), m.hopsPerOperation(),
                    m.leafSplitsPerInsert(), m.restartsPerInsert(), m.tree().latchWaitMs(), m.errors());
        }
        out.println();
        for (int sessions : results.stream().map(ConfigResult::sessions).distinct().toList()) {
            out.printf("%8d sessions: blink/serial_smo %s, blink/capped %s, both capped: blink/serial_smo %s%n",
                    sessions, format(ratio(results, sessions, AutoIncConfig.SERIAL_SMO)),
                    format(ratio(results, sessions, AutoIncConfig.SERIAL_SMO_CAPPED_8)),
                    format(ratio(results, sessions, AutoIncConfig.BLINK_CAPPED_8, AutoIncConfig.SERIAL_SMO_CAPPED_8)));
        }
    }

    /** Median inserts/s of blink over that of {@code other} at {@code sessions}; empty when one is missing or 0. */
    static Optional<Double> ratio(List<ConfigResult> results, int sessions, AutoIncConfig other) {
        return ratio(results, sessions, AutoIncConfig.BLINK, other);
    }

    /** Median inserts/s of {@code one} over that of {@code other}; empty when one is missing or 0. */
    static Optional<Double> ratio(List<ConfigResult> results, int sessions, AutoIncConfig one, AutoIncConfig other) {
        Optional<Double> mine = median(results, sessions, one);
        Optional<Double> them = median(results, sessions, other).filter(v -> v > 0);
        return mine.isPresent() && them.isPresent() ? Optional.of(mine.get() / them.get()) : Optional.empty();
    }

    private static Optional<Double> median(List<ConfigResult> results, int sessions, AutoIncConfig config) {
        return results.stream().filter(r -> r.sessions() == sessions && r.config() == config).findFirst()
                .map(r -> r.median().insertsPerSecond());
    }

    private static String format(Optional<Double> ratio) {
        return ratio.map(v -> String.format("%.2f", v)).orElse("n/a");
    }
}
