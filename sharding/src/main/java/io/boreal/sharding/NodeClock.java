package io.boreal.sharding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.javadsl.AskPattern;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.ClusterSingleton;
import akka.cluster.typed.SingletonActor;
import io.boreal.transport.aeron.EmbeddedMediaDriver;
import io.boreal.txn.AeronLeaseLink;
import io.boreal.txn.GlobalTimestamps;
import io.boreal.txn.LeaseLink;
import io.boreal.txn.OracleEndpoint;
import io.boreal.txn.TimestampClient;
import io.boreal.txn.TimestampOracle;
import io.boreal.txn.TimestampSource;

/**
 * A node's side of the cluster's clock: its share of the CTS oracle singleton (the oracle runs on
 * the oldest node; every node offers the behaviour, bound to its own Aeron), the node's
 * {@link TimestampClient}, and under {@code transport = aeron} the media driver and lease link
 * they use.
 *
 * <p>Lifecycle: {@link #start} once the node is a cluster member; {@link #close} after its
 * ActorSystem has terminated (the oracle's server agent stops with its actor), which stops the
 * client's agent and the embedded driver and deletes the driver's directory.
 */
final class NodeClock implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NodeClock.class);
    private static final String ORACLE = "cts-oracle";
    private static final Duration FIRST_LEASE_GUARD = Duration.ofSeconds(60);
    /**
     * How long a node waits for the oracle to say where it listens before asking again: a live
     * singleton answers in milliseconds, and an ask the proxy handed to a singleton that just died
     * is lost, so a short wait is the node's share of a failover (it was 3 s of it).
     */
    private static final Duration ENDPOINT_ASK = Duration.ofSeconds(1);

    /** How long a tracked commit timestamp nobody took stays reserved before it is reported unused. */
    private static final Duration UNUSED_AFTER = Duration.ofMillis(200);

    private final TimestampSource client;
    private final ActorRef<TimestampOracle.Command> oracle;
    private final EmbeddedMediaDriver driver;
    private final AeronLeaseLink aeronLink;

    private NodeClock(TimestampSource client, ActorRef<TimestampOracle.Command> oracle, EmbeddedMediaDriver driver,
                      AeronLeaseLink aeronLink) {
        this.client = client;
        this.oracle = oracle;
        this.driver = driver;
        this.aeronLink = aeronLink;
    }

    static NodeClock start(ActorSystem<?> system, NodeSettings node, TimestampSettings settings,
                           SupervisorStrategy restart) {
        EmbeddedMediaDriver driver = settings.aeron() ? driver(node, settings) : null;
        AeronLeaseLink aeronLink = null;
        try {
            OracleEndpoint endpoint = driver == null ? null
                    : new OracleEndpoint(driver.aeron(), settings.oracleChannel(), settings.streamId(), settings.idle());
            Behavior<TimestampOracle.Command> behavior = Behaviors.supervise(
                    TimestampOracle.create(ORACLE, node.ctsReserve(), endpoint)).onFailure(restart);
            ActorRef<TimestampOracle.Command> oracle = ClusterSingleton.get(system)
                    .init(SingletonActor.of(behavior, ORACLE));
            int nodeId = nodeId(system);
            aeronLink = driver == null ? null : new AeronLeaseLink(system, driver.aeron(), nodeId,
                    settings.responseChannel(), settings.streamId() + 1,
                    () -> AskPattern.ask(oracle, TimestampOracle.GetEndpoint::new, ENDPOINT_ASK, system.scheduler()),
                    settings.retry(), settings.rediscoverAfter(), settings.idle().get());
            LeaseLink link = aeronLink != null ? aeronLink
                    : LeaseLink.akka(system, oracle, nodeId, TimestampClient.DEFAULT_LEASE_TIMEOUT);
            long start = System.nanoTime();
            boolean global = settings.global(!node.seedNodes().isEmpty());
            TimestampSource client = global
                    ? new GlobalTimestamps(system, link, TimestampSource.RECOVERED, UNUSED_AFTER)
                    : new TimestampClient(system, link, TimestampSource.RECOVERED, node.ctsLease());
            NodeClock clock = new NodeClock(client, oracle, driver, aeronLink);
            awaitFirstLease(clock);
            log.info("{} timestamps over {}; the oracle first answered after {} ms",
                    global ? "Global (snapshots and commits from the oracle)" : "Leased",
                    driver == null ? "Akka messages (boreal.timestamps.transport = akka)"
                            : "Aeron " + (settings.ipc() ? "IPC" : "UDP") + ", media driver in " + driver.directory(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            return clock;
        } catch (RuntimeException e) {
            if (aeronLink != null) {
                aeronLink.close();
            }
            if (driver != null) {
                driver.close();
            }
            throw e;
        }
    }

    /** A node is ready once it can stamp a commit: waits for the first lease (the singleton may still be starting). */
    private static void awaitFirstLease(NodeClock clock) {
        CountDownLatch leased = new CountDownLatch(1);
        if (clock.client().global()) {
            clock.client().freshSnapshot(leased::countDown);
        } else {
            clock.client().whenAvailable(leased::countDown);
        }
        try {
            if (!leased.await(FIRST_LEASE_GUARD.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("no commit timestamps from the CTS oracle within " + FIRST_LEASE_GUARD);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the first timestamp lease", e);
        }
    }

    TimestampSource client() {
        return client;
    }

    /** The oracle singleton's proxy. */
    ActorRef<TimestampOracle.Command> oracle() {
        return oracle;
    }

    /** Stops the node's lease link (its agent thread and watchdog); idempotent. */
    void closeClient() {
        if (aeronLink != null) {
            aeronLink.close();
        }
    }

    /** Stops the lease link and the embedded driver (deleting its directory); idempotent. */
    @Override
    public void close() {
        closeClient();
        if (driver != null) {
            driver.close();
        }
    }

    private static EmbeddedMediaDriver driver(NodeSettings node, TimestampSettings settings) {
        if (!settings.driverDir().isEmpty()) {
            return EmbeddedMediaDriver.attach(settings.driverDir());
        }
        try {
            Path dir = node.fileMode() ? node.dir().resolve("aeron")
                    : EmbeddedMediaDriver.freshDirectory(Path.of(System.getProperty("java.io.tmpdir"), "boreal-aeron"));
            return EmbeddedMediaDriver.launch(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot make a directory for the Aeron media driver: " + e, e);
        }
    }

    /** This member's id on the wire: from its unique address, so a restarted node is a new one. */
    private static int nodeId(ActorSystem<?> system) {
        long uid = Cluster.get(system).selfMember().uniqueAddress().longUid();
        return (int) (uid ^ (uid >>> 32));
    }
}
