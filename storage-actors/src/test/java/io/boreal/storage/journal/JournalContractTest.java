package io.boreal.storage.journal;

import static io.boreal.storage.journal.JournalProtocolDriver.atomic;
import static io.boreal.storage.journal.JournalProtocolDriver.repr;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import akka.Done;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.persistence.AtomicWrite;
import akka.persistence.JournalProtocol;
import akka.persistence.PersistentRepr;
import com.typesafe.config.Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The journal conformance tests: the cases of Akka's journal TCK ({@code JournalSpec}) plus a
 * few of Boreal's, run by a subclass per journal the engine offers. Every test gets a fresh
 * persistenceId holding events 1..5 (single AtomicWrites for 1..3, one AtomicWrite of 4 and 5),
 * written through the journal protocol as a persistent actor would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class JournalContractTest {

    private static final AtomicInteger PIDS = new AtomicInteger();

    protected ActorTestKit testKit;
    protected JournalProtocolDriver journal;
    protected String pid;
    protected String writerUuid;

    /** The system config selecting the journal under test as default journal. */
    protected abstract Config journalConfig();

    protected abstract String pluginId();

    /** Journals may reject a non-serializable event individually (optional in Akka's TCK). */
    protected boolean supportsRejectingNonSerializableObjects() {
        return false;
    }

    protected void afterSystemTerminated() {
    }

    @BeforeAll
    void startSystem() {
        testKit = ActorTestKit.create(getClass().getSimpleName(), journalConfig());
        journal = new JournalProtocolDriver(testKit, pluginId());
    }

    @AfterAll
    void stopSystem() {
        try {
            testKit.shutdownTestKit();
        } finally {
            afterSystemTerminated();
        }
    }

    @BeforeEach
    void writeFiveEvents() {
        pid = "contract-" + PIDS.incrementAndGet();
        writerUuid = UUID.randomUUID().toString();
        journal.writeTckStyle(1, 5, pid, writerUuid);
    }

    private void assertReplays(long from, long to, long max, long... expectedSeqNrs) {
        JournalProtocolDriver.Replay replay = journal.replay(from, to, max, pid);
        assertEquals(LongStream.of(expectedSeqNrs).boxed().toList(), replay.seqNrs());
        for (PersistentRepr event : replay.events()) {
            assertEquals("a-" + event.sequenceNr(), event.payload());
            assertEquals(pid, event.persistenceId());
            assertEquals(writerUuid, event.writerUuid());
            assertTrue(!event.deleted());
            assertNull(event.sender());
        }
        assertEquals(5L, replay.highestSeqNr());
    }

    @Test
    void replaysAllMessages() {
        assertReplays(1, Long.MAX_VALUE, Long.MAX_VALUE, 1, 2, 3, 4, 5);
    }

    @Test
    void replaysFromALowerSequenceNrBound() {
        assertReplays(3, Long.MAX_VALUE, Long.MAX_VALUE, 3, 4, 5);
    }

    @Test
    void replaysToAnUpperSequenceNrBound() {
        assertReplays(1, 3, Long.MAX_VALUE, 1, 2, 3);
    }

    @Test
    void replaysWithACountLimit() {
        assertReplays(1, Long.MAX_VALUE, 3, 1, 2, 3);
    }

    @Test
    void replaysWithLowerAndUpperBounds() {
        assertReplays(2, 3, Long.MAX_VALUE, 2, 3);
    }

    @Test
    void replaysWithLowerAndUpperBoundsAndACountLimit() {
        assertReplays(2, 5, 2, 2, 3);
    }

    @Test
    void replaysASingleMessageWhenTheBoundsAreEqual() {
        assertReplays(2, 2, Long.MAX_VALUE, 2);
    }

    @Test
    void replaysASingleMessageWhenTheCountLimitIsOne() {
        assertReplays(2, 4, 1, 2);
    }

    @Test
    void replaysNothingWhenTheCountLimitIsZero() {
        assertReplays(2, 4, 0);
    }

    @Test
    void replaysNothingWhenTheLowerBoundIsAboveTheUpperBound() {
        assertReplays(3, 2, Long.MAX_VALUE);
    }

    @Test
    void replaysNothingForAPersistenceIdWithoutEvents() {
        JournalProtocolDriver.Replay replay = journal.replay(0, Long.MAX_VALUE, Long.MAX_VALUE, "non-existing-" + pid);
        assertEquals(List.of(), replay.events());
        assertEquals(0L, replay.highestSeqNr());
    }

    @Test
    void doesNotReplayDeletedMessages() {
        journal.delete(pid, 3);
        assertReplays(1, Long.MAX_VALUE, Long.MAX_VALUE, 4, 5);
    }

    @Test
    void keepsTheHighestSequenceNrAfterDeletion() {
        assertReplays(0, Long.MAX_VALUE, Long.MAX_VALUE, 1, 2, 3, 4, 5);
        journal.delete(pid, 3);
        assertReplays(0, Long.MAX_VALUE, Long.MAX_VALUE, 4, 5);
    }

    @Test
    void keepsTheHighestSequenceNrAfterDeletingEverything() {
        journal.delete(pid, Long.MAX_VALUE);
        assertReplays(0, Long.MAX_VALUE, Long.MAX_VALUE);
        // a delete is bounded by the highest sequence nr when it is made: later events stay
        journal.writeAll(List.of(atomic(repr("a-6", 6, pid, writerUuid))));
        JournalProtocolDriver.Replay replay = journal.replay(0, Long.MAX_VALUE, Long.MAX_VALUE, pid);
        assertEquals(List.of(6L), replay.seqNrs());
        assertEquals(6L, replay.highestSeqNr());
    }

    @Test
    void deletesAreCumulativeAndNeverShrink() {
        journal.delete(pid, 4);
        journal.delete(pid, 2);
        assertReplays(1, Long.MAX_VALUE, Long.MAX_VALUE, 5);
    }

    @Test
    void replaysAnAtomicWriteOfSeveralEvents() {
        List<PersistentRepr> events = new ArrayList<>();
        for (long i = 6; i <= 15; i++) {
            events.add(repr("a-" + i, i, pid, writerUuid));
        }
        journal.writeAll(List.of(atomic(events.toArray(PersistentRepr[]::new))));
        JournalProtocolDriver.Replay replay = journal.replay(6, Long.MAX_VALUE, Long.MAX_VALUE, pid);
        assertEquals(LongStream.rangeClosed(6, 15).boxed().toList(), replay.seqNrs());
        assertEquals(15L, replay.highestSeqNr());
    }

    @Test
    void serializesEventsWithTheirSerializerAndManifest() {
        TestEvent event = new TestEvent("caf\u00e9 \u2603", 42);
        PersistentRepr withAdapterManifest = repr(event, 6, pid, writerUuid).withManifest("adapter-v2");
        journal.writeAll(List.of(atomic(withAdapterManifest)));
        JournalProtocolDriver.Replay replay = journal.replay(6, Long.MAX_VALUE, Long.MAX_VALUE, pid);
        assertEquals(List.of(event), replay.payloads());
        assertEquals("adapter-v2", replay.events().get(0).manifest());
        assertEquals(writerUuid, replay.events().get(0).writerUuid());
    }

    @Test
    void rejectsNonSerializableEventsIndividually() {
        if (!supportsRejectingNonSerializableObjects()) {
            return;
        }
        Object notSerializable = new Object() {
            @Override
            public String toString() {
                return "not serializable";
            }
        };
        List<AtomicWrite> writes = List.of(
            atomic(repr("b-6", 6, pid, writerUuid)),
            atomic(repr(notSerializable, 7, pid, writerUuid)),
            atomic(repr("b-8", 8, pid, writerUuid)));
        List<Object> replies = journal.write(writes);
        assertInstanceOf(JournalProtocol.WriteMessageSuccess.class, replies.get(0));
        JournalProtocol.WriteMessageRejected rejected =
            assertInstanceOf(JournalProtocol.WriteMessageRejected.class, replies.get(1));
        assertEquals(7L, rejected.message().sequenceNr());
        assertInstanceOf(JournalProtocol.WriteMessageSuccess.class, replies.get(2));
        JournalProtocolDriver.Replay replay = journal.replay(6, Long.MAX_VALUE, Long.MAX_VALUE, pid);
        assertEquals(List.of(6L, 8L), replay.seqNrs());
    }

    @Test
    void storesLargePayloads() {
        byte[] large = new byte[3 * 1024 * 1024 + 17]; // larger than the file journal's write buffer
        new Random(7).nextBytes(large);
        byte[] medium = new byte[300_000];
        new Random(8).nextBytes(medium);
        journal.writeAll(List.of(atomic(repr(large, 6, pid, writerUuid), repr(medium, 7, pid, writerUuid)),
            atomic(repr("a-8", 8, pid, writerUuid))));
        JournalProtocolDriver.Replay replay = journal.replay(6, Long.MAX_VALUE, Long.MAX_VALUE, pid);
        assertEquals(List.of(6L, 7L, 8L), replay.seqNrs());
        assertArrayEquals(large, (byte[]) replay.payloads().get(0));
        assertArrayEquals(medium, (byte[]) replay.payloads().get(1));
    }

    @Test
    void keepsEachPersistenceIdInOrderUnderConcurrentWriters() {
        int writers = 32;
        int writesEach = 20;
        String prefix = pid + "-w";
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int w = 0; w < writers; w++) {
            String writerPid = prefix + w;
            Thread t = new Thread(() -> {
                try {
                    for (long seq = 1; seq <= writesEach; seq++) {
                        journal.writeAll(List.of(atomic(repr("a-" + seq, seq, writerPid, writerUuid))));
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        assertEquals(List.of(), errors);
        for (int w = 0; w < writers; w++) {
            JournalProtocolDriver.Replay replay = journal.replayAll(prefix + w);
            assertEquals(LongStream.rangeClosed(1, writesEach).boxed().toList(), replay.seqNrs());
            assertEquals(writesEach, replay.highestSeqNr());
        }
    }

    @Test
    void recoversAnEventSourcedBehavior() {
        String entityId = pid + "-entity";
        TestProbe<Done> done = testKit.createTestProbe(Done.class);
        TestProbe<List<Object>> state = testKit.createTestProbe();
        ActorRef<EventLogEntity.Command> entity = testKit.spawn(EventLogEntity.create(entityId, pluginId()));
        entity.tell(new EventLogEntity.Append(List.of("one"), done.ref()));
        done.expectMessage(JournalProtocolDriver.TIMEOUT, Done.getInstance());
        entity.tell(new EventLogEntity.Append(List.of("two", new TestEvent("three", 3), "four"), done.ref()));
        done.expectMessage(JournalProtocolDriver.TIMEOUT, Done.getInstance());
        testKit.stop(entity, JournalProtocolDriver.TIMEOUT);

        ActorRef<EventLogEntity.Command> again = testKit.spawn(EventLogEntity.create(entityId, pluginId()));
        again.tell(new EventLogEntity.GetEvents(state.ref()));
        List<Object> expected = List.of("one", "two", new TestEvent("three", 3), "four");
        assertEquals(expected, state.receiveMessage(JournalProtocolDriver.TIMEOUT));
        again.tell(new EventLogEntity.Append(List.of("five"), done.ref()));
        done.expectMessage(JournalProtocolDriver.TIMEOUT, Done.getInstance());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), journal.replayAll(entityId).seqNrs());
        testKit.stop(again, JournalProtocolDriver.TIMEOUT);
    }

    @Test
    void recoversManyEventSourcedBehaviorsWrittenConcurrently() {
        int entities = 40;
        int appendsEach = 5;
        TestProbe<Done> done = testKit.createTestProbe(Done.class);
        List<ActorRef<EventLogEntity.Command>> refs = IntStream.range(0, entities)
            .mapToObj(i -> testKit.spawn(EventLogEntity.create(pid + "-e" + i, pluginId())))
            .toList();
        for (int round = 0; round < appendsEach; round++) {
            for (ActorRef<EventLogEntity.Command> ref : refs) {
                ref.tell(new EventLogEntity.Append(List.of("r" + round), done.ref()));
            }
        }
        for (int i = 0; i < entities * appendsEach; i++) {
            done.expectMessage(JournalProtocolDriver.TIMEOUT, Done.getInstance());
        }
        refs.forEach(ref -> testKit.stop(ref, JournalProtocolDriver.TIMEOUT));
        TestProbe<List<Object>> state = testKit.createTestProbe();
        List<Object> expected = IntStream.range(0, appendsEach).mapToObj(r -> (Object) ("r" + r)).toList();
        for (int i = 0; i < entities; i++) {
            ActorRef<EventLogEntity.Command> again = testKit.spawn(EventLogEntity.create(pid + "-e" + i, pluginId()));
            again.tell(new EventLogEntity.GetEvents(state.ref()));
            assertEquals(expected, state.receiveMessage(JournalProtocolDriver.TIMEOUT));
            testKit.stop(again, JournalProtocolDriver.TIMEOUT);
        }
    }
}
