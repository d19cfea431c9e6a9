package io.boreal.bench.tso;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Props;
import akka.actor.typed.javadsl.Behaviors;
import io.boreal.txn.OracleEndpoint;
import io.boreal.txn.TimestampOracle;

/** The ActorSystems of a rig: Artery on loopback, the oracle's mark in the in-memory journal. */
final class RigSystems {

    static final Duration ASK = Duration.ofSeconds(10);

    private RigSystems() {
    }

    static ActorSystem<Void> system(String name) {
        Config config = ConfigFactory.parseString("""
                akka.actor.provider = remote
                akka.actor.allow-java-serialization = off
                akka.remote.artery.canonical.hostname = "127.0.0.1"
                akka.remote.artery.canonical.port = 0
                akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
                akka.persistence.journal.inmem.test-serialization = off
                akka.persistence.snapshot-store.plugin = "akka.persistence.no-snapshot-store"
                akka.loglevel = WARNING
                akka.log-dead-letters = off
                akka.coordinated-shutdown.exit-jvm = off
                akka.coordinated-shutdown.run-by-jvm-shutdown-hook = off
                """).withFallback(ConfigFactory.load());
        return ActorSystem.create(Behaviors.empty(), name, config);
    }

    /** The oracle, as a node runs it (reserve step 10M), serving over Aeron when {@code endpoint} is set. */
    static ActorRef<TimestampOracle.Command> oracle(ActorSystem<?> system, OracleEndpoint endpoint) {
        return system.systemActorOf(TimestampOracle.create("tso-bench-" + UUID.randomUUID(), 10_000_000L, endpoint),
                "cts-oracle", Props.empty());
    }

    static void terminate(ActorSystem<?> system) {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("an ActorSystem of the rig did not stop: " + e, e);
        }
    }
}
