package io.boreal.bench.tso;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.CompositeAgent;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import io.boreal.transport.aeron.Channels;
import io.boreal.transport.aeron.EmbeddedMediaDriver;
import io.boreal.transport.aeron.TimestampChannel;
import io.boreal.txn.AeronLeaseLink;
import io.boreal.txn.OracleEndpoint;
import io.boreal.txn.TimestampClient;
import io.boreal.txn.TimestampOracle;

/**
 * The oracle serving over Aeron and its client nodes: over UDP each node has a media driver of
 * its own (as on separate hosts), over IPC they attach to the coordinator's. A node's channel
 * agent is run by its requesters while they wait (no thread of its own); the oracle's server
 * agent and the drivers run as the rig's {@link IdleStrategyKind} says.
 */
final class AeronRig extends TsoRig {

    private static final int STREAM = 7001;
    private static final Duration RETRY = Duration.ofMillis(100);

    /**
     * A client node: its driver, its channel for single requests, and who was answered. The channel's
     * agent (with the driver's duty cycle when the driver has no thread) is run by whoever holds
     * {@code duty}: a waiting requester, or else the node's keeper thread, which backs off when idle
     * (an invoked driver left alone misses its keepalive and its client dies).
     */
    private record Node(EmbeddedMediaDriver driver, TimestampChannel channel, Agent work, ReentrantLock duty,
                        AtomicLongArray answered, String responseChannel, int streamId, Thread keeper) {
    }

    private volatile boolean closing;
    /** A batched run is on: the keepers drive their nodes' drivers without pause. */
    private volatile boolean hot;

    private final boolean ipc;
    private final ActorSystem<Void> system;
    private final EmbeddedMediaDriver coordinator;
    private final TimestampOracle.Endpoint endpoint;
    private final List<Node> nodes = new ArrayList<>();

    AeronRig(boolean ipc, int nodeCount, Path dir, IdleStrategyKind idle) throws Exception {
        this.ipc = ipc;
        this.system = RigSystems.system("tso-aeron");
        this.coordinator = idle == IdleStrategyKind.INVOKED ? EmbeddedMediaDriver.launchInvoked(dir.resolve("coordinator"))
                : EmbeddedMediaDriver.launch(dir.resolve("coordinator"), idle.strategy(), null);
        ActorRef<TimestampOracle.Command> oracle = RigSystems.oracle(system, new OracleEndpoint(coordinator.aeron(),
                ipc ? Channels.IPC : Channels.udp("127.0.0.1", 0), STREAM, idle::strategy, coordinator.dutyCycle()));
        this.endpoint = AskPattern.<TimestampOracle.Command, TimestampOracle.Endpoint>ask(oracle,
                TimestampOracle.GetEndpoint::new, RigSystems.ASK, system.scheduler()).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        for (int i = 0; i < nodeCount; i++) {
            nodes.add(node(i, dir, idle));
        }
    }

    private Node node(int i, Path dir, IdleStrategyKind idle) {
        EmbeddedMediaDriver driver = ipc ? EmbeddedMediaDriver.attach(coordinator.directory())
                : idle == IdleStrategyKind.INVOKED ? EmbeddedMediaDriver.launchInvoked(dir.resolve("node-" + i))
                : EmbeddedMediaDriver.launch(dir.resolve("node-" + i), idle.strategy(), null);
        AtomicLongArray answered = new AtomicLongArray(2048);
        String response = ipc ? Channels.IPC : Channels.udp("127.0.0.1", 0);
        int stream = STREAM + 1 + 2 * i;
        TimestampChannel channel = new TimestampChannel(driver.aeron(), i + 1, response, stream,
                (correlation, first, count, completed) -> answered.setRelease((int) (correlation & 2047), correlation),
                RETRY.toNanos());
        channel.connect(endpoint.channel(), endpoint.streamId());
        Agent work = driver.dutyCycle() == null ? channel : new CompositeAgent(channel, driver.dutyCycle());
        ReentrantLock duty = new ReentrantLock();
        Thread keeper = new Thread(() -> keep(work, duty), "tso-node-" + i + "-keeper");
        keeper.setDaemon(true);
        keeper.start();
        return new Node(driver, channel, work, duty, answered, response, stream + 1, keeper);
    }

    /**
     * A node's keeper: while a batched run needs the node's driver ({@code hot}) it runs the duty
     * cycle yielding; otherwise once per 10 ms, enough for the driver's keepalive and out of the way
     * of the requesters that drive it themselves.
     */
    private void keep(Agent work, ReentrantLock duty) {
        IdleStrategy yielding = new YieldingIdleStrategy();
        try {
            while (!closing) {
                int done = 0;
                if (duty.tryLock()) {
                    try {
                        done = work.doWork();
                    } finally {
                        duty.unlock();
                    }
                }
                if (hot) {
                    yielding.idle(done);
                } else {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                }
            }
        } catch (Exception e) {
            e.printStackTrace();
        }
    }

    /** One request; while it waits, the requester runs the node's agent if no other does, else spins and yields. */
    @Override
    protected void requestOne(int index) throws Exception {
        Node node = nodes.get(index);
        long correlation = node.channel().request(1);
        int slot = (int) (correlation & 2047);
        int idle = 0;
        while (node.answered().getAcquire(slot) != correlation) {
            int work = 0;
            if (node.duty().tryLock()) {
                try {
                    work = node.work().doWork();
                } finally {
                    node.duty().unlock();
                }
            }
            if (work == 0 && ++idle > 100) {
                Thread.yield();
            }
        }
    }

    @Override
    protected Batched batchedClients(int nodeCount, int batch) {
        List<AeronLeaseLink> links = new ArrayList<>();
        List<TimestampClient> clients = new ArrayList<>();
        for (int i = 0; i < nodeCount; i++) {
            Node node = nodes.get(i);
            AeronLeaseLink link;
            // an invoked driver's client runs the driver while it awaits a registration: not beside the keeper
            node.duty().lock();
            try {
                link = new AeronLeaseLink(system, node.driver().aeron(), 100 + i, node.responseChannel(),
                        node.streamId(), () -> CompletableFuture.completedFuture(endpoint), RETRY, Duration.ofSeconds(5),
                        new YieldingIdleStrategy());
            } finally {
                node.duty().unlock();
            }
            links.add(link);
            clients.add(new TimestampClient(system, link, 1, batch));
        }
        hot = true;
        return new Batched(clients, () -> links.stream().mapToLong(l -> l.channel().ranges()).sum(), () -> {
            hot = false;
            links.forEach(AeronLeaseLink::close);
        });
    }

    @Override
    public void close() {
        closing = true;
        for (Node node : nodes) {
            try {
                node.keeper().join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            node.channel().onClose();
            node.driver().close();
        }
        RigSystems.terminate(system); // stops the oracle and its server agent
        coordinator.close();
    }

    /**
     * How the threads wait for work: BACKOFF (a node's default: spin, yield, park up to 1 ms),
     * YIELDING (never park), INVOKED (yielding, and each driver has no thread: the coordinator's
     * runs in the server agent's duty cycle, a node's in its requesters' — a thread and a hop
     * fewer each way).
     */
    enum IdleStrategyKind {
        BACKOFF, YIELDING, INVOKED;

        IdleStrategy strategy() {
            return this == BACKOFF ? EmbeddedMediaDriver.backoff() : new YieldingIdleStrategy();
        }
    }
}
