package io.boreal.bench.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing of /proc's status and stat files, and the rates between two samples, on a fake /proc tree. */
class ProcCountersTest {

    private static final String STATUS = """
            Name:\tjava
            State:\tS (sleeping)
            Threads:\t%d
            Cpus_allowed_list:\t0-1
            voluntary_ctxt_switches:\t%d
            nonvoluntary_ctxt_switches:\t%d
            """;

    @Test
    void statusFieldsAreReadByLabelAtTheStartOfALine() {
        String status = STATUS.formatted(41, 1200, 34);
        assertEquals(Optional.of(1234L), ProcCounters.switchesOfStatus(status));
        assertEquals(Optional.of(41L), ProcCounters.field(status, "Threads:"));
        assertEquals(Optional.of(1200L), ProcCounters.field(status, "voluntary_ctxt_switches:"),
                "not the nonvoluntary line, which ends with the same label");
        assertEquals(Optional.empty(), ProcCounters.switchesOfStatus("Name:\tjava\nvoluntary_ctxt_switches:\t5\n"));
    }

    @Test
    void systemSwitchesAreTheCtxtLineOfStat() {
        String stat = "cpu  10 0 20 300 0 0 0 0 0 0\ncpu0 5 0 10 150 0 0 0 0 0 0\nintr 99 1 2\n"
                + "ctxt 987654321\nbtime 1\n";
        assertEquals(Optional.of(987654321L), ProcCounters.ctxtOfStat(stat));
        assertEquals(Optional.empty(), ProcCounters.ctxtOfStat("cpu 1 2 3\n"));
    }

    @Test
    void ratesCountThreadsAliveAtTheEndAndTheWholeMachine(@TempDir Path proc) throws IOException {
        ProcCounters counters = new ProcCounters(proc);
        writeThread(proc, "100", 1_000, 10);
        writeThread(proc, "101", 50, 0);
        writeProcess(proc, 2);
        Files.writeString(proc.resolve("stat"), "cpu 1\nctxt 5000\n");
        ProcCounters.Sample from = counters.sample();

        writeThread(proc, "100", 1_400, 10); // +400
        Files.delete(proc.resolve("self/task/101/status")); // ended in between: not counted
        Files.delete(proc.resolve("self/task/101"));
        writeThread(proc, "102", 90, 10); // started in between: all of its 100
        writeProcess(proc, 2);
        Files.writeString(proc.resolve("stat"), "cpu 1\nctxt 9000\n");
        ProcCounters.Sample to = counters.sample();
        ProcCounters.Sample toOneSecondLater = new ProcCounters.Sample(from.atNs() + 1_000_000_000L,
                to.threadSwitches(), to.systemSwitches(), to.threads());

        ContextSwitches rates = ProcCounters.between(from, toOneSecondLater);
        assertEquals(500.0, rates.processPerSec().orElseThrow(), 1e-9);
        assertEquals(4000.0, rates.systemPerSec().orElseThrow(), 1e-9);
        assertEquals(Optional.of(2), rates.threads());
    }

    @Test
    void missingProcIsAbsentNotZero(@TempDir Path empty) {
        ProcCounters counters = new ProcCounters(empty.resolve("no-proc"));
        ProcCounters.Sample from = counters.sample();
        ProcCounters.Sample to = new ProcCounters.Sample(from.atNs() + 1_000_000_000L, Optional.empty(),
                Optional.empty(), Optional.empty());
        ContextSwitches rates = ProcCounters.between(from, to);
        assertTrue(rates.processPerSec().isEmpty());
        assertTrue(rates.systemPerSec().isEmpty());
        assertTrue(rates.threads().isEmpty());
        assertTrue(counters.systemSwitches().isEmpty());
    }

    private static void writeThread(Path proc, String tid, long voluntary, long nonvoluntary) throws IOException {
        Path task = Files.createDirectories(proc.resolve("self/task/" + tid));
        Files.writeString(task.resolve("status"), STATUS.formatted(1, voluntary, nonvoluntary));
    }

    private static void writeProcess(Path proc, int threads) throws IOException {
        Path self = Files.createDirectories(proc.resolve("self"));
        Files.writeString(self.resolve("status"), STATUS.formatted(threads, 0, 0));
    }
}
