package io.boreal.jdbc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * SQL-level fuzzing through {@code java.sql} only, so it runs against any URL (in process, or a
 * remote node). Valid statements like the end-to-end suite's are mutated by {@link SqlMutator}
 * and prepared statements get parameters of the wrong type or out of range. Every statement
 * must succeed or fail with an {@link SQLException} whose SQLState is five characters, is not
 * XX000 (a bug below the driver) and is not of class 08 (the connection must stay usable); the
 * same connection is probed with a point select every few statements and after every failure.
 *
 * <p>Problems are collected and reported together, the first {@value #REPORTED} distinct ones,
 * with the seed ({@code -Dboreal.fuzz.seed=N} replays a run) in the message.
 */
class SqlFuzzTest {

    private static final String URL = Sql.memUrl("sql-fuzz");
    private static final long SEED = Long.getLong("boreal.fuzz.seed", 20_261_206L);
    private static final int MUTATIONS = Integer.getInteger("boreal.fuzz.mutations", 3000);
    private static final int PREPARED_RUNS = Integer.getInteger("boreal.fuzz.prepared", 600);
    /** A guard for slow machines: the run stops early (and says so) rather than run for minutes. */
    private static final long BUDGET_MS = 25_000;
    private static final int PROBE_EVERY = 20;
    private static final int REPORTED = 20;
    /** No fuzzed statement on these small tables may take this long: reaching it is a hang. */
    private static final int STATEMENT_TIMEOUT_SECONDS = 15;
    /** {@code -Dboreal.fuzz.trace=true} prints each statement before it runs: the last one printed is a hang's cause. */
    private static final boolean TRACE = Boolean.getBoolean("boreal.fuzz.trace");

    /**
     * The probe's table: no corpus statement names it, so no mutation can touch it (nor
     * {@code range_checks}, the table of {@link #outOfRangeValuesAre22003}).
     */
    private static final String PROBE = "SELECT v FROM fuzz_probe WHERE id = 1";

    private static final List<String> SETUP = List.of(
            "CREATE TABLE fuzz_probe (id INT PRIMARY KEY, v INT NOT NULL)",
            "INSERT INTO fuzz_probe (id, v) VALUES (1, 42)",
            "CREATE TABLE range_checks (id INT PRIMARY KEY, i INT, b BIGINT, d DECIMAL(5,2))",
            "INSERT INTO range_checks (id, i, b, d) VALUES (1, 1, 1, 1.00)",
            "CREATE TABLE fz_nums (id INT PRIMARY KEY, i INT, b BIGINT, d DECIMAL(5,2), x DOUBLE, s VARCHAR(10),"
                    + " c CHAR(3), f BOOLEAN, t TIMESTAMP) PARTITION BY HASH(id) PARTITIONS 4",
            "CREATE TABLE fz_range (id BIGINT PRIMARY KEY, v INT NOT NULL DEFAULT 0, name VARCHAR(20))"
                    + " PARTITION BY RANGE(id) (PARTITION p0 VALUES LESS THAN (100), PARTITION p1 VALUES LESS THAN (MAXVALUE))",
            "CREATE TABLE fz_auto (id INT AUTO_INCREMENT PRIMARY KEY, grp INT NOT NULL, name VARCHAR(20) NOT NULL)",
            "CREATE INDEX fz_auto_grp ON fz_auto (grp)",
            "INSERT INTO fz_nums (id, i, b, d, x, s, c, f, t) VALUES (1, 10, 10000000000, 12.34, 1.5, 'alpha', 'AAA',"
                    + " TRUE, '2024-01-02 03:04:05'), (2, -5, -5, NULL, NULL, 'beta', NULL, FALSE, NULL),"
                    + " (3, 0, 0, 0.01, -0.5, '', 'c', NULL, '2024-02-29 00:00:00')",
            "INSERT INTO fz_range (id, v, name) VALUES (1, 1, 'one'), (50, 2, 'fifty'), (150, 3, 'big')",
            "INSERT INTO fz_auto (grp, name) VALUES (1, 'a'), (1, 'b'), (2, 'c')");

    /** Valid statements of the kinds the end-to-end suite sends; the mutations start from these. */
    private static final List<String> CORPUS = List.of(
            "CREATE TABLE IF NOT EXISTS fz_tmp (id INT PRIMARY KEY, v VARCHAR(20) NOT NULL DEFAULT 'x')"
                    + " PARTITION BY HASH(id) PARTITIONS 2",
            "CREATE TABLE IF NOT EXISTS fz_tmp2 (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, p DECIMAL(12,2),"
                    + " ok BOOLEAN, at TIMESTAMP) PARTITION BY RANGE(id) (PARTITION a VALUES LESS THAN (10),"
                    + " PARTITION b VALUES LESS THAN (MAXVALUE))",
            "DROP TABLE IF EXISTS fz_tmp",
            "CREATE INDEX fz_nums_i ON fz_nums (i)",
            "INSERT INTO fz_nums (id, i, b, d, x, s, c, f, t) VALUES (10, 1, 2, 3.45, 6.5, 'seven', 'ABC', TRUE,"
                    + " '2024-03-04 05:06:07')",
            "INSERT INTO fz_nums (id, i) VALUES (11, 1), (12, 2), (13, 3)",
            "INSERT INTO fz_range (id, v, name) VALUES (200, 5, 'two hundred')",
            "INSERT INTO fz_auto (grp, name) VALUES (3, 'd'), (3, 'e')",
            "SELECT * FROM fz_nums WHERE id = 1",
            "SELECT id, i, s FROM fz_nums WHERE i > 0 AND s LIKE 'a%' ORDER BY id DESC LIMIT 2",
            "SELECT COUNT(*), SUM(i), MIN(d), MAX(x), AVG(b) FROM fz_nums",
            "SELECT grp, COUNT(*) AS n FROM fz_auto GROUP BY grp ORDER BY grp",
            "SELECT DISTINCT grp FROM fz_auto ORDER BY grp LIMIT 10 OFFSET 1",
            "SELECT id, name FROM fz_range WHERE id BETWEEN 1 AND 100 ORDER BY id",
            "SELECT id FROM fz_range WHERE id IN (1, 50, 999) OR name IS NULL",
            "SELECT v FROM fz_range WHERE id = 50 FOR UPDATE",
            "SELECT i + 1, b * 2, d - 1, x / 2, i % 3, -i FROM fz_nums WHERE id = 1",
            "SELECT 1",
            "SELECT 'text', 1.5, NULL, TRUE",
            "UPDATE fz_nums SET i = i + 1, d = d * 2 WHERE id = 1",
            "UPDATE fz_nums SET s = 'gamma', f = NOT f WHERE id = 2",
            "UPDATE fz_range SET v = v - 1 WHERE id >= 100",
            "UPDATE fz_auto SET name = 'z' WHERE grp = 2",
            "DELETE FROM fz_nums WHERE id = 13",
            "DELETE FROM fz_range WHERE id > 150",
            "DELETE FROM fz_auto WHERE grp = 3",
            "BEGIN",
            "COMMIT",
            "ROLLBACK",
            "START TRANSACTION",
            "SET autocommit = 1",
            "SET GLOBAL boreal.btree = 'blink'",
            "SET GLOBAL boreal.thread_concurrency = 0",
            "SHOW VARIABLES",
            "SHOW VARIABLES LIKE 'boreal.%'");

    /** Prepared templates and the column type each parameter lands in (for the report only). */
    private static final List<String> PREPARED = List.of(
            "INSERT INTO fz_nums (id, i, b, d, x, s, c, f, t) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            "UPDATE fz_nums SET i = ?, b = ?, d = ? WHERE id = ?",
            "UPDATE fz_nums SET x = ?, s = ?, t = ? WHERE id = ?",
            "SELECT id, s FROM fz_nums WHERE i = ? OR b > ? ORDER BY id LIMIT ?",
            "SELECT COUNT(*) FROM fz_range WHERE id BETWEEN ? AND ?",
            "INSERT INTO fz_range (id, v, name) VALUES (?, ?, ?)",
            "SELECT * FROM fz_auto WHERE grp IN (?, ?) LIMIT ? OFFSET ?",
            "DELETE FROM fz_nums WHERE id = ? AND d < ?",
            "SELECT ? + ?, ? * 2, -?");

    private static Connection connection;
    private final Map<String, String> problems = new LinkedHashMap<>();
    private int problemCount;

    @BeforeAll
    static void createTables() throws SQLException {
        connection = DriverManager.getConnection(URL);
        Sql.exec(connection, SETUP.toArray(String[]::new));
    }

    @AfterAll
    static void shutdown() throws SQLException {
        Sql.closeAndShutdown(connection, URL);
    }

    @Test
    void mutatedStatementsFailCleanlyAndKeepTheConnection() throws SQLException {
        Random random = new Random(SEED);
        SqlMutator mutator = new SqlMutator(random);
        long deadline = System.currentTimeMillis() + BUDGET_MS;
        int ran = 0;
        for (String sql : CORPUS) { // the unmutated corpus must be valid: else the mutations start from noise
            expectSuccess(sql);
        }
        while (ran < MUTATIONS + PREPARED_RUNS && System.currentTimeMillis() < deadline) {
            boolean failed = ran % 6 == 5 ? runPrepared(random) : runText(mutator.mutate(pick(random, CORPUS), CORPUS));
            ran++;
            if (failed || ran % PROBE_EVERY == 0) {
                probe("after statement " + ran);
            }
        }
        probe("at the end");
        Sql.exec(connection, "ROLLBACK", "SET autocommit = 1"); // what a mutation left open ends here
        System.out.printf("SqlFuzzTest: seed %d, %d statements, %d problems%n", SEED, ran, problemCount);
        if (!problems.isEmpty()) {
            fail(report(ran));
        }
    }

    /**
     * Out-of-range numbers are 22003 wherever they meet a column, as in PostgreSQL
     * (numeric_value_out_of_range): literal and parameter, INSERT and UPDATE.
     */
    @Test
    void outOfRangeValuesAre22003() throws SQLException {
        String forty = "1234567890123456789012345678901234567890";
        for (String column : List.of("i", "b")) {
            outOfRange("INSERT INTO range_checks (id, " + column + ") VALUES (900, " + forty + ")");
            outOfRange("INSERT INTO range_checks (id, " + column + ") VALUES (900, -" + forty + ")");
            outOfRange("UPDATE range_checks SET " + column + " = " + forty + " WHERE id = 1");
            outOfRange("INSERT INTO range_checks (id, " + column + ") VALUES (900, ?)", new BigDecimal(forty));
            outOfRange("UPDATE range_checks SET " + column + " = ? WHERE id = 1", new BigDecimal(forty));
            outOfRange("UPDATE range_checks SET " + column + " = ? WHERE id = 1", new BigInteger(forty));
        }
        outOfRange("INSERT INTO range_checks (id, i) VALUES (900, 2147483648)");
        outOfRange("INSERT INTO range_checks (id, i) VALUES (900, -2147483649)");
        outOfRange("INSERT INTO range_checks (id, b) VALUES (900, 9223372036854775808)");
        outOfRange("INSERT INTO range_checks (id, i) VALUES (900, ?)", 2_147_483_648L);
        outOfRange("INSERT INTO range_checks (id, d) VALUES (900, 12345.67)");
        outOfRange("UPDATE range_checks SET d = 12345.67 WHERE id = 1");
        outOfRange("UPDATE range_checks SET d = ? WHERE id = 1", new BigDecimal("12345.67"));
        for (double special : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            outOfRange("UPDATE range_checks SET d = ? WHERE id = 1", special);
            outOfRangeThrough("setDouble(" + special + ")", () -> {
                try (PreparedStatement ps = connection.prepareStatement("INSERT INTO range_checks (id, d) VALUES (900, ?)")) {
                    ps.setDouble(1, special);
                    ps.executeUpdate();
                }
            });
        }
        // 1E+100000000 and 1E-100000000: rescaling either with setScale builds a number of
        // 10^8 digits, which held a dispatcher thread for minutes and past the node's shutdown
        // (found by the frame fuzz test). Exponents near ±2^31 the JDK refuses at once instead.
        BigDecimal huge = new BigDecimal(BigInteger.ONE, -100_000_000);
        BigDecimal tiny = new BigDecimal(BigInteger.ONE, 100_000_000);
        for (String column : List.of("i", "b", "d")) {
            outOfRange("UPDATE range_checks SET " + column + " = ? WHERE id = 1", huge);
            Sql.update(connection, "UPDATE range_checks SET " + column + " = ? WHERE id = 1", tiny);
        }
        assertEquals(1, Sql.single(connection, "SELECT COUNT(*) FROM range_checks WHERE id = 1 AND i = 0 AND b = 0"));
        assertEquals(0, Sql.single(connection, "SELECT COUNT(*) FROM range_checks WHERE id = 900"));
        assertEquals(List.of(42), Sql.ints(connection, PROBE));
    }

    /**
     * Nesting past what the engine evaluates is 54001 (statement too complex), for a chain of
     * operators and for parentheses alike: before this, either overflowed a dispatcher
     * thread's stack and Akka shut the node down.
     */
    @Test
    void deeplyNestedExpressionsAre54001AndTheNodeServesOn() throws SQLException {
        List<String> tooDeep = List.of(
                "SELECT " + "1 + ".repeat(5_000) + "1",
                "SELECT " + "(".repeat(5_000) + "1" + ")".repeat(5_000),
                "SELECT v FROM fuzz_probe WHERE " + "NOT (".repeat(5_000) + "id = 1" + ")".repeat(5_000),
                "SELECT v FROM fuzz_probe WHERE " + "id = 1 OR ".repeat(5_000) + "id = 2");
        for (String sql : tooDeep) {
            SQLException e = assertThrows(SQLException.class, () -> Sql.ints(connection, sql), abbreviate(sql, 40));
            assertEquals("54001", e.getSQLState(), abbreviate(sql, 40) + ": " + e.getMessage());
            assertEquals(List.of(42), Sql.ints(connection, PROBE));
        }
        assertEquals(List.of(101), Sql.ints(connection, "SELECT " + "1 + ".repeat(100) + "1"));
    }

    /**
     * A long malformed list is a plain syntax error. JSqlParser's own error message re-ran
     * every lookahead, quadratic in the list: this statement held a dispatcher thread for
     * minutes, and JSqlParser's complex mode is exponential in the nesting of parentheses (the
     * fuzz run's budget catches a return of either).
     */
    @Test
    void longMalformedListsAreSyntaxErrors() throws SQLException {
        for (String sql : List.of(
                "SELECT v FROM fuzz_probe WHERE id IN (" + "1, ".repeat(5_000) + "1 1)",
                "SELECT v FROM fuzz_probe WHERE id IN (" + "1, ".repeat(5_000) + "))1)",
                "INSERT INTO fuzz_probe (id, v) VALUES " + "(7, 7), ".repeat(2_000) + "(7 7)",
                "SELECT " + "(".repeat(40) + "; SELECT 1", // complex parsing's lookahead: exponential in the nesting
                "SELECT v FROM fuzz_probe WHERE " + "(".repeat(40) + "id = 1 v" + ")".repeat(40))) {
            SQLException e = assertThrows(SQLException.class, () -> Sql.ints(connection, sql), abbreviate(sql, 40));
            assertEquals("42000", e.getSQLState(), abbreviate(sql, 40) + ": " + e.getMessage());
        }
        assertEquals(List.of(42), Sql.ints(connection, PROBE));
    }

    private static void outOfRange(String sql, Object... params) {
        outOfRangeThrough(sql, () -> Sql.update(connection, sql, params));
    }

    private static void outOfRangeThrough(String what, Executable call) {
        SQLException e = assertThrows(SQLException.class, call, what);
        assertEquals("22003", e.getSQLState(), what + ": " + e.getMessage());
        assertInstanceOf(SQLDataException.class, e, what);
        try {
            assertEquals(List.of(42), Sql.ints(connection, PROBE), "the connection after " + what);
        } catch (SQLException probeFailed) {
            throw new AssertionError("the connection is unusable after " + what, probeFailed);
        }
    }

    private void expectSuccess(String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError("corpus statement failed (seed " + SEED + "): " + sql + ": " + e, e);
        }
    }

    /** Runs one text statement; true if it failed (acceptably or not). */
    private boolean runText(String sql) {
        trace(sql);
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(STATEMENT_TIMEOUT_SECONDS);
            if (statement.execute(sql)) {
                drain(statement.getResultSet());
            }
            return false;
        } catch (SQLException e) {
            check(sql, e);
            return true;
        } catch (RuntimeException e) {
            record(sql, "not an SQLException", e.toString());
            return true;
        }
    }

    /** A prepared template with random, often wrong, parameters; true if it failed. */
    private boolean runPrepared(Random random) {
        String sql = pick(random, PREPARED);
        StringBuilder shown = new StringBuilder(sql).append("  with ");
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setQueryTimeout(STATEMENT_TIMEOUT_SECONDS);
            int count = (int) sql.chars().filter(c -> c == '?').count();
            int set = random.nextInt(12) == 0 ? count - 1 : count; // now and then one is left unset
            for (int i = 1; i <= set; i++) {
                shown.append(bindRandom(ps, i, random)).append(i < set ? ", " : "");
            }
            trace(shown.toString());
            if (ps.execute()) {
                drain(ps.getResultSet());
            }
            return false;
        } catch (SQLException e) {
            check(shown.toString(), e);
            return true;
        } catch (RuntimeException e) {
            record(shown.toString(), "not an SQLException", e.toString());
            return true;
        }
    }

    /** Binds one random parameter value through one of the setters; returns how, for the report. */
    private static String bindRandom(PreparedStatement ps, int index, Random random) throws SQLException {
        Object[] values = {
            1, -1, 0, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, 2_147_483_648L,
            new BigDecimal("1234567890123456789012345678901234567890"), new BigDecimal("-1E+400"),
            new BigDecimal("12345.67"), new BigDecimal("0.001"), new BigInteger("99999999999999999999"),
            Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, Double.MAX_VALUE, Float.NaN,
            "abc", "12", " 7 ", "NaN", "Infinity", "", "x".repeat(50_000), "\u0000", "\uD800", "2024-13-45",
            true, false, (short) 5, (byte) -1, 'c', new Timestamp(0), new java.sql.Date(0), new byte[] {1, 2},
            UUID.randomUUID(), new Object(), null};
        Object value = values[random.nextInt(values.length)];
        switch (random.nextInt(6)) {
            case 0 -> {
                double d = value instanceof Number n ? n.doubleValue() : Double.NaN;
                ps.setDouble(index, d);
                return "setDouble(" + d + ")";
            }
            case 1 -> {
                String s = String.valueOf(value);
                ps.setString(index, s);
                return "setString(" + abbreviate(s, 40) + ")";
            }
            case 2 -> {
                ps.setNull(index, new int[] {Types.INTEGER, Types.VARCHAR, Types.DECIMAL, Types.OTHER}[random.nextInt(4)]);
                return "setNull";
            }
            default -> {
                ps.setObject(index, value);
                return "setObject(" + (value == null ? "null" : value.getClass().getSimpleName() + " "
                        + abbreviate(String.valueOf(value), 40)) + ")";
            }
        }
    }

    private static void drain(ResultSet rs) throws SQLException {
        try (rs) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int c = 1; c <= columns; c++) {
                    rs.getObject(c);
                    rs.getString(c);
                }
            }
        }
    }

    /** The assertion on one failure: a specific SQLState that leaves the connection usable. */
    private void check(String sql, SQLException e) {
        String state = e.getSQLState();
        if (state == null || state.length() != 5) {
            record(sql, String.valueOf(state), "SQLState must be 5 characters: " + e);
        } else if (state.equals("XX000")) {
            record(sql, state, e.getMessage());
        } else if (state.startsWith("08")) {
            record(sql, state, "connection failure: " + e.getMessage());
        } else if (state.equals("57014")) {
            record(sql, state, "hung until the " + STATEMENT_TIMEOUT_SECONDS + " s timeout: " + e.getMessage());
        } else if (e.getMessage() == null || e.getMessage().isBlank()) {
            record(sql, state, "no message");
        }
    }

    /** The probe: a point select on the probe table; on failure a fresh connection carries on. */
    private void probe(String when) throws SQLException {
        try {
            List<Integer> v = Sql.ints(connection, PROBE);
            if (!v.equals(List.of(42))) {
                record(PROBE, "-", "the probe read " + v + " " + when);
            }
        } catch (SQLException e) {
            record(PROBE, e.getSQLState(), "the connection is unusable " + when + ": " + e.getMessage());
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already broken: the new connection is what matters
            }
            connection = DriverManager.getConnection(URL);
        }
    }

    private void record(String sql, String state, String message) {
        problemCount++;
        String m = String.valueOf(message);
        // Distinct by state and message shape: numbers and quoted text vary between instances.
        String key = state + " " + m.replaceAll("'[^']*'", "'…'").replaceAll("\\d+", "N");
        key = key.substring(0, Math.min(key.length(), 90));
        problems.putIfAbsent(key, "[" + state + "] " + abbreviate(m, 300) + "\n      statement: " + abbreviate(sql, 300));
    }

    private String report(int ran) {
        StringBuilder s = new StringBuilder().append(problemCount).append(" problems (").append(problems.size())
                .append(" distinct) in ").append(ran).append(" statements; seed ").append(SEED)
                .append(" (replay: -Dboreal.fuzz.seed=").append(SEED).append(")\n");
        problems.values().stream().limit(REPORTED).forEach(p -> s.append("  - ").append(p).append('\n'));
        return s.toString();
    }

    private static void trace(String sql) {
        if (TRACE) {
            System.out.println("fuzz> " + System.currentTimeMillis() % 1_000_000 + " " + sql.replace("\n", "\\n"));
        }
    }

    private static String abbreviate(String s, int max) {
        String oneLine = s.replace("\n", "\\n");
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max) + "… (" + s.length() + " chars)";
    }

    private static <T> T pick(Random random, List<T> items) {
        return items.get(random.nextInt(items.size()));
    }
}
