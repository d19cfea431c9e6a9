package io.boreal.bench.mvcc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.boreal.bench.MiniJson;

/**
 * A smoke run of {@code bench mvcc} with tiny settings: every part runs in both modes (or with
 * fsync on and off), commits transactions, keeps the tables' row count, and the summary and the
 * JSON carry the ratios. No timing thresholds: benchmarks report numbers, tests check behaviour.
 */
class MvccBenchTest {

    private static final long SEED = 42;

    @Test
    void everyPartRunsBothModesAndReportsRatios(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("out/mvcc.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        MvccCommand command = new MvccCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        int code = new picocli.CommandLine(command).execute("--sessions", "2,4", "--time", "0.6", "--warmup", "0.2",
                "--runs", "1", "--storage", "mem", "--tables", "2", "--table-size", "300", "--open", "10,200",
                "--read-view-time", "0.05", "--durable-sessions", "4", "--dir", dir.resolve("db").toString(),
                "--json", json.toString(), "--seed", Long.toString(SEED));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, "seed " + SEED + "\n" + printed + err.toString(StandardCharsets.UTF_8));
        assertTrue(printed.contains("cts / active_list (tps):"), printed);
        assertTrue(printed.contains("durable / non-durable (tps):"), printed);
        assertTrue(printed.contains("Targets"), printed);

        Object root = MiniJson.parse(Files.readString(json));
        assertEquals("mvcc", MiniJson.get(root, "workload"));
        List<?> oltp = (List<?>) MiniJson.get(root, "oltp");
        assertEquals(2 * 2 * 2, oltp.size(), "2 tests x 2 session counts x 2 modes");
        for (Object r : oltp) {
            String what = "seed " + SEED + ": " + r;
            Map<?, ?> run = (Map<?, ?>) ((List<?>) MiniJson.get(r, "runs")).get(0);
            assertTrue((Double) run.get("tps") > 0, what);
            assertTrue((Double) run.get("commits") > 0, what);
            assertEquals(2 * 300.0, (Double) run.get("rows"), what);
            assertTrue(List.of("cts", "active_list").contains(MiniJson.get(r, "mode")), what);
            if (MiniJson.get(r, "mode").equals("cts")) {
                assertEquals(0.0, (Double) run.get("listed_mid"), "cts transactions never join the active list: " + what);
            }
        }
        for (Object ratio : (List<?>) MiniJson.get(root, "oltp_ratios")) {
            assertNotNull(MiniJson.get(ratio, "cts_over_active_list"), ratio.toString());
        }
        List<?> views = (List<?>) MiniJson.get(root, "read_views");
        assertEquals(2 * 2, views.size());
        for (Object v : views) {
            assertTrue((Double) MiniJson.get(v, "ns_per_read_view") > 0, v.toString());
            double expectedListed = MiniJson.get(v, "mode").equals("active_list") ? (Double) MiniJson.get(v, "open") : 0;
            assertEquals(expectedListed, (Double) MiniJson.get(v, "listed"), v.toString());
        }
        assertNotNull(MiniJson.get(root, "read_view_growth", "cts"));
        assertNotNull(MiniJson.get(root, "read_view_growth", "active_list"));
        List<?> durable = (List<?>) MiniJson.get(root, "durable");
        assertEquals(2, durable.size());
        for (Object d : durable) {
            Map<?, ?> run = (Map<?, ?>) ((List<?>) MiniJson.get(d, "runs")).get(0);
            assertTrue((Double) run.get("commits") > 0, d.toString());
            if (MiniJson.get(d, "fsync").equals("on")) {
                assertTrue((Double) MiniJson.get(run, "journal", "fsyncs") > 0, d.toString());
            }
        }
        assertNotNull(MiniJson.get(root, "durable_over_non_durable"));
        assertNotNull(MiniJson.get(root, "fsyncs_per_commit"));
        assertEquals(2 + 1 + 2, ((List<?>) MiniJson.get(root, "targets")).size());
    }

    @Test
    void badOptionsExitWithTwo() {
        assertEquals(2, exitCode("--storage", "disk"));
        assertEquals(2, exitCode("--sessions", "0"));
        assertEquals(2, exitCode("--parts", "everything"));
        assertEquals(2, exitCode("--tests", "oltp_point_select"));
        assertEquals(2, exitCode("--fsync", "maybe"));
    }

    private static int exitCode(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        MvccCommand command = new MvccCommand(new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        int code = new picocli.CommandLine(command).execute(args);
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("FATAL"), err.toString(StandardCharsets.UTF_8));
        return code;
    }
}
