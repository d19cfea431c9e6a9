package io.boreal.bench.autoinc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.boreal.bench.MiniJson;

/**
 * A smoke run of {@code bench autoinc}: every configuration runs, counts inserts, and leaves a
 * table holding exactly the inserts it acknowledged. No timing thresholds: benchmarks report
 * numbers, tests check behaviour.
 */
class AutoIncBenchTest {

    @Test
    void everyConfigurationInsertsAndTheTableHoldsEveryAcknowledgedInsert() throws Exception {
        AutoIncSettings settings = new AutoIncSettings(List.of(1, 4), Duration.ofMillis(100), Duration.ofMillis(300),
                1, false, true, null, 42);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        List<ConfigResult> results = new AutoIncBench(settings, new PrintStream(progress, true, StandardCharsets.UTF_8)).run();

        assertEquals(2 * AutoIncConfig.values().length, results.size());
        for (int sessions : List.of(1, 4)) {
            for (AutoIncConfig config : AutoIncConfig.values()) {
                ConfigResult r = results.stream().filter(x -> x.sessions() == sessions && x.config() == config)
                        .findFirst().orElseThrow(() -> new AssertionError(config + " at " + sessions + " did not run"));
                RunOutcome run = r.median();
                String what = config.label() + " at " + sessions + " sessions: " + run;
                assertTrue(run.inserts() > 0, what);
                assertEquals(0, run.errors(), what);
                assertTrue(run.totalInserts() >= run.inserts(), what);
                assertEquals(run.totalInserts(), run.rowsInTable(), what);
            }
        }
        assertTrue(progress.toString(StandardCharsets.UTF_8).contains("serial_smo capped 8"));
    }

    @Test
    void reportAndJsonCoverEveryResult(@TempDir Path dir) throws Exception {
        AutoIncSettings settings = new AutoIncSettings(List.of(2), Duration.ZERO, Duration.ofMillis(200), 1, true, true,
                dir.resolve("db"), 7);
        List<ConfigResult> results = new AutoIncBench(settings, new PrintStream(new ByteArrayOutputStream())).run();

        ByteArrayOutputStream table = new ByteArrayOutputStream();
        AutoIncReport.print(results, new PrintStream(table, true, StandardCharsets.UTF_8));
        String printed = table.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("blink/serial_smo"), printed);
        assertTrue(printed.contains("serial_smo capped 8"), printed);

        Path file = dir.resolve("out/autoinc.json");
        AutoIncJson.write(file, settings, Instant.now(), results);
        Object json = MiniJson.parse(Files.readString(file));
        assertEquals("autoinc", MiniJson.get(json, "workload"));
        List<?> written = (List<?>) MiniJson.get(json, "results");
        assertEquals(AutoIncConfig.values().length, written.size());
        assertEquals("file", MiniJson.get(json, "options", "storage"));
        assertEquals(1, ((List<?>) MiniJson.get(json, "ratios")).size());
    }

    @Test
    void badOptionsExitWithTwo() {
        assertEquals(2, exitCode("--storage", "disk"));
        assertEquals(2, exitCode("--sessions", "0"));
        assertEquals(2, exitCode("--storage", "mem", "--dir", "somewhere"));
    }

    private static int exitCode(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AutoIncCommand command = new AutoIncCommand(new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        int code = new picocli.CommandLine(command).execute(args);
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("FATAL"), err.toString(StandardCharsets.UTF_8));
        return code;
    }
}
