package io.boreal.bench.tso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** A short run over every transport prints both tables with a measured row for each. */
class TsoCommandTest {

    @Test
    void aShortRunOverEveryTransportPrintsItsTables() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new CommandLine(new TsoCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)))
                .execute("--nodes", "2", "--requesters", "2", "--runs", "1", "--time", "0.3", "--samples", "200");
        String report = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8) + report);
        for (String rtt : new String[] {"ipc, agents yielding", "ipc, agents backoff", "ipc, agents invoked",
                "udp, agents yielding", "udp, agents backoff", "udp, agents invoked", "akka (Artery TCP)"}) {
            Matcher row = Pattern.compile("\\| " + Pattern.quote(rtt) + " \\| ([0-9.]+) \\|").matcher(report);
            assertTrue(row.find(), "no round-trip row for " + rtt + ":\n" + report);
            assertTrue(Double.parseDouble(row.group(1)) > 0, rtt + " measured no round trip");
        }
        for (String transport : new String[] {"ipc", "udp", "akka"}) {
            for (int nodes = 1; nodes <= 2; nodes++) {
                Matcher row = Pattern.compile("\\| " + transport + " \\| " + nodes + " \\| ([0-9,]+) \\| ([0-9,]+) \\|")
                        .matcher(report);
                assertTrue(row.find(), "no throughput row for " + transport + " at " + nodes + " nodes:\n" + report);
                assertTrue(Long.parseLong(row.group(1).replace(",", "")) > 0, transport + " served no unbatched request");
                assertTrue(Long.parseLong(row.group(2).replace(",", "")) > 0, transport + " served no batched timestamp");
            }
        }
    }

    @Test
    void anUnknownTransportIsABadOption() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new CommandLine(new TsoCommand(new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8))).execute("--transports", "ipc,smoke-signals");
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("smoke-signals"));
    }
}
