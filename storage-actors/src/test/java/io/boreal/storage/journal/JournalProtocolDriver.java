package io.boreal.storage.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import akka.actor.ActorRef;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.javadsl.Adapter;
import akka.japi.Util;
import akka.persistence.AtomicWrite;
import akka.persistence.JournalProtocol;
import akka.persistence.Persistence;
import akka.persistence.PersistentEnvelope;
import akka.persistence.PersistentRepr;
import com.typesafe.config.ConfigFactory;

/**
 * Talks to a journal plugin actor with Akka's {@link JournalProtocol}, the way a persistent
 * actor does (and the way Akka's journal TCK drives it).
 */
public final class JournalProtocolDriver {

    public static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final int ACTOR_INSTANCE_ID = 1;

    private final ActorTestKit kit;
    private final ActorRef journal;

    public JournalProtocolDriver(ActorTestKit kit, String pluginId) {
        this.kit = kit;
        this.journal = Persistence.get(Adapter.toClassic(kit.system())).journalFor(pluginId, ConfigFactory.empty());
    }

    public ActorRef journal() {
        return journal;
    }

    public static PersistentRepr repr(Object payload, long seqNr, String pid, String writerUuid) {
        return PersistentRepr.apply(payload, seqNr, pid, "", false, null, writerUuid);
    }

    public static AtomicWrite atomic(PersistentRepr... reprs) {
        return new AtomicWrite(Util.immutableSeq(List.of(reprs)));
    }

    /**
     * Writes as the TCK does: single-event AtomicWrites for {@code from .. to-2}, then one
     * AtomicWrite with the last two events; payloads are "a-N".
     */
    public void writeTckStyle(long from, long to, String pid, String writerUuid) {
        List<AtomicWrite> writes = new ArrayList<>();
        for (long i = from; i < to; i++) {
            if (i == to - 1) {
                writes.add(atomic(repr("a-" + i, i, pid, writerUuid), repr("a-" + (i + 1), i + 1, pid, writerUuid)));
            } else {
                writes.add(atomic(repr("a-" + i, i, pid, writerUuid)));
            }
        }
        List<Object> replies = write(writes);
        for (int i = 0; i < replies.size(); i++) {
            JournalProtocol.WriteMessageSuccess ok = assertInstanceOf(JournalProtocol.WriteMessageSuccess.class,
                replies.get(i));
            assertEquals(from + i, ok.persistent().sequenceNr());
            assertEquals("a-" + (from + i), ok.persistent().payload());
        }
    }

    /** Writes and expects every event acknowledged. */
    public void writeAll(List<AtomicWrite> writes) {
        for (Object reply : write(writes)) {
            assertInstanceOf(JournalProtocol.WriteMessageSuccess.class, reply, () -> "reply " + reply);
        }
    }

    /** Sends one WriteMessages; returns the per-event replies after WriteMessagesSuccessful. */
    public List<Object> write(List<AtomicWrite> writes) {
        TestProbe<Object> probe = kit.createTestProbe(Object.class);
        List<PersistentEnvelope> envelopes = new ArrayList<>(writes);
        int events = writes.stream().mapToInt(AtomicWrite::size).sum();
        journal.tell(new JournalProtocol.WriteMessages(Util.immutableSeq(envelopes), Adapter.toClassic(probe.ref()),
            ACTOR_INSTANCE_ID), ActorRef.noSender());
        Object first = probe.receiveMessage(TIMEOUT);
        if (first instanceof JournalProtocol.WriteMessagesFailed failed) {
            fail("write failed", failed.cause());
        }
        assertEquals(JournalProtocol.WriteMessagesSuccessful$.MODULE$, first);
        List<Object> replies = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            replies.add(probe.receiveMessage(TIMEOUT));
        }
        probe.stop();
        return replies;
    }

    public record Replay(List<PersistentRepr> events, long highestSeqNr) {
        public List<Long> seqNrs() {
            return events.stream().map(PersistentRepr::sequenceNr).toList();
        }

        public List<Object> payloads() {
            return events.stream().map(PersistentRepr::payload).toList();
        }
    }

    public Replay replay(long from, long to, long max, String pid) {
        TestProbe<Object> probe = kit.createTestProbe(Object.class);
        journal.tell(new JournalProtocol.ReplayMessages(from, to, max, pid, Adapter.toClassic(probe.ref())),
            ActorRef.noSender());
        List<PersistentRepr> events = new ArrayList<>();
        while (true) {
            Object message = probe.receiveMessage(TIMEOUT);
            if (message instanceof JournalProtocol.ReplayedMessage replayed) {
                events.add(replayed.persistent());
            } else if (message instanceof JournalProtocol.RecoverySuccess success) {
                probe.stop();
                return new Replay(events, success.highestSequenceNr());
            } else if (message instanceof JournalProtocol.ReplayMessagesFailure failure) {
                throw new AssertionError("replay failed", failure.cause());
            } else {
                throw new AssertionError("unexpected " + message);
            }
        }
    }

    public Replay replayAll(String pid) {
        return replay(1, Long.MAX_VALUE, Long.MAX_VALUE, pid);
    }

    public void delete(String pid, long toSeqNr) {
        TestProbe<Object> probe = kit.createTestProbe(Object.class);
        journal.tell(new JournalProtocol.DeleteMessagesTo(pid, toSeqNr, Adapter.toClassic(probe.ref())),
            ActorRef.noSender());
        Object reply = probe.receiveMessage(TIMEOUT);
        if (reply instanceof akka.persistence.DeleteMessagesFailure failure) {
            throw new AssertionError("delete failed", failure.cause());
        }
        assertEquals(new akka.persistence.DeleteMessagesSuccess(toSeqNr), reply);
        probe.stop();
    }
}
