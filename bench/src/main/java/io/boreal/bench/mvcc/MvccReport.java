package io.boreal.bench.mvcc;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;

import io.boreal.bench.impl.Target;
import io.boreal.bench.sysbench.OltpTest;

/**
 * The printed tables of {@code bench mvcc}: per part the median runs, the ratios between
 * modes (or between fsync on and off), then the targets.
 */
final class MvccReport {

    private MvccReport() {
    }

    static void print(MvccResults results, MvccSettings settings, PrintStream out) {
        if (!results.oltp().isEmpty()) {
            printOltp(results, settings, out);
        }
        if (!results.readViews().isEmpty()) {
            printReadViews(results, settings, out);
        }
        if (!results.durable().isEmpty()) {
            printDurable(results, settings, out);
        }
        out.println("Targets");
        for (Target t : MvccTargets.of(results, settings)) {
            out.printf(Locale.ROOT, "  %-64s %-8s %8s  %s%n", t.name(), t.goal(), format(t.value(), "%.3f"),
                    t.status());
        }
    }

    private static void printOltp(MvccResults results, MvccSettings settings, PrintStream out) {
        out.printf("OLTP (median of %d run(s); tps = transactions committed per second of the window)%n",
                settings.runs());
        out.printf("%-16s %8s  %-12s %10s %8s %8s %8s %7s %7s%n", "test", "sessions", "mode", "tps", "p50 ms",
                "p95 ms", "p99 ms", "errors", "listed");
        for (OltpResult r : results.oltp()) {
            OltpOutcome m = r.median();
            out.printf(Locale.ROOT, "%-16s %8d  %-12s %10.1f %8.2f %8.2f %8.2f %7d %7d%n", r.test().sysbenchName(),
                    r.sessions(), r.mode().label(), m.tps(), m.latency().p50Ms(), m.latency().p95Ms(),
                    m.latency().p99Ms(), m.errors(), m.listedMid());
        }
        out.println("cts / active_list (tps):");
        for (OltpTest test : settings.tests()) {
            StringBuilder line = new StringBuilder(String.format("  %-16s", test.sysbenchName()));
            for (int sessions : settings.sessions()) {
                line.append(String.format(Locale.ROOT, "  %d sessions: %s", sessions,
                        format(results.ctsOverActiveList(test, sessions), "%.2f")));
            }
            out.println(line);
        }
        out.println();
    }

    private static void printReadViews(MvccResults results, MvccSettings settings, PrintStream out) {
        out.printf("Read views (ns per begin + finish of one transaction, one thread; median of %d run(s))%n",
                settings.runs());
        out.printf("%10s %12s %14s %20s%n", "open", "cts", "active_list", "active_list / cts");
        for (int open : settings.openTransactions()) {
            out.printf(Locale.ROOT, "%,10d %12s %14s %20s%n", open,
                    format(results.readView(open, MvccMode.CTS).map(ReadViewResult::nsPerReadView), "%.0f"),
                    format(results.readView(open, MvccMode.ACTIVE_LIST).map(ReadViewResult::nsPerReadView), "%.0f"),
                    format(results.activeListOverCts(open), "%.2f"));
        }
        out.printf("growth from the fewest to the most open: cts %sx, active_list %sx%n%n",
                format(results.readViewGrowth(MvccMode.CTS), "%.2f"),
                format(results.readViewGrowth(MvccMode.ACTIVE_LIST), "%.2f"));
    }

    private static void printDurable(MvccResults results, MvccSettings settings, PrintStream out) {
        out.printf("Durable commit (oltp_write_only, %d sessions, cts, file journal; median of %d run(s))%n",
                settings.durableSessions(), settings.runs());
        out.printf("%-10s %10s %8s %8s %9s %8s %14s %14s%n", "journal", "tps", "p95 ms", "p99 ms", "commits",
                "fsyncs", "fsyncs/commit", "commits/group");
        for (DurableResult r : results.durable()) {
            OltpOutcome m = r.median();
            out.printf(Locale.ROOT, "%-10s %10.1f %8.2f %8.2f %9d %8d %14.4f %14.1f%n", r.label(), m.tps(),
                    m.latency().p95Ms(), m.latency().p99Ms(), m.commits(), m.journal().fsyncs(), m.fsyncsPerCommit(),
                    m.commitsPerGroupCommit());
        }
        out.printf("durable / non-durable (tps): %s%n%n", format(results.durableOverNonDurable(), "%.2f"));
    }

    private static String format(Optional<Double> value, String pattern) {
        return value.map(v -> String.format(Locale.ROOT, pattern, v)).orElse("n/a");
    }
}
