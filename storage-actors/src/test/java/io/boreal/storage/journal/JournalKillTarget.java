package io.boreal.storage.journal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import akka.actor.AbstractActor;
import akka.actor.ActorRef;
import akka.actor.Props;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Adapter;
import akka.actor.typed.javadsl.Behaviors;
import akka.japi.Util;
import akka.persistence.JournalProtocol;
import akka.persistence.Persistence;
import akka.persistence.PersistentEnvelope;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/**
 * The process {@link FileJournalKillTest} kills: writers append to a file journal forever and
 * print {@code ACK <pid> <seqNr>} for every write the journal acknowledged.
 *
 * <p>Usage: {@code JournalKillTarget <dir> <writers> [file|jdbc-h2|jdbc-h2-wd0|shared:NODE]} (default {@code file};
 * {@code jdbc-h2} is akka-persistence-jdbc on an H2 file with H2's defaults, {@code jdbc-h2-wd0} the same
 * with {@code WRITE_DELAY=0}; see {@link JdbcH2KillBench}; {@code shared:NODE} the file journal on
 * {@code dir} shared with other nodes, as node NODE: each writer first recovers its persistenceId,
 * which takes it over, see {@link SharedJournalFencingTest}).
 */
public final class JournalKillTarget {

    private JournalKillTarget() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int writers = Integer.parseInt(args[1]);
        String journal = args.length > 2 ? args[2] : "file";
        boolean shared = journal.startsWith("shared:");
        Config config = shared
            ? JournalTestConfig.fileJournal(dir.resolve("unused"), ConfigFactory.parseString(
                "shared { dir = \"" + dir + "\", node = " + journal.substring("shared:".length()) + " }"))
            : switch (journal) {
            case "file" -> JournalTestConfig.fileJournal(dir);
            case "jdbc-h2" -> JournalTestConfig.jdbcH2Journal(dir);
            case "jdbc-h2-wd0" -> JournalTestConfig.jdbcH2Journal(dir, ";WRITE_DELAY=0");
            default -> throw new IllegalArgumentException("unknown journal " + journal);
        };
        String pluginId = journal.equals("file") || shared ? JournalTestConfig.FILE_PLUGIN : JournalTestConfig.JDBC_PLUGIN;
        ActorSystem<Void> system = ActorSystem.create(Behaviors.setup(ctx -> {
            if (!journal.equals("file") && !shared) {
                JournalTestConfig.createJdbcSchema(ctx.getSystem());
            }
            ActorRef journalRef = Persistence.get(Adapter.toClassic(ctx.getSystem()))
                .journalFor(pluginId, ConfigFactory.empty());
            for (int i = 0; i < writers; i++) {
                String pid = "kill-" + i;
                Adapter.actorOf(ctx, Props.create(Writer.class, () -> new Writer(journalRef, pid, shared)));
            }
            return Behaviors.empty();
        }), "JournalKillTarget", config);
        system.getWhenTerminated().toCompletableFuture().join();
    }

    static final class Writer extends AbstractActor {
        private final ActorRef journal;
        private final String pid;
        private final boolean recoverFirst;
        private long seqNr;

        Writer(ActorRef journal, String pid, boolean recoverFirst) {
            this.journal = journal;
            this.pid = pid;
            this.recoverFirst = recoverFirst;
        }

        @Override
        public void preStart() {
            if (recoverFirst) {
                journal.tell(new JournalProtocol.ReplayMessages(1, Long.MAX_VALUE, 0, pid, self()), self());
            } else {
                writeNext();
            }
        }

        private void writeNext() {
            seqNr++;
            List<PersistentEnvelope> writes = new ArrayList<>(1);
            writes.add(JournalProtocolDriver.atomic(JournalProtocolDriver.repr("event-" + seqNr, seqNr, pid, "w")));
            journal.tell(new JournalProtocol.WriteMessages(Util.immutableSeq(writes), self(), 1), self());
        }

        @Override
        public Receive createReceive() {
            return receiveBuilder()
                .match(JournalProtocol.WriteMessageSuccess.class, ok -> {
                    System.out.println("ACK " + pid + " " + ok.persistent().sequenceNr());
                    writeNext();
                })
                .match(JournalProtocol.RecoverySuccess.class, recovered -> {
                    seqNr = recovered.highestSequenceNr();
                    writeNext();
                })
                .match(JournalProtocol.WriteMessageFailure.class, f -> {
                    System.out.println("FAILED " + pid + " " + f.cause());
                })
                .matchAny(other -> {
                })
                .build();
        }
    }
}
