package io.boreal.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** Behaviour of {@link LoadRunner} against H2 in memory: counting, ignored errors, aborts, reports. */
class LoadRunnerTest {
    private static final long SEED = 7;
    private static final Pattern SYSBENCH_LINE = Pattern.compile(
            "\\[ [0-9.]+s ] thds: 2 tps: \\d+\\.\\d\\d qps: \\d+\\.\\d\\d \\(r/w/o: \\d+\\.\\d\\d/\\d+\\.\\d\\d/\\d+\\.\\d\\d\\)"
                    + " lat \\(ms,95%\\): \\d+\\.\\d\\d err/s: \\d+\\.\\d\\d reconn/s: 0\\.00");

    private String url;
    private Connection keepAlive;

    @BeforeEach
    void openDatabase(TestInfo info) throws SQLException {
        url = "jdbc:h2:mem:runner_" + info.getTestMethod().orElseThrow().getName() + ";MODE=MySQL";
        keepAlive = DriverManager.getConnection(url);
    }

    @AfterEach
    void closeDatabase() throws SQLException {
        keepAlive.close();
    }

    @Test
    void countsConstraintViolationsRollsBackAndGoesOn() throws SQLException {
        exec("CREATE TABLE t (id BIGINT PRIMARY KEY)", "INSERT INTO t VALUES (-1)");
        Workload dupEveryThird = workload("dup", (c, thread) -> {
            c.setAutoCommit(false);
            PreparedStatement insert = c.prepareStatement("INSERT INTO t VALUES (?)");
            long[] n = {0};
            return q -> {
                n[0]++;
                insert.setLong(1, thread * 1_000_000_000L + n[0]);
                insert.executeUpdate();
                q.writes(1);
                if (n[0] % 3 == 0) {
                    insert.setLong(1, -1);
                    insert.executeUpdate(); // duplicate key: 23xxx, after a successful insert
                }
                c.commit();
                q.others(1);
            };
        });

        RunResult r = run(dupEveryThird, Duration.ofMillis(700), Duration.ZERO, new PrintStream(new ByteArrayOutputStream()));

        assertTrue(r.transactions() > 0, "transactions " + r.transactions());
        assertTrue(r.ignoredErrors() > 0, "ignored errors " + r.ignoredErrors());
        // each failed event's first insert was rolled back: one committed row per completed event
        assertEquals(r.transactions() + 1, count("SELECT COUNT(*) FROM t"));
        assertEquals(r.transactions() + r.ignoredErrors(), r.writes());
    }

    @Test
    void countsSerializationFailuresRaisedByTheDatabase() throws SQLException {
        exec("CREATE ALIAS CONFLICT FOR \"" + SerializationFailureFunction.class.getName() + ".conflict\"");
        Workload conflictEveryOther = workload("conflict", (c, thread) -> {
            PreparedStatement ok = c.prepareStatement("SELECT CAST(? AS INT)");
            PreparedStatement fail = c.prepareStatement("SELECT CONFLICT(?)");
            long[] n = {0};
            return q -> {
                PreparedStatement ps = ++n[0] % 2 == 0 ? fail : ok;
                ps.setLong(1, n[0]);
                q.reads(1);
                ps.executeQuery().close();
            };
        });

        RunResult r = run(conflictEveryOther, Duration.ofMillis(500), Duration.ZERO,
                new PrintStream(new ByteArrayOutputStream()));

        assertTrue(r.transactions() > 0);
        assertTrue(r.ignoredErrors() > 0);
        assertEquals(r.reads(), r.transactions() + r.ignoredErrors());
    }

    @Test
    void abortsTheRunOnAnyOtherSqlError() {
        Workload missingTable = workload("missing", (c, thread) -> {
            Statement s = c.createStatement();
            return q -> s.executeQuery("SELECT * FROM no_such_table").close();
        });

        RunAbortedException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(
                RunAbortedException.class,
                () -> run(missingTable, Duration.ofSeconds(60), Duration.ZERO, new PrintStream(new ByteArrayOutputStream()))));

        assertTrue(e.getMessage().contains("SQLState 42"), e.getMessage());
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
        assertTrue(e.getCause() instanceof SQLException);
    }

    @Test
    void abortsWhenAWorkerCannotConnect() {
        ConnectionFactory broken = () -> {
            throw new SQLException("connection refused", "08001");
        };
        RunAbortedException e = assertThrows(RunAbortedException.class, () -> LoadRunner.run(broken,
                new RunSettings(2, Duration.ofSeconds(30), Duration.ZERO, IgnoredErrors.DEFAULT, SEED),
                workload("x", (c, t) -> q -> { }), new PrintStream(new ByteArrayOutputStream())));
        assertTrue(e.getMessage().contains("08001"), e.getMessage());
    }

    @Test
    void printsSysbenchIntervalLinesAndKeepsTheSamples() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Workload select = workload("select", (c, thread) -> {
            PreparedStatement ps = c.prepareStatement("SELECT 1");
            return q -> {
                ps.executeQuery().close();
                q.reads(1);
            };
        });

        RunResult r = run(select, Duration.ofMillis(1000), Duration.ofMillis(250),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(4, lines.size(), String.join("\n", lines));
        lines.forEach(l -> assertTrue(SYSBENCH_LINE.matcher(l).matches(), l));
        assertEquals(4, r.intervals().size());
        assertEquals(r.reads(), r.transactions());
        assertEquals(r.transactions(), r.latencyUs().getTotalCount());
        assertTrue(r.latency().maxMs() >= r.latency().p50Ms());

        Object json = MiniJson.parse(ResultJson.toJson(Map.of("threads", 2, "note", "a \"quoted\"\nline"), r));
        assertEquals(r.transactions(), ((Double) MiniJson.get(json, "summary", "transactions")).longValue());
        assertEquals("a \"quoted\"\nline", MiniJson.get(json, "options", "note"));
        assertEquals(4, ((List<?>) MiniJson.get(json, "intervals")).size());
    }

    private RunResult run(Workload w, Duration time, Duration interval, PrintStream out) {
        return LoadRunner.run(() -> DriverManager.getConnection(url),
                new RunSettings(2, time, interval, IgnoredErrors.DEFAULT, SEED), w, out);
    }

    private void exec(String... sql) throws SQLException {
        try (Statement s = keepAlive.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    private long count(String sql) throws SQLException {
        try (Statement s = keepAlive.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Builds a worker from a connection and thread index. */
    private interface WorkerFactory {
        Workload.Worker create(Connection c, int threadIndex) throws SQLException;
    }

    private static Workload workload(String name, WorkerFactory factory) {
        return new Workload() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Worker newWorker(Connection c, int threadIndex, java.util.SplittableRandom random) throws SQLException {
                return factory.create(c, threadIndex);
            }
        };
    }
}
