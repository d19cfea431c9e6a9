package io.boreal.multijvm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.typesafe.config.ConfigFactory;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Props;
import akka.actor.typed.javadsl.AskPattern;
import akka.actor.typed.javadsl.Behaviors;
import io.boreal.transport.aeron.Channels;
import io.boreal.transport.aeron.EmbeddedMediaDriver;
import io.boreal.txn.OracleEndpoint;
import io.boreal.txn.TimestampOracle;

/**
 * The coordinator JVM of {@link TimestampOracleIT}: the CTS oracle with its high-water mark in the
 * file journal under {@code args[0]}, serving over Aeron ({@code args[1]}: udp, or ipc through the
 * driver in {@code args[3]}). Writes where it listens to {@code args[2]} (the test's stand-in for
 * the singleton proxy's answer), prints {@code READY}, and serves until killed.
 */
public final class TsoCoordinatorNode {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        boolean ipc = args[1].equals("ipc");
        Path endpointFile = Path.of(args[2]);
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "tso", ConfigFactory.parseString(
                "akka.persistence.journal.plugin = \"boreal.journal.file\"\n"
                        + "boreal.journal.file.dir = \"" + dir.resolve("journal") + "\"\n"
                        + "akka.persistence.snapshot-store.plugin = \"akka.persistence.no-snapshot-store\"\n"
                        + "akka.actor.allow-java-serialization = off\n").withFallback(ConfigFactory.load()));
        EmbeddedMediaDriver aeron = ipc ? EmbeddedMediaDriver.attach(args[3])
                : EmbeddedMediaDriver.launch(dir.resolve("aeron"));
        // a small reserve step: many durable marks in a short run, so a restart lands among them
        ActorRef<TimestampOracle.Command> oracle = system.systemActorOf(TimestampOracle.create("cts-oracle", 5_000,
                new OracleEndpoint(aeron.aeron(), ipc ? Channels.IPC : Channels.udp("127.0.0.1", 0), 7001)),
                "cts-oracle", Props.empty());
        TimestampOracle.Endpoint endpoint = AskPattern.<TimestampOracle.Command, TimestampOracle.Endpoint>ask(oracle,
                TimestampOracle.GetEndpoint::new, Duration.ofSeconds(30), system.scheduler())
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        Path partial = endpointFile.resolveSibling(endpointFile.getFileName() + ".tmp");
        Files.writeString(partial, endpoint.channel() + "\n" + endpoint.streamId() + "\n");
        Files.move(partial, endpointFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("READY " + endpoint.channel());
        System.out.flush();
        Thread.currentThread().join();
    }
}
