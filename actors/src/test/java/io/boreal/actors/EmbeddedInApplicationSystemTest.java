package io.boreal.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import io.boreal.sharding.BorealNode;

/** An application that owns its ActorSystem hosts a node in it, and keeps the system after close. */
class EmbeddedInApplicationSystemTest {

    @Test
    void aNodeRunsInTheApplicationsActorSystem() throws Exception {
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "application",
                BorealNode.systemConfig(BorealDatabase.memoryConfig("embedded")));
        try {
            BorealDatabase db = BorealDatabase.start(system);
            SqlSession session = db.openSession("app").toCompletableFuture().get(30, TimeUnit.SECONDS);
            session.execute("CREATE TABLE notes (id INT PRIMARY KEY, text VARCHAR(40))", List.of())
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);
            session.execute("INSERT INTO notes VALUES (1, 'hello')", List.of()).toCompletableFuture().get(30, TimeUnit.SECONDS);
            StatementResult.Rows rows = (StatementResult.Rows) session.execute("SELECT text FROM notes WHERE id = 1", List.of())
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertEquals("hello", rows.rows().get(0)[0]);

            db.close();
            assertFalse(system.getWhenTerminated().toCompletableFuture().isDone(), "the application's system keeps running");
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS);
        }
    }
}
