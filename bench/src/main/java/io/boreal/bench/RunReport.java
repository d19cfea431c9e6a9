package io.boreal.bench;

import java.io.PrintStream;
import java.util.Locale;

/** Prints a {@link RunResult} as sysbench's end-of-run summary, with p50/p99/p99.9 added. */
public final class RunReport {
    private RunReport() {
    }

    public static void printSummary(RunResult r, PrintStream out) {
        out.println();
        out.println("SQL statistics:");
        out.println("    queries performed:");
        line(out, "        read:", Long.toString(r.reads()));
        line(out, "        write:", Long.toString(r.writes()));
        line(out, "        other:", Long.toString(r.others()));
        line(out, "        total:", Long.toString(r.queries()));
        line(out, "    transactions:", rate(r.transactions(), r.perSecond(r.transactions())));
        line(out, "    queries:", rate(r.queries(), r.qps()));
        line(out, "    ignored errors:", rate(r.ignoredErrors(), r.perSecond(r.ignoredErrors())));
        line(out, "    reconnects:", rate(r.reconnects(), r.perSecond(r.reconnects())));
        out.println();
        out.println("General statistics:");
        line(out, "    total time:", String.format(Locale.ROOT, "%.4fs", r.totalTimeSec()));
        line(out, "    total number of events:", Long.toString(r.transactions()));
        out.println();
        LatencySummary l = r.latency();
        out.println("Latency (ms):");
        latency(out, "min:", l.minMs());
        latency(out, "avg:", l.avgMs());
        latency(out, "max:", l.maxMs());
        latency(out, "50th percentile:", l.p50Ms());
        latency(out, "95th percentile:", l.p95Ms());
        latency(out, "99th percentile:", l.p99Ms());
        latency(out, "99.9th percentile:", l.p999Ms());
        latency(out, "sum:", l.sumMs());
        out.println();
        Fairness f = r.fairness();
        out.println("Threads fairness:");
        out.printf(Locale.ROOT, "    %-31s%.4f/%.2f%n", "events (avg/stddev):", f.eventsAvg(), f.eventsStddev());
        out.printf(Locale.ROOT, "    %-31s%.4f/%.2f%n", "execution time (avg/stddev):",
                f.execTimeAvgSec(), f.execTimeStddevSec());
        out.println();
    }

    private static void line(PrintStream out, String label, String value) {
        out.printf(Locale.ROOT, "%-41s%s%n", label, value);
    }

    private static String rate(long count, double perSec) {
        return String.format(Locale.ROOT, "%-6d (%.2f per sec.)", count, perSec);
    }

    private static void latency(PrintStream out, String label, double ms) {
        out.printf(Locale.ROOT, "         %-20s%20.2f%n", label, ms);
    }
}
