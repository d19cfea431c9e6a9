package io.boreal.bench.autoinc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.boreal.bench.LatencySummary;
import io.boreal.bench.impl.JsonWriter;

/**
 * The result file of {@code bench autoinc}:
 *
 * <pre>
 * { "workload": "autoinc", "started_at": ISO-8601,
 *   "options": { "sessions": [..], "time_s", "warmup_s", "runs", "storage", "seed" },
 *   "results": [ { "sessions", "config", "btree", "thread_concurrency", "median_run",
 *                  "runs": [ { "inserts_per_s", "inserts", "errors", "total_inserts", "rows_in_table",
 *                              "latency_ms": { "p50", "p95", "p99", "max" },
 *                              "tree": { "operations", "hops", "hops_per_op", "leaf_splits", "inner_splits",
 *                                        "root_splits", "restarts", "latch_wait_ms" },
 *                              "first_error" }, … ] }, … ],
 *   "ratios": [ { "sessions", "blink_over_serial_smo", "blink_over_capped_8",
 *                 "capped_blink_over_capped_serial_smo" }, … ] }
 * </pre>
 *
 * {@code median_run} is the index in {@code runs} of the run the table reports.
 */
final class AutoIncJson {

    private AutoIncJson() {
    }

    static void write(Path file, AutoIncSettings settings, Instant startedAt, List<ConfigResult> results)
            throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, toJson(settings, startedAt, results) + "\n", StandardCharsets.UTF_8);
    }

    static String toJson(AutoIncSettings settings, Instant startedAt, List<ConfigResult> results) {
        JsonWriter w = new JsonWriter().beginObject();
        w.name("workload").value("autoinc").name("started_at").value(startedAt.toString());
        w.name("options").beginObject().name("sessions").beginArray();
        settings.sessions().forEach(n -> w.value(n.longValue()));
        w.endArray().name("time_s").value(settings.time().toNanos() / 1e9)
                .name("warmup_s").value(settings.warmup().toNanos() / 1e9).name("runs").value(settings.runs())
                .name("storage").value(settings.fileMode() ? "file" : "mem").name("seed").value(settings.seed())
                .endObject();
        w.name("results").beginArray();
        for (ConfigResult r : results) {
            w.beginObject().name("sessions").value(r.sessions()).name("config").value(r.config().label())
                    .name("btree").value(r.config().btree()).name("thread_concurrency").value(r.config().threadConcurrency())
                    .name("median_run").value(r.runs().indexOf(r.median()))
                    .name("runs").beginArray();
            r.runs().forEach(run -> run(w, run));
            w.endArray().endObject();
        }
        w.endArray().name("ratios").beginArray();
        for (int sessions : results.stream().map(ConfigResult::sessions).distinct().toList()) {
            w.beginObject().name("sessions").value(sessions);
            ratio(w.name("blink_over_serial_smo"), AutoIncReport.ratio(results, sessions, AutoIncConfig.SERIAL_SMO));
            ratio(w.name("blink_over_capped_8"), AutoIncReport.ratio(results, sessions, AutoIncConfig.SERIAL_SMO_CAPPED_8));
            ratio(w.name("capped_blink_over_capped_serial_smo"), AutoIncReport.ratio(results, sessions,
                    AutoIncConfig.BLINK_CAPPED_8, AutoIncConfig.SERIAL_SMO_CAPPED_8));
            w.endObject();
        }
        return w.endArray().endObject().toString();
    }

    private static void run(JsonWriter w, RunOutcome run) {
        LatencySummary l = run.latency();
        TreeDelta t = run.tree();
        w.beginObject().name("inserts_per_s").value(run.insertsPerSecond()).name("inserts").value(run.inserts())
                .name("errors").value(run.errors()).name("total_inserts").value(run.totalInserts())
                .name("rows_in_table").value(run.rowsInTable())
                .name("latency_ms").beginObject().name("p50").value(l.p50Ms()).name("p95").value(l.p95Ms())
                .name("p99").value(l.p99Ms()).name("max").value(l.maxMs()).endObject()
                .name("tree").beginObject().name("operations").value(t.operations()).name("hops").value(t.hops())
                .name("hops_per_op").value(t.hopsPerOperation()).name("leaf_splits").value(t.leafSplits())
                .name("inner_splits").value(t.innerSplits()).name("root_splits").value(t.rootSplits())
                .name("restarts").value(t.restarts()).name("latch_wait_ms").value(t.latchWaitMs()).endObject()
                .name("first_error").value(run.firstError())
                .endObject();
    }

    private static void ratio(JsonWriter w, Optional<Double> ratio) {
        if (ratio.isPresent()) {
            w.value(ratio.get());
        } else {
            w.nullValue();
        }
    }
}
