package io.boreal.bench;

import io.boreal.bench.impl.JsonWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The machine-readable result file of a run:
 *
 * <pre>
 * { "workload": …, "started_at": ISO-8601, "options": { name: value, … },
 *   "intervals": [ { "time_s", "threads", "tps", "qps", "reads_per_s", "writes_per_s", "other_per_s",
 *                    "lat_ms": { "p50", "p95", "p99", "max" }, "err_per_s", "reconn_per_s" }, … ],
 *   "summary": { "queries": { "read", "write", "other", "total" }, "transactions", "tps", "qps",
 *                "ignored_errors", "err_per_s", "reconnects", "total_time_s", "events",
 *                "latency_ms": { "min", "avg", "p50", "p95", "p99", "p99_9", "max", "sum" },
 *                "fairness": { "events_avg", "events_stddev", "exec_time_avg_s", "exec_time_stddev_s" } } }
 * </pre>
 */
public final class ResultJson {
    private ResultJson() {
    }

    /** Writes the result file, creating parent directories. Option values: numbers, booleans, strings, null. */
    public static void write(Path file, Map<String, ?> options, RunResult result) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, toJson(options, result) + "\n", StandardCharsets.UTF_8);
    }

    public static String toJson(Map<String, ?> options, RunResult r) {
        JsonWriter w = new JsonWriter().beginObject();
        w.name("workload").value(r.workload());
        w.name("started_at").value(r.startedAt().toString());
        w.name("options").beginObject();
        options.forEach((k, v) -> option(w.name(k), v));
        w.endObject();
        w.name("intervals").beginArray();
        for (IntervalSample s : r.intervals()) {
            interval(w, s);
        }
        w.endArray();
        summary(w.name("summary"), r);
        return w.endObject().toString();
    }

    private static void option(JsonWriter w, Object v) {
        if (v == null) {
            w.nullValue();
        } else if (v instanceof Boolean b) {
            w.value(b);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            w.value(((Number) v).longValue());
        } else if (v instanceof Number n) {
            w.value(n.doubleValue());
        } else {
            w.value(v.toString());
        }
    }

    private static void interval(JsonWriter w, IntervalSample s) {
        w.beginObject()
                .name("time_s").value(s.timeSec()).name("threads").value(s.threads())
                .name("tps").value(s.tps()).name("qps").value(s.qps())
                .name("reads_per_s").value(s.readsPerSec()).name("writes_per_s").value(s.writesPerSec())
                .name("other_per_s").value(s.othersPerSec())
                .name("lat_ms").beginObject()
                .name("p50").value(s.p50Ms()).name("p95").value(s.p95Ms())
                .name("p99").value(s.p99Ms()).name("max").value(s.maxMs()).endObject()
                .name("err_per_s").value(s.errorsPerSec()).name("reconn_per_s").value(s.reconnectsPerSec())
                .endObject();
    }

    private static void summary(JsonWriter w, RunResult r) {
        LatencySummary l = r.latency();
        Fairness f = r.fairness();
        w.beginObject()
                .name("queries").beginObject()
                .name("read").value(r.reads()).name("write").value(r.writes())
                .name("other").value(r.others()).name("total").value(r.queries()).endObject()
                .name("transactions").value(r.transactions()).name("tps").value(r.tps()).name("qps").value(r.qps())
                .name("ignored_errors").value(r.ignoredErrors())
                .name("err_per_s").value(r.perSecond(r.ignoredErrors()))
                .name("reconnects").value(r.reconnects())
                .name("total_time_s").value(r.totalTimeSec()).name("events").value(r.transactions())
                .name("threads").value(r.threads())
                .name("latency_ms").beginObject()
                .name("min").value(l.minMs()).name("avg").value(l.avgMs()).name("p50").value(l.p50Ms())
                .name("p95").value(l.p95Ms()).name("p99").value(l.p99Ms()).name("p99_9").value(l.p999Ms())
                .name("max").value(l.maxMs()).name("sum").value(l.sumMs()).endObject()
                .name("fairness").beginObject()
                .name("events_avg").value(f.eventsAvg()).name("events_stddev").value(f.eventsStddev())
                .name("exec_time_avg_s").value(f.execTimeAvgSec())
                .name("exec_time_stddev_s").value(f.execTimeStddevSec()).endObject()
                .endObject();
    }
}
