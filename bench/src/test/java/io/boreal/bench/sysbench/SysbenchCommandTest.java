package io.boreal.bench.sysbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.boreal.bench.MiniJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

/** Every sysbench test end to end on H2: prepare, a short run, summary and result file. */
class SysbenchCommandTest {
    private static final long SEED = 20240501;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(OltpTest.class)
    void runsTheTestAndWritesItsResult(OltpTest test) throws Exception {
        String url = "jdbc:h2:mem:cmd_" + test.sysbenchName() + ";MODE=MySQL";
        Path json = dir.resolve(test.sysbenchName() + ".json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        Connection keepAlive = DriverManager.getConnection(url); // the in-memory database lives while it is open
        try {
            exit = new CommandLine(new SysbenchCommand(utf8(out), utf8(err))).execute(
                    "--test", test.sysbenchName(), "--url", url, "--threads", "3", "--time", "1",
                    "--report-interval", "0.5", "--tables", "2", "--table-size", "2000",
                    "--seed", Long.toString(SEED), "--json", json.toString());
        } finally {
            keepAlive.close();
        }

        String log = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, "seed " + SEED + "\n" + log + err.toString(StandardCharsets.UTF_8));
        assertTrue(log.contains("SQL statistics:") && log.contains("Threads fairness:"), log);
        assertTrue(log.contains("] thds: 3 tps: "), log);

        Object root = MiniJson.parse(Files.readString(json));
        long tx = number(root, "summary", "transactions");
        long errors = number(root, "summary", "ignored_errors");
        long reads = number(root, "summary", "queries", "read");
        long writes = number(root, "summary", "queries", "write");
        long others = number(root, "summary", "queries", "other");
        assertTrue(tx > 0, "no transactions, seed " + SEED);
        assertEquals(test.sysbenchName(), MiniJson.get(root, "workload"));
        assertEquals(2, ((List<?>) MiniJson.get(root, "intervals")).size());
        assertTrue(MiniJson.get(root, "summary", "latency_ms", "p99_9") instanceof Double);
        assertEquals(reads + writes + others, number(root, "summary", "queries", "total"));

        QueryMix mix = QueryMix.of(test);
        if (errors == 0) {
            assertEquals(mix.reads * tx, reads, "reads");
            assertEquals(mix.writes * tx, writes, "writes");
            assertEquals(mix.others * tx, others, "others");
        } else {
            assertTrue(reads >= mix.reads * tx && writes >= mix.writes * tx && others >= mix.others * tx);
        }
    }

    @Test
    void rejectsAnUnknownTest() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new CommandLine(new SysbenchCommand(utf8(new ByteArrayOutputStream()), utf8(err)))
                .execute("--test", "oltp_nope", "--url", "jdbc:h2:mem:x");
        assertEquals(2, exit);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("oltp_read_write"));
    }

    @Test
    void failsWithAClearMessageWhenTheTablesAreMissing() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new CommandLine(new SysbenchCommand(utf8(new ByteArrayOutputStream()), utf8(err)))
                .execute("--test", "oltp_point_select", "--url", "jdbc:h2:mem:empty;MODE=MySQL", "--skip-prepare",
                        "--time", "1", "--json", dir.resolve("x.json").toString());
        assertEquals(1, exit);
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.startsWith("FATAL: ") && message.contains("SQLState 42"), message);
    }

    /** Statements per event of each test with sysbench's defaults (BEGIN and COMMIT are "other"). */
    private record QueryMix(long reads, long writes, long others) {
        static QueryMix of(OltpTest t) {
            return switch (t) {
                case OLTP_POINT_SELECT -> new QueryMix(1, 0, 0);
                case OLTP_READ_ONLY -> new QueryMix(14, 0, 2);
                case OLTP_READ_WRITE -> new QueryMix(14, 4, 2);
                case OLTP_WRITE_ONLY -> new QueryMix(0, 4, 2);
                case OLTP_INSERT, OLTP_UPDATE_INDEX, OLTP_UPDATE_NON_INDEX, OLTP_DELETE -> new QueryMix(0, 1, 0);
            };
        }
    }

    private static long number(Object root, String... path) {
        return ((Double) MiniJson.get(root, path)).longValue();
    }

    private static PrintStream utf8(ByteArrayOutputStream b) {
        return new PrintStream(b, true, StandardCharsets.UTF_8);
    }
}
