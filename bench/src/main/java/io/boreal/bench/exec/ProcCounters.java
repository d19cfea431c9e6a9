package io.boreal.bench.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Context switches and threads as Linux's {@code /proc} counts them: per thread of this process
 * ({@code voluntary_ctxt_switches} + {@code nonvoluntary_ctxt_switches} of every
 * {@code /proc/self/task/<tid>/status}), system-wide (the {@code ctxt} line of {@code /proc/stat}),
 * and this process's live threads ({@code Threads:} of {@code /proc/self/status}). Where a file is
 * missing (not Linux) the reading is empty: absent, not zero.
 *
 * <p>A {@link #sample()} reads one file per thread (about 20 µs each: some 80 ms at 4,096
 * threads), so runs take one at each end of their window; {@link #systemSwitches()} and
 * {@link #threads()} read one small file each and suit progress lines.
 *
 * <p>Thread-safe (stateless apart from the root path).
 */
final class ProcCounters {

    /**
     * One reading.
     *
     * @param atNs           {@link System#nanoTime()} when the reading began
     * @param threadSwitches context switches so far by thread id, empty when /proc/self/task is missing
     * @param systemSwitches context switches of the whole machine since boot
     * @param threads        live threads of this process
     */
    record Sample(long atNs, Optional<Map<String, Long>> threadSwitches, Optional<Long> systemSwitches,
                  Optional<Integer> threads) {
    }

    private final Path self;
    private final Path stat;

    /** Counters under {@code procRoot} ({@code /proc}; tests point it at a fake tree). */
    ProcCounters(Path procRoot) {
        this.self = procRoot.resolve("self");
        this.stat = procRoot.resolve("stat");
    }

    static ProcCounters linux() {
        return new ProcCounters(Path.of("/proc"));
    }

    /** Every counter, now. */
    Sample sample() {
        long atNs = System.nanoTime();
        return new Sample(atNs, threadSwitches(), systemSwitches(), threads());
    }

    /** The {@code ctxt} of {@code /proc/stat}. */
    Optional<Long> systemSwitches() {
        return read(stat).flatMap(ProcCounters::ctxtOfStat);
    }

    /** {@code Threads:} of {@code /proc/self/status}. */
    Optional<Integer> threads() {
        return read(self.resolve("status")).flatMap(s -> field(s, "Threads:")).map(Long::intValue);
    }

    private Optional<Map<String, Long>> threadSwitches() {
        Path tasks = self.resolve("task");
        if (!Files.isDirectory(tasks)) {
            return Optional.empty();
        }
        Map<String, Long> byThread = new HashMap<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(tasks)) {
            for (Path task : dir) {
                // a thread that ended since the listing has no status left: it is not counted
                read(task.resolve("status")).flatMap(ProcCounters::switchesOfStatus)
                        .ifPresent(n -> byThread.put(task.getFileName().toString(), n));
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return byThread.isEmpty() ? Optional.empty() : Optional.of(byThread);
    }

    /**
     * Context switches per second of this process's threads and of the machine, from {@code
     * from} to {@code to}, and the threads at {@code to}. A thread counts its switches between
     * the two readings; one that started in between counts all of its own; one that ended in
     * between is not counted (its counters went with it).
     */
    static ContextSwitches between(Sample from, Sample to) {
        double sec = (to.atNs() - from.atNs()) / 1e9;
        if (sec <= 0) {
            return new ContextSwitches(Optional.empty(), Optional.empty(), to.threads());
        }
        Optional<Double> process = from.threadSwitches().flatMap(before -> to.threadSwitches().map(after -> {
            long sum = 0;
            for (Map.Entry<String, Long> e : after.entrySet()) {
                long was = before.getOrDefault(e.getKey(), 0L);
                sum += e.getValue() >= was ? e.getValue() - was : e.getValue(); // a reused id: a new thread
            }
            return sum / sec;
        }));
        Optional<Double> system = from.systemSwitches()
                .flatMap(before -> to.systemSwitches().map(after -> (after - before) / sec));
        return new ContextSwitches(process, system, to.threads());
    }

    /** {@code voluntary_ctxt_switches} + {@code nonvoluntary_ctxt_switches} of a status file; empty without both. */
    static Optional<Long> switchesOfStatus(String status) {
        return field(status, "voluntary_ctxt_switches:")
                .flatMap(v -> field(status, "nonvoluntary_ctxt_switches:").map(n -> v + n));
    }

    /** The {@code ctxt} line of {@code /proc/stat}. */
    static Optional<Long> ctxtOfStat(String stat) {
        return field(stat, "ctxt ");
    }

    /** The number after {@code label} at the start of a line, or empty. */
    static Optional<Long> field(String text, String label) {
        int at = text.startsWith(label) ? 0 : text.indexOf("\n" + label);
        if (at < 0) {
            return Optional.empty();
        }
        int i = at + (at == 0 ? 0 : 1) + label.length();
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        int start = i;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            i++;
        }
        return i == start ? Optional.empty() : Optional.of(Long.parseLong(text.substring(start, i)));
    }

    /** The file's text (Latin-1: a thread's name may end in half a UTF-8 character); empty when it is gone. */
    private static Optional<String> read(Path file) {
        try {
            return Optional.of(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
