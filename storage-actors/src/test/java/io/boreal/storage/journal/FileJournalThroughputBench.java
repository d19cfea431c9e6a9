package io.boreal.storage.journal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import akka.actor.AbstractActor;
import akka.actor.ActorRef;
import akka.actor.Props;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.typed.javadsl.Adapter;
import akka.japi.Util;
import akka.persistence.JournalProtocol;
import akka.persistence.PersistentEnvelope;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Durable writes/s and fsyncs per write with N concurrent writers, each with one write in
 * flight (a partition's redo log waiting for its group commit). Not a test: it prints, asserts
 * nothing, and runs only when asked:
 *
 * <pre>
 * mvn -B -o -q -pl storage-actors test -Dtest=FileJournalThroughputBench -Dboreal.bench=true \
 *     [-Dboreal.bench.writers=256] [-Dboreal.bench.seconds=10]
 * </pre>
 *
 * Modes: "protocol" writers send JournalProtocol.WriteMessages straight to the plugin (one
 * AtomicWrite of one 100-byte event each); "entities" are EventSourcedBehaviors persisting one
 * event per command. Each runs against the file journal with fsync on, with fsync off, and
 * against Akka's inmem journal.
 */
@EnabledIfSystemProperty(named = "boreal.bench", matches = "true")
class FileJournalThroughputBench {

    private static final int WRITERS = Integer.getInteger("boreal.bench.writers", 256);
    private static final int SECONDS = Integer.getInteger("boreal.bench.seconds", 10);
    private static final int WARMUP_SECONDS = 3;

    @Test
    void run() throws Exception {
        main(new String[0]);
    }

    public static void main(String[] args) throws Exception {
        System.out.printf(Locale.ROOT, "%d writers, %d s measured after %d s warm-up, %d cores%n", WRITERS, SECONDS,
            WARMUP_SECONDS, Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "%-9s %-12s %12s %14s %12s %16s%n", "mode", "journal", "writes/s",
            "fsyncs/write", "fsync µs", "writes/group");
        for (String mode : List.of("protocol", "entities")) {
            runFile(mode, true);
            runFile(mode, false);
            runInmem(mode);
        }
    }

    private static void runFile(String mode, boolean fsync) throws InterruptedException {
        Path dir = JournalTestConfig.newTempDir("boreal-journal-bench");
        try {
            Config config = JournalTestConfig.fileJournal(dir, ConfigFactory.parseString("fsync = " + fsync))
                .withFallback(ConfigFactory.parseString("akka.loglevel = WARNING"));
            measure(mode, fsync ? "file" : "file-nosync", config, JournalTestConfig.FILE_PLUGIN);
            if (fsync) {
                reportRecovery(config);
            }
        } finally {
            JournalTestConfig.deleteRecursively(dir);
        }
    }

    /** Restarts on the log just written and reports how long the start-up scan took. */
    private static void reportRecovery(Config config) {
        ActorTestKit kit = ActorTestKit.create("bench-recovery", config);
        try {
            new JournalProtocolDriver(kit, JournalTestConfig.FILE_PLUGIN).replayAll("bench-0");
            JournalMetrics.Snapshot s = JournalMetrics.get(kit.system()).snapshot(JournalTestConfig.FILE_PLUGIN);
            System.out.printf(Locale.ROOT, "          recovery: %d records in %d ms%n", s.recoveredRecords(),
                s.recoveryNanos() / 1_000_000);
        } finally {
            kit.shutdownTestKit();
        }
    }

    private static void runInmem(String mode) throws InterruptedException {
        Config config = ConfigFactory.parseString("akka.persistence.journal.inmem.test-serialization = off")
            .withFallback(JournalTestConfig.inmemJournal());
        measure(mode, "inmem", config, JournalTestConfig.INMEM_PLUGIN);
    }

    private static void measure(String mode, String label, Config config, String pluginId) throws InterruptedException {
        ActorTestKit kit = ActorTestKit.create("bench", config);
        try {
            AtomicLong acked = new AtomicLong();
            Stopper stopper = new Stopper();
            if (mode.equals("protocol")) {
                startProtocolWriters(kit, pluginId, acked, stopper);
            } else {
                startEntities(kit, pluginId, acked, stopper);
            }
            Thread.sleep(WARMUP_SECONDS * 1000L);
            JournalMetrics metrics = JournalMetrics.get(kit.system());
            JournalMetrics.Snapshot before = metrics.snapshot(pluginId);
            long ackedBefore = acked.get();
            long t0 = System.nanoTime();
            Thread.sleep(SECONDS * 1000L);
            long writes = acked.get() - ackedBefore;
            double seconds = (System.nanoTime() - t0) / 1e9;
            JournalMetrics.Snapshot delta = metrics.snapshot(pluginId).minus(before);
            stopper.stopped = true;
            System.out.printf(Locale.ROOT, "%-9s %-12s %12.0f %14.4f %12.0f %16.1f%n", mode, label, writes / seconds,
                delta.atomicWrites() == 0 ? Double.NaN : delta.fsyncsPerAtomicWrite(), delta.meanFsyncMicros(),
                delta.atomicWritesPerGroupCommit());
            Thread.sleep(500); // let in-flight writes finish before the system goes
        } finally {
            kit.shutdownTestKit();
        }
    }

    static final class Stopper {
        volatile boolean stopped;
    }

    // ---- protocol writers -------------------------------------------------------------------

    private static void startProtocolWriters(ActorTestKit kit, String pluginId, AtomicLong acked, Stopper stopper) {
        ActorRef journal = akka.persistence.Persistence.get(Adapter.toClassic(kit.system()))
            .journalFor(pluginId, ConfigFactory.empty());
        byte[] payload = new byte[100];
        new Random(1).nextBytes(payload);
        kit.spawn(akka.actor.typed.javadsl.Behaviors.setup(ctx -> {
            for (int i = 0; i < WRITERS; i++) {
                String pid = "bench-" + i;
                Adapter.actorOf(ctx, Props.create(ProtocolWriter.class,
                    () -> new ProtocolWriter(journal, pid, payload, acked, stopper)));
            }
            return akka.actor.typed.javadsl.Behaviors.empty();
        }));
    }

    static final class ProtocolWriter extends AbstractActor {
        private final ActorRef journal;
        private final String pid;
        private final byte[] payload;
        private final AtomicLong acked;
        private final Stopper stopper;
        private long seqNr;

        ProtocolWriter(ActorRef journal, String pid, byte[] payload, AtomicLong acked, Stopper stopper) {
            this.journal = journal;
            this.pid = pid;
            this.payload = payload;
            this.acked = acked;
            this.stopper = stopper;
        }

        @Override
        public void preStart() {
            writeNext();
        }

        private void writeNext() {
            seqNr++;
            List<PersistentEnvelope> writes = new ArrayList<>(1);
            writes.add(JournalProtocolDriver.atomic(JournalProtocolDriver.repr(payload, seqNr, pid, "bench")));
            journal.tell(new JournalProtocol.WriteMessages(Util.immutableSeq(writes), self(), 1), self());
        }

        @Override
        public Receive createReceive() {
            return receiveBuilder()
                .match(JournalProtocol.WriteMessageSuccess.class, ok -> {
                    acked.incrementAndGet();
                    if (!stopper.stopped) {
                        writeNext();
                    }
                })
                .match(JournalProtocol.WriteMessageFailure.class, f -> {
                    throw new IllegalStateException("write failed", f.cause());
                })
                .matchAny(other -> {
                })
                .build();
        }
    }

    // ---- event-sourced entities ---------------------------------------------------------------

    private static void startEntities(ActorTestKit kit, String pluginId, AtomicLong acked, Stopper stopper) {
        for (int i = 0; i < WRITERS; i++) {
            akka.actor.typed.ActorRef<CountingEntity.Command> entity =
                kit.spawn(CountingEntity.create("entity-" + i, pluginId));
            kit.spawn(akka.actor.typed.javadsl.Behaviors.<akka.Done>setup(ctx -> {
                entity.tell(new CountingEntity.Add(ctx.getSelf()));
                return akka.actor.typed.javadsl.Behaviors.receiveMessage(done -> {
                    acked.incrementAndGet();
                    if (!stopper.stopped) {
                        entity.tell(new CountingEntity.Add(ctx.getSelf()));
                    }
                    return akka.actor.typed.javadsl.Behaviors.same();
                });
            }));
        }
    }

}
