package io.boreal.storage.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import akka.Done;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.AskPattern;

/**
 * A journal directory shared by several nodes (each an ActorSystem of its own here, as each is a
 * JVM in the cluster): a persistenceId that moves to another node keeps its whole history, moves
 * back and keeps it again; and a node that lost a persistenceId to another — still running, as a
 * paused JVM or the losing side of a split brain would be — has no further write acknowledged,
 * while what it acknowledged before the move is kept.
 */
class SharedJournalTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private Path shared;
    private final List<ActorTestKit> kits = new ArrayList<>();

    @BeforeEach
    void createDir() {
        shared = JournalTestConfig.newTempDir("boreal-journal-shared");
    }

    @AfterEach
    void cleanUp() {
        kits.forEach(ActorTestKit::shutdownTestKit);
        JournalTestConfig.deleteRecursively(shared);
    }

    @Test
    void aHistoryFollowsItsPersistenceIdFromNodeToNodeAndBack() throws Exception {
        ActorTestKit a = node("a");
        append(a, "p", 0, 10);
        stop(a);

        ActorTestKit b = node("b");
        assertEquals(range(0, 10), events(b, "p"), "b copied what a wrote");
        append(b, "p", 10, 5);
        stop(b);

        ActorTestKit again = node("a");
        assertEquals(range(0, 15), events(again, "p"), "back on a: what b added is there too");
        append(again, "p", 15, 1);
        stop(again);

        ActorTestKit restarted = node("a");
        assertEquals(range(0, 16), events(restarted, "p"), "a restarting keeps its own copy: nothing twice");
        assertTrue(Files.isDirectory(shared.resolve("logs/a")) && Files.isDirectory(shared.resolve("logs/b")));
    }

    @Test
    void aNodeThatLostItsPersistenceIdGetsNoMoreWritesAcknowledged() throws Exception {
        ActorTestKit a = node("a");
        ActorRef<EventLogEntity.Command> onA = append(a, "p", 0, 5);
        ActorTestKit b = node("b");
        assertEquals(range(0, 5), events(b, "p"), "b took p over while a still runs it");

        TestProbe<Done> ack = a.createTestProbe();
        onA.tell(new EventLogEntity.Append(List.of(new TestEvent("fenced", 99)), ack.getRef()));
        ack.expectNoMessage(Duration.ofSeconds(1)); // a's write fails: its entity stops instead of acknowledging
        ack.expectTerminated(onA, WAIT);

        append(b, "p", 5, 2);
        ActorTestKit c = node("c");
        assertEquals(range(0, 7), events(c, "p"), "the fenced write is not part of the history");
    }

    @Test
    void persistenceIdsMoveOneByOne() throws Exception {
        ActorTestKit a = node("a");
        append(a, "moves", 0, 3);
        append(a, "stays", 0, 4);
        ActorTestKit b = node("b");
        assertEquals(range(0, 3), events(b, "moves"));
        assertEquals(range(0, 4), events(a, "stays"), "a keeps writing what it still holds");
        append(a, "stays", 4, 1);
        assertEquals(range(0, 5), events(a, "stays"));
    }

    private ActorTestKit node(String name) {
        Config config = JournalTestConfig.fileJournal(shared.resolve("unused"), ConfigFactory.parseString(
                "shared { dir = \"" + shared + "\", node = " + name + " }"));
        ActorTestKit kit = ActorTestKit.create("SharedJournalTest-" + name + "-" + kits.size(), config);
        kits.add(kit);
        return kit;
    }

    private void stop(ActorTestKit kit) {
        kit.shutdownTestKit();
        kits.remove(kit);
    }

    /** Appends {@code count} events numbered from {@code first}, each acknowledged. */
    private static ActorRef<EventLogEntity.Command> append(ActorTestKit kit, String pid, int first, int count)
            throws Exception {
        ActorRef<EventLogEntity.Command> entity = entity(kit, pid);
        for (int i = first; i < first + count; i++) {
            TestEvent event = new TestEvent("e" + i, i);
            AskPattern.<EventLogEntity.Command, Done>ask(entity, reply -> new EventLogEntity.Append(List.of(event), reply),
                    WAIT, kit.scheduler()).toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        return entity;
    }

    private static List<Object> events(ActorTestKit kit, String pid) throws Exception {
        return AskPattern.<EventLogEntity.Command, List<Object>>ask(entity(kit, pid), EventLogEntity.GetEvents::new,
                WAIT, kit.scheduler()).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** The node's one entity of {@code pid} (started on first use). */
    private static ActorRef<EventLogEntity.Command> entity(ActorTestKit kit, String pid) {
        return Entities.of(kit).computeIfAbsent(pid,
                p -> kit.spawn(EventLogEntity.create(p, JournalTestConfig.FILE_PLUGIN), "entity-" + p));
    }

    private static List<Object> range(int from, int to) {
        List<Object> events = new ArrayList<>();
        for (int i = from; i < to; i++) {
            events.add(new TestEvent("e" + i, i));
        }
        return events;
    }

    /** The entities spawned on each node, so one node runs one entity per persistenceId. */
    private static final class Entities {
        private static final java.util.Map<ActorTestKit, java.util.Map<String, ActorRef<EventLogEntity.Command>>> BY_KIT =
                new java.util.concurrent.ConcurrentHashMap<>();

        static java.util.Map<String, ActorRef<EventLogEntity.Command>> of(ActorTestKit kit) {
            return BY_KIT.computeIfAbsent(kit, k -> new java.util.concurrent.ConcurrentHashMap<>());
        }
    }
}
