package io.boreal.bench.mvcc;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import io.boreal.bench.LatencySummary;
import io.boreal.bench.impl.JsonWriter;
import io.boreal.bench.impl.Target;
import io.boreal.bench.sysbench.OltpTest;
import io.boreal.storage.journal.JournalMetrics;

/**
 * The result file of {@code bench mvcc}:
 *
 * <pre>
 * { "workload": "mvcc", "started_at": ISO-8601,
 *   "options": { "parts", "tests", "sessions", "time_s", "warmup_s", "runs", "storage", "fsync", "tables",
 *                "table_size", "partitions", "open", "read_view_time_s", "durable_sessions", "seed" },
 *   "oltp": [ { "test", "sessions", "mode", "median_run", "runs": [ run, … ] }, … ],
 *   "oltp_ratios": [ { "test", "sessions", "cts_over_active_list" }, … ],
 *   "read_views": [ { "open", "mode", "listed", "ns_per_read_view", "runs_ns": [..] }, … ],
 *   "read_view_growth": { "cts", "active_list" },
 *   "durable": [ { "fsync": "on"|"off", "sessions", "median_run", "runs": [ run, … ] }, … ],
 *   "durable_over_non_durable", "fsyncs_per_commit",
 *   "targets": [ { "name", "goal", "value", "met" }, … ] }
 *
 * run = { "tps", "commits", "errors", "latency_ms": { "p50", "p95", "p99", "max" }, "listed_mid", "rows",
 *         "journal": { "atomic_writes", "group_commits", "fsyncs", "fsync_ms" }, "fsyncs_per_commit",
 *         "first_error" }
 * </pre>
 *
 * {@code median_run} is the index in {@code runs} of the run the tables report; a ratio that
 * could not be taken is {@code null}.
 */
final class MvccJson {

    private MvccJson() {
    }

    static void write(Path file, MvccSettings settings, Instant startedAt, MvccResults results) throws IOException {
        toJson(settings, startedAt, results).writeTo(file);
    }

    static JsonWriter toJson(MvccSettings settings, Instant startedAt, MvccResults results) {
        JsonWriter w = new JsonWriter().beginObject();
        w.name("workload").value("mvcc").name("started_at").value(startedAt.toString());
        options(w, settings);
        w.name("oltp").beginArray();
        for (OltpResult r : results.oltp()) {
            w.beginObject().name("test").value(r.test().sysbenchName()).name("sessions").value(r.sessions())
                    .name("mode").value(r.mode().label()).name("median_run").value(r.runs().indexOf(r.median()));
            runs(w, r.runs());
            w.endObject();
        }
        w.endArray().name("oltp_ratios").beginArray();
        if (!results.oltp().isEmpty()) {
            for (OltpTest test : settings.tests()) {
                for (int sessions : settings.sessions()) {
                    w.beginObject().name("test").value(test.sysbenchName()).name("sessions").value(sessions);
                    w.name("cts_over_active_list").value(results.ctsOverActiveList(test, sessions));
                    w.endObject();
                }
            }
        }
        w.endArray().name("read_views").beginArray();
        for (ReadViewResult r : results.readViews()) {
            w.beginObject().name("open").value(r.open()).name("mode").value(r.mode().label())
                    .name("listed").value(r.listed()).name("ns_per_read_view").value(r.nsPerReadView())
                    .name("runs_ns").beginArray();
            r.runsNs().forEach(w::value);
            w.endArray().endObject();
        }
        w.endArray().name("read_view_growth").beginObject();
        for (MvccMode mode : MvccMode.values()) {
            w.name(mode.label()).value(results.readViewGrowth(mode));
        }
        w.endObject().name("durable").beginArray();
        for (DurableResult r : results.durable()) {
            w.beginObject().name("fsync").value(r.fsync() ? "on" : "off").name("sessions").value(r.sessions())
                    .name("median_run").value(r.runs().indexOf(r.median()));
            runs(w, r.runs());
            w.endObject();
        }
        w.endArray();
        w.name("durable_over_non_durable").value(results.durableOverNonDurable());
        w.name("fsyncs_per_commit").value(results.fsyncsPerCommit());
        w.name("targets").beginArray();
        for (Target t : MvccTargets.of(results, settings)) {
            w.beginObject().name("name").value(t.name()).name("goal").value(t.goal());
            w.name("value").value(t.value());
            w.name("met").value(t.met()).endObject();
        }
        return w.endArray().endObject();
    }

    private static void options(JsonWriter w, MvccSettings s) {
        w.name("options").beginObject().name("parts").beginArray();
        for (MvccPart p : MvccPart.values()) {
            if (s.runs(p)) {
                w.value(p.option());
            }
        }
        w.endArray().name("tests").beginArray();
        s.tests().forEach(t -> w.value(t.sysbenchName()));
        w.endArray().name("sessions").beginArray();
        s.sessions().forEach(n -> w.value(n.longValue()));
        w.endArray().name("time_s").value(s.time().toNanos() / 1e9).name("warmup_s").value(s.warmup().toNanos() / 1e9)
                .name("runs").value(s.runs()).name("storage").value(s.fileMode() ? "file" : "mem")
                .name("fsync").value(s.fsync() ? "on" : "off").name("tables").value(s.params().tables())
                .name("table_size").value(s.params().tableSize()).name("partitions").value(s.partitions())
                .name("open").beginArray();
        s.openTransactions().forEach(n -> w.value(n.longValue()));
        w.endArray().name("read_view_time_s").value(s.readViewTime().toNanos() / 1e9)
                .name("durable_sessions").value(s.durableSessions()).name("seed").value(s.seed()).endObject();
    }

    private static void runs(JsonWriter w, List<OltpOutcome> runs) {
        w.name("runs").beginArray();
        for (OltpOutcome run : runs) {
            LatencySummary l = run.latency();
            JournalMetrics.Snapshot j = run.journal();
            w.beginObject().name("tps").value(run.tps()).name("commits").value(run.commits())
                    .name("errors").value(run.errors())
                    .name("latency_ms").beginObject().name("p50").value(l.p50Ms()).name("p95").value(l.p95Ms())
                    .name("p99").value(l.p99Ms()).name("max").value(l.maxMs()).endObject()
                    .name("listed_mid").value(run.listedMid()).name("rows").value(run.rows())
                    .name("journal").beginObject().name("atomic_writes").value(j.atomicWrites())
                    .name("group_commits").value(j.groupCommits()).name("fsyncs").value(j.fsyncs())
                    .name("fsync_ms").value(j.fsyncNanos() / 1e6).endObject()
                    .name("fsyncs_per_commit").value(run.fsyncsPerCommit())
                    .name("first_error").value(run.firstError())
                    .endObject();
        }
        w.endArray();
    }
}
