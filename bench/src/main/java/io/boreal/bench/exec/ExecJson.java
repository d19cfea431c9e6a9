package io.boreal.bench.exec;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import io.boreal.bench.LatencySummary;
import io.boreal.bench.impl.JsonWriter;
import io.boreal.bench.impl.Target;
import io.boreal.bench.sysbench.OltpTest;

/**
 * The result file of {@code bench exec}:
 *
 * <pre>
 * { "workload": "exec", "started_at": ISO-8601,
 *   "options": { "tests", "sessions", "time_s", "warmup_s", "runs", "storage", "fsync", "tables", "table_size",
 *                "partitions", "ignore_errors", "report_interval_s", "seed" },
 *   "results": [ { "test", "sessions", "mode", "median_run", "runs": [ run, … ] }, … ],
 *   "ratios": [ { "test", "sessions", "async_over_blocking_tps", "async_over_blocking_p99" }, … ],
 *   "async_peak": [ { "test", "peak_sessions", "peak_tps", "most_sessions", "most_over_peak" }, … ],
 *   "targets": [ { "name", "goal", "value", "met", "detail" }, … ] }
 *
 * run = { "tps", "events", "errors", "latency_ms": { "p50", "p95", "p99", "p99_9", "max" },
 *         "context_switches_per_s": { "process", "system" }, "threads", "gc_ms", "rows", "expected_rows",
 *         "first_error" }
 * </pre>
 *
 * {@code median_run} is the index in {@code runs} of the run the tables report. A ratio that
 * could not be taken, and a /proc number where /proc is missing, is {@code null}.
 */
final class ExecJson {

    private ExecJson() {
    }

    static void write(Path file, ExecSettings settings, Instant startedAt, ExecResults results) throws IOException {
        toJson(settings, startedAt, results).writeTo(file);
    }

    static JsonWriter toJson(ExecSettings settings, Instant startedAt, ExecResults results) {
        JsonWriter w = new JsonWriter().beginObject();
        w.name("workload").value("exec").name("started_at").value(startedAt.toString());
        options(w, settings);
        w.name("results").beginArray();
        for (ExecResult r : results.results()) {
            w.beginObject().name("test").value(r.test().sysbenchName()).name("sessions").value(r.sessions())
                    .name("mode").value(r.mode().label()).name("median_run").value(r.runs().indexOf(r.median()));
            runs(w, r.runs());
            w.endObject();
        }
        w.endArray().name("ratios").beginArray();
        for (OltpTest test : settings.tests()) {
            for (int sessions : settings.sessions()) {
                w.beginObject().name("test").value(test.sysbenchName()).name("sessions").value(sessions)
                        .name("async_over_blocking_tps").value(results.asyncOverBlockingTps(test, sessions))
                        .name("async_over_blocking_p99").value(results.asyncOverBlockingP99(test, sessions))
                        .endObject();
            }
        }
        w.endArray().name("async_peak").beginArray();
        int most = settings.sessions().stream().max(Integer::compare).orElseThrow();
        for (OltpTest test : settings.tests()) {
            results.peak(test, ExecMode.ASYNC).ifPresent(peak -> w.beginObject()
                    .name("test").value(test.sysbenchName()).name("peak_sessions").value(peak.sessions())
                    .name("peak_tps").value(peak.median().tps()).name("most_sessions").value(most)
                    .name("most_over_peak").value(results.overPeak(test, most, ExecMode.ASYNC)).endObject());
        }
        w.endArray().name("targets").beginArray();
        for (Target t : ExecTargets.of(results)) {
            w.beginObject().name("name").value(t.name()).name("goal").value(t.goal()).name("value").value(t.value())
                    .name("met").value(t.met()).name("detail").value(t.detail()).endObject();
        }
        return w.endArray().endObject();
    }

    private static void options(JsonWriter w, ExecSettings s) {
        w.name("options").beginObject().name("tests").beginArray();
        s.tests().forEach(t -> w.value(t.sysbenchName()));
        w.endArray().name("sessions").beginArray();
        s.sessions().forEach(n -> w.value(n.longValue()));
        w.endArray().name("time_s").value(s.time().toNanos() / 1e9).name("warmup_s").value(s.warmup().toNanos() / 1e9)
                .name("runs").value(s.runs()).name("storage").value(s.fileMode() ? "file" : "mem")
                .name("fsync").value(s.fsync() ? "on" : "off").name("tables").value(s.params().tables())
                .name("table_size").value(s.params().tableSize()).name("partitions").value(s.partitions())
                .name("ignore_errors").value(s.ignoredErrors().toString())
                .name("report_interval_s").value(s.reportInterval().toNanos() / 1e9)
                .name("seed").value(s.seed()).endObject();
    }

    private static void runs(JsonWriter w, List<ExecOutcome> runs) {
        w.name("runs").beginArray();
        for (ExecOutcome run : runs) {
            LatencySummary l = run.latency();
            w.beginObject().name("tps").value(run.tps()).name("events").value(run.events())
                    .name("errors").value(run.errors())
                    .name("latency_ms").beginObject().name("p50").value(l.p50Ms()).name("p95").value(l.p95Ms())
                    .name("p99").value(l.p99Ms()).name("p99_9").value(l.p999Ms()).name("max").value(l.maxMs())
                    .endObject()
                    .name("context_switches_per_s").beginObject()
                    .name("process").value(run.switches().processPerSec())
                    .name("system").value(run.switches().systemPerSec()).endObject()
                    .name("threads").value(run.switches().threads()).name("gc_ms").value(run.gcMs())
                    .name("rows").value(run.rows()).name("expected_rows").value(run.expectedRows())
                    .name("first_error").value(run.firstError())
                    .endObject();
        }
        w.endArray();
    }
}
