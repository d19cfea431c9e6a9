package io.boreal.bench.exec;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;

import io.boreal.bench.impl.Target;
import io.boreal.bench.sysbench.OltpTest;

/**
 * The printed summary of {@code bench exec}: per test, each session count's two sides (median
 * runs) and the ratios async / blocking; then the targets.
 */
final class ExecReport {

    private ExecReport() {
    }

    static void print(ExecResults results, ExecSettings settings, PrintStream out) {
        out.printf("Summary (median of %d run(s) by tps; tps = events per second of the window; cs/s = context"
                + " switches per second over the window: this process's threads, the whole machine; threads ="
                + " this process's at the window's end)%n", settings.runs());
        for (OltpTest test : settings.tests()) {
            printTest(results, settings, test, out);
        }
        out.println("Targets");
        for (Target t : ExecTargets.of(results)) {
            out.printf(Locale.ROOT, "  %-58s %-7s %7s  %-12s %s%n", t.name(), t.goal(), format(t.value(), "%.3f"),
                    t.status(), t.detail().isEmpty() ? "" : "(" + t.detail() + ")");
        }
    }

    private static void printTest(ExecResults results, ExecSettings settings, OltpTest test, PrintStream out) {
        out.printf("%n%s (%s)%n", test.sysbenchName(), test.transactional() ? "BEGIN … COMMIT" : "autocommit");
        out.printf("%8s  %-8s %10s %8s %8s %8s %7s %13s %13s %8s%n", "sessions", "mode", "tps", "p95 ms", "p99 ms",
                "p99.9 ms", "errors", "proc cs/s", "system cs/s", "threads");
        for (int sessions : settings.sessions()) {
            for (ExecMode mode : ExecMode.values()) {
                results.result(test, sessions, mode).ifPresent(r -> {
                    ExecOutcome m = r.median();
                    out.printf(Locale.ROOT, "%8d  %-8s %10.1f %8.2f %8.2f %8.2f %7d %13s %13s %8s%s%n", sessions,
                            mode.label(), m.tps(), m.latency().p95Ms(), m.latency().p99Ms(), m.latency().p999Ms(),
                            m.errors(), format(m.switches().processPerSec(), "%,.0f"),
                            format(m.switches().systemPerSec(), "%,.0f"),
                            m.switches().threads().map(String::valueOf).orElse("n/a"),
                            m.rows() != m.expectedRows()
                                    ? "  WARNING: " + m.rows() + " rows, expected " + m.expectedRows() : "");
                });
            }
            out.printf(Locale.ROOT, "%8s  async / blocking: tps %sx, p99 %sx%n", "",
                    format(results.asyncOverBlockingTps(test, sessions), "%.2f"),
                    format(results.asyncOverBlockingP99(test, sessions), "%.2f"));
        }
        int most = settings.sessions().stream().max(Integer::compare).orElseThrow();
        results.peak(test, ExecMode.ASYNC).ifPresent(peak -> out.printf(Locale.ROOT,
                "async peak %,.1f tps at %d sessions; at %d sessions %s of it%n", peak.median().tps(),
                peak.sessions(), most, format(results.overPeak(test, most, ExecMode.ASYNC), "%.2f")));
    }

    static String format(Optional<? extends Number> value, String pattern) {
        return value.map(v -> String.format(Locale.ROOT, pattern, v.doubleValue())).orElse("n/a");
    }
}
