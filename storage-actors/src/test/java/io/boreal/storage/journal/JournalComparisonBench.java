package io.boreal.storage.journal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import akka.Done;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.Behaviors;
import akka.persistence.AtomicWrite;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The embedded-default decision of DESIGN.md ("Choosing the embedded default"), measured: the
 * file journal (fsync on) against akka-persistence-jdbc 5.1.0 on an embedded H2 file (H2's
 * default settings; optionally also {@code WRITE_DELAY=0}). Not a test: it prints, asserts
 * nothing, and runs only when asked:
 *
 * <pre>
 * mvn -B -q -pl storage-actors test -Dtest=JournalComparisonBench -Dboreal.bench=true \
 *     [-Dboreal.bench.writers=256] [-Dboreal.bench.seconds=10] [-Dboreal.bench.runs=3] \
 *     [-Dboreal.bench.recovery-events=100000] [-Dboreal.bench.journals=file,jdbc-h2,jdbc-h2-wd0]
 * </pre>
 *
 * <p>Per run and journal: (1) writes/s of {@code writers} typed EventSourcedBehaviors, each
 * persisting one 100-byte event per command with one command in flight, measured for
 * {@code seconds} after a 3 s warm-up, with the file journal's fsyncs per write from
 * {@link JournalMetrics} (the JDBC journal does not report there); (2) recovery: a fresh
 * directory gets {@code recovery-events} events of one persistenceId, the system is shut down
 * (the H2 database is closed with it), and a new system is timed from spawning the behavior to
 * its reply with the recovered count (journal start-up included; OS page cache warm for both);
 * (3) "recovery spread": the same number of events spread over {@code writers} persistenceIds,
 * recovered by as many behaviors spawned at once.
 * Runs alternate the journals' order. Medians over the runs at the end.
 */
@EnabledIfSystemProperty(named = "boreal.bench", matches = "true")
class JournalComparisonBench {

    private static final int WRITERS = Integer.getInteger("boreal.bench.writers", 256);
    private static final int SECONDS = Integer.getInteger("boreal.bench.seconds", 10);
    private static final int RUNS = Integer.getInteger("boreal.bench.runs", 3);
    private static final int RECOVERY_EVENTS = Integer.getInteger("boreal.bench.recovery-events", 100_000);
    private static final List<String> JOURNALS =
        Arrays.asList(System.getProperty("boreal.bench.journals", "file,jdbc-h2").split(","));
    private static final int WARMUP_SECONDS = 3;
    private static final int RECOVERY_BATCH = 1_000;
    private static final Duration RECOVERY_TIMEOUT = Duration.ofMinutes(5);

    record Result(double writesPerSecond, double fsyncsPerWrite, double writesPerGroupCommit, double fsyncMicros,
                  long writeRecoveryEventsMs, long recoveryMs, long startupScanMs, long recoverySpreadMs) {
    }

    @Test
    void run() throws Exception {
        main(new String[0]);
    }

    public static void main(String[] args) throws Exception {
        System.out.printf(Locale.ROOT, "%d writers (EventSourcedBehaviors), %d s measured after %d s warm-up, "
                + "recovery of %d events of one persistenceId, %d runs, %d cores, %s%n", WRITERS, SECONDS,
            WARMUP_SECONDS, RECOVERY_EVENTS, RUNS, Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "%-4s %-12s %10s %13s %13s %10s %14s %14s %16s %18s%n", "run", "journal",
            "writes/s", "fsyncs/write", "writes/group", "fsync µs", "write evts ms", "recovery ms", "startup scan ms",
            "recovery spread ms");
        Map<String, List<Result>> results = new LinkedHashMap<>();
        JOURNALS.forEach(j -> results.put(j, new ArrayList<>()));
        for (int run = 1; run <= RUNS; run++) {
            List<String> order = new ArrayList<>(JOURNALS);
            if (run % 2 == 0) {
                java.util.Collections.reverse(order);
            }
            for (String journal : order) {
                Result r = runOnce(journal);
                results.get(journal).add(r);
                System.out.printf(Locale.ROOT, "%-4d %-12s %10.0f %13.4f %13.1f %10.0f %14d %14d %16s %18d%n", run,
                    journal, r.writesPerSecond(), r.fsyncsPerWrite(), r.writesPerGroupCommit(), r.fsyncMicros(),
                    r.writeRecoveryEventsMs(), r.recoveryMs(), r.startupScanMs() < 0 ? "-" : r.startupScanMs(),
                    r.recoverySpreadMs());
            }
        }
        System.out.printf(Locale.ROOT, "%nmedians of %d runs%n", RUNS);
        System.out.printf(Locale.ROOT, "%-12s %10s %13s %13s %14s %14s %18s%n", "journal", "writes/s", "fsyncs/write",
            "writes/group", "write evts ms", "recovery ms", "recovery spread ms");
        results.forEach((journal, rs) -> System.out.printf(Locale.ROOT,
            "%-12s %10.0f %13.4f %13.1f %14.0f %14.0f %18.0f%n", journal, median(rs, Result::writesPerSecond),
            median(rs, Result::fsyncsPerWrite), median(rs, Result::writesPerGroupCommit),
            median(rs, r -> r.writeRecoveryEventsMs()), median(rs, r -> r.recoveryMs()),
            median(rs, r -> r.recoverySpreadMs())));
    }

    private static double median(List<Result> rs, java.util.function.ToDoubleFunction<Result> f) {
        double[] v = rs.stream().mapToDouble(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    // ---- journals ---------------------------------------------------------------------------

    private static String pluginId(String journal) {
        return journal.equals("file") ? JournalTestConfig.FILE_PLUGIN : JournalTestConfig.JDBC_PLUGIN;
    }

    private static Config config(String journal, Path dir) {
        Config quiet = ConfigFactory.parseString("akka.loglevel = WARNING");
        return switch (journal) {
            case "file" -> quiet.withFallback(JournalTestConfig.fileJournal(dir, ConfigFactory.parseString("fsync = on")));
            case "jdbc-h2" -> quiet.withFallback(JournalTestConfig.jdbcH2Journal(dir));
            case "jdbc-h2-wd0" -> quiet.withFallback(JournalTestConfig.jdbcH2Journal(dir, ";WRITE_DELAY=0"));
            default -> throw new IllegalArgumentException("unknown journal " + journal);
        };
    }

    private static boolean isJdbc(String journal) {
        return journal.startsWith("jdbc");
    }

    private static ActorTestKit start(String journal, Path dir, boolean createSchema) {
        ActorTestKit kit = ActorTestKit.create("bench", config(journal, dir));
        if (createSchema && isJdbc(journal)) {
            JournalTestConfig.createJdbcSchema(kit.system());
        }
        return kit;
    }

    private static final java.util.Set<String> SETTINGS_PRINTED = new java.util.HashSet<>();

    /** Prints the H2 settings in effect (once per journal), read through a second embedded connection. */
    private static void printH2Settings(String journal, Config config) {
        if (!isJdbc(journal) || !SETTINGS_PRINTED.add(journal)) {
            return;
        }
        String url = config.getString("akka-persistence-jdbc.shared-databases.slick.db.url");
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS "
                 + "WHERE SETTING_NAME IN ('WRITE_DELAY', 'RETENTION_TIME', 'info.VERSION') ORDER BY SETTING_NAME")) {
            StringBuilder sb = new StringBuilder("     " + journal + " H2 settings: url=" + url.replaceAll(".*/", ".../"));
            while (rs.next()) {
                sb.append(", ").append(rs.getString(1)).append('=').append(rs.getString(2));
            }
            System.out.println(sb);
        } catch (Exception e) {
            System.out.println("     " + journal + " H2 settings: " + e);
        }
    }

    private static Result runOnce(String journal) throws InterruptedException {
        Path dir = JournalTestConfig.newTempDir("boreal-journal-compare");
        double writesPerSecond;
        JournalMetrics.Snapshot delta;
        try {
            ActorTestKit kit = start(journal, dir, true);
            try {
                printH2Settings(journal, config(journal, dir));
                AtomicLong acked = new AtomicLong();
                FileJournalThroughputBench.Stopper stopper = new FileJournalThroughputBench.Stopper();
                startEntities(kit, pluginId(journal), acked, stopper);
                Thread.sleep(WARMUP_SECONDS * 1000L);
                JournalMetrics metrics = JournalMetrics.get(kit.system());
                JournalMetrics.Snapshot before = metrics.snapshot(pluginId(journal));
                long ackedBefore = acked.get();
                long t0 = System.nanoTime();
                Thread.sleep(SECONDS * 1000L);
                long writes = acked.get() - ackedBefore;
                writesPerSecond = writes / ((System.nanoTime() - t0) / 1e9);
                delta = metrics.snapshot(pluginId(journal)).minus(before);
                stopper.stopped = true;
                Thread.sleep(500); // let in-flight writes finish before the system goes
            } finally {
                kit.shutdownTestKit();
            }
        } finally {
            JournalTestConfig.deleteRecursively(dir);
        }
        boolean reports = !isJdbc(journal);
        long[] recovery = measureRecovery(journal, 1);
        long[] spread = measureRecovery(journal, WRITERS);
        return new Result(writesPerSecond, reports ? delta.fsyncsPerAtomicWrite() : Double.NaN,
            reports ? delta.atomicWritesPerGroupCommit() : Double.NaN, reports ? delta.meanFsyncMicros() : Double.NaN,
            recovery[0], recovery[1], recovery[2], spread[1]);
    }

    /**
     * {@code RECOVERY_EVENTS} events spread over {@code pids} persistenceIds, then a new system recovering
     * one behavior per persistenceId, all at once: {write ms, recovery ms, file journal start-up scan ms or -1}.
     */
    private static long[] measureRecovery(String journal, int pids) {
        Path dir = JournalTestConfig.newTempDir("boreal-journal-recovery");
        try {
            long writeMs;
            ActorTestKit writer = start(journal, dir, true);
            try {
                JournalProtocolDriver driver = new JournalProtocolDriver(writer, pluginId(journal));
                long t0 = System.nanoTime();
                for (int p = 0; p < pids; p++) {
                    String pid = "recovery-" + p;
                    long events = RECOVERY_EVENTS / pids + (p < RECOVERY_EVENTS % pids ? 1 : 0);
                    for (long from = 1; from <= events; from += RECOVERY_BATCH) {
                        List<AtomicWrite> batch = new ArrayList<>(RECOVERY_BATCH);
                        for (long seq = from; seq < from + RECOVERY_BATCH && seq <= events; seq++) {
                            batch.add(JournalProtocolDriver.atomic(
                                JournalProtocolDriver.repr(CountingEntity.EVENT, seq, pid, "bench")));
                        }
                        driver.writeAll(batch);
                    }
                }
                writeMs = (System.nanoTime() - t0) / 1_000_000;
            } finally {
                writer.shutdownTestKit();
            }

            ActorTestKit kit = start(journal, dir, false);
            try {
                TestProbe<Long> count = kit.createTestProbe(Long.class);
                long t0 = System.nanoTime();
                for (int p = 0; p < pids; p++) {
                    ActorRef<CountingEntity.Command> entity =
                        kit.spawn(CountingEntity.create("recovery-" + p, pluginId(journal)));
                    entity.tell(new CountingEntity.GetCount(count.ref()));
                }
                long recovered = 0;
                for (int p = 0; p < pids; p++) {
                    recovered += count.receiveMessage(RECOVERY_TIMEOUT);
                }
                long recoveryMs = (System.nanoTime() - t0) / 1_000_000;
                if (recovered != RECOVERY_EVENTS) {
                    throw new IllegalStateException("recovered " + recovered + " of " + RECOVERY_EVENTS);
                }
                long scanMs = isJdbc(journal) ? -1
                    : JournalMetrics.get(kit.system()).snapshot(pluginId(journal)).recoveryNanos() / 1_000_000;
                return new long[] {writeMs, recoveryMs, scanMs};
            } finally {
                kit.shutdownTestKit();
            }
        } finally {
            JournalTestConfig.deleteRecursively(dir);
        }
    }

    // ---- event-sourced entities ---------------------------------------------------------------

    private static void startEntities(ActorTestKit kit, String pluginId, AtomicLong acked,
                                      FileJournalThroughputBench.Stopper stopper) {
        for (int i = 0; i < WRITERS; i++) {
            ActorRef<CountingEntity.Command> entity = kit.spawn(CountingEntity.create("entity-" + i, pluginId));
            kit.spawn(Behaviors.<Done>setup(ctx -> {
                entity.tell(new CountingEntity.Add(ctx.getSelf()));
                return Behaviors.receiveMessage(done -> {
                    acked.incrementAndGet();
                    if (!stopper.stopped) {
                        entity.tell(new CountingEntity.Add(ctx.getSelf()));
                    }
                    return Behaviors.same();
                });
            }));
        }
    }

}
