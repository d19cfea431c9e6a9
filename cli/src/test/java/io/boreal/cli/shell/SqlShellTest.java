package io.boreal.cli.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SqlShellTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String url, String script) {
        ByteArrayInputStream in = new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8));
        return new SqlShell(url, new Properties(), in,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run();
    }

    /** Replaces elapsed times, which vary from run to run. */
    private static String untimed(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8).replaceAll("\\(\\d+\\.\\d\\d sec\\)", "(T sec)");
    }

    @Test
    void runsAScriptAndKeepsGoingAfterAnError() {
        int exit = run("jdbc:h2:mem:script", """
                create table t(id int primary key, name varchar(10));
                insert into t values (1, 'a;b'), (2, NULL);
                select * from nope;
                select id, name
                  from t order by id;
                update t set name = 'c' where id = 3; select count(*) as n from t where id > 5;
                """);

        assertEquals(1, exit, "a failed statement makes the exit code non-zero");
        assertEquals("""
                Query OK, 0 rows affected (T sec)

                Query OK, 2 rows affected (T sec)

                +----+------+
                | ID | NAME |
                +----+------+
                |  1 | a;b  |
                |  2 | NULL |
                +----+------+
                2 rows in set (T sec)

                Query OK, 0 rows affected (T sec)

                +---+
                | N |
                +---+
                | 0 |
                +---+
                1 row in set (T sec)

                """, untimed(out));
        String errors = err.toString(StandardCharsets.UTF_8);
        assertTrue(errors.startsWith("ERROR 42S02: Table \"NOPE\" not found"), errors);
    }

    @Test
    void succeedsWithoutTrailingSemicolonAndHonoursCommands() {
        int exit = run("jdbc:h2:mem:commands", """
                \\timing
                select 1 as one
                """);

        assertEquals(0, exit);
        assertEquals("""
                Timing is off.
                +-----+
                | ONE |
                +-----+
                |   1 |
                +-----+
                1 row in set

                """, out.toString(StandardCharsets.UTF_8));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void stopsAtQuit() {
        int exit = run("jdbc:h2:mem:quit", "\\timing\nselect 1 where false;\nquit\nselect * from nope;\n");

        assertEquals(0, exit);
        assertEquals("Timing is off.\nEmpty set\n\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void reportsAConnectionFailure() {
        int exit = run("jdbc:nosuchdriver:x", "select 1;");

        assertEquals(1, exit);
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("ERROR 08001: No suitable driver"),
                err.toString(StandardCharsets.UTF_8));
    }
}
