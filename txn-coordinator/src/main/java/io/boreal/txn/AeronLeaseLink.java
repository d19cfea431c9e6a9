package io.boreal.txn;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;

import akka.actor.Cancellable;
import akka.actor.typed.ActorSystem;
import io.aeron.Aeron;
import io.boreal.transport.aeron.EmbeddedMediaDriver;
import io.boreal.transport.aeron.TimestampChannel;

/**
 * A {@link LeaseLink} over Aeron: each lease is one Request on a {@link TimestampChannel}, run by
 * its own agent thread, answered by the oracle's {@code TimestampServer}.
 *
 * <p>Finding the oracle: at start, and whenever a Request has waited longer than
 * {@code rediscoverAfter} (the oracle restarted elsewhere, on another port), the link asks
 * {@code discover} — in a cluster, the singleton proxy's {@link TimestampOracle.GetEndpoint} —
 * and points the channel at the answer, which resends what is outstanding. The channel itself
 * resends an unanswered Request every {@code retry}. A lease never fails: it waits until some
 * oracle answers.
 *
 * <p>Thread-safety: {@link #request} from the client (one at a time, as its contract says); the
 * grant runs on the agent's thread.
 */
public final class AeronLeaseLink implements LeaseLink, AutoCloseable {

    private final ActorSystem<?> system;
    private final Supplier<CompletionStage<TimestampOracle.Endpoint>> discover;
    private final long rediscoverAfterNs;
    private final TimestampChannel channel;
    private final AgentRunner runner;
    private final Cancellable watchdog;
    private volatile Granted pending;
    private volatile long requestedAtNs;
    private final AtomicBoolean discovering = new AtomicBoolean();
    private volatile boolean closed;

    /**
     * @param responseChannel where Ranges come back: {@code aeron:ipc}, or a UDP endpoint of this node (port 0: free)
     * @param idle            how the agent idles ({@link EmbeddedMediaDriver#backoff()} on a shared 2-core host)
     */
    public AeronLeaseLink(ActorSystem<?> system, Aeron aeron, int nodeId, String responseChannel, int responseStreamId,
                          Supplier<CompletionStage<TimestampOracle.Endpoint>> discover, Duration retry,
                          Duration rediscoverAfter, IdleStrategy idle) {
        this.system = system;
        this.discover = discover;
        this.rediscoverAfterNs = rediscoverAfter.toNanos();
        this.channel = new TimestampChannel(aeron, nodeId, responseChannel, responseStreamId, this::onRange,
                retry.toNanos());
        this.runner = new AgentRunner(idle, e -> system.log().error("CTS client agent failed", e), null, channel);
        AgentRunner.startOnThread(runner);
        Duration tick = rediscoverAfter.dividedBy(2);
        this.watchdog = system.scheduler().scheduleAtFixedRate(tick, tick, this::checkOverdue, system.executionContext());
        rediscover();
    }

    /** The channel, for its counters. */
    public TimestampChannel channel() {
        return channel;
    }

    @Override
    public void request(int count, boolean tracked, Granted granted) {
        requestedAtNs = System.nanoTime(); // before pending: the watchdog reads them in the other order
        pending = granted;
        channel.request(count, tracked);
    }

    @Override
    public void done(long first) {
        channel.done(first);
    }

    private void onRange(long correlationId, long first, int count, long completed) {
        Granted granted = pending;
        pending = null;
        if (granted != null) {
            granted.leased(first, first + count, completed);
        }
    }

    private void checkOverdue() {
        if (pending != null && System.nanoTime() - requestedAtNs > rediscoverAfterNs) {
            rediscover();
        }
    }

    private void rediscover() {
        if (closed || !discovering.compareAndSet(false, true)) {
            return;
        }
        CompletionStage<TimestampOracle.Endpoint> found;
        try {
            found = discover.get();
        } catch (RuntimeException e) {
            discovering.set(false);
            system.log().warn("Cannot find the timestamp oracle, asking again: {}", e.toString());
            return;
        }
        found.whenComplete((endpoint, failure) -> {
            discovering.set(false);
            if (closed) {
                return;
            }
            if (failure != null) {
                system.log().warn("Cannot find the timestamp oracle, asking again: {}", failure.toString());
            } else if (endpoint.channel() == null) {
                system.log().error("The timestamp oracle serves no Aeron endpoint (boreal.timestamps.transport differs "
                        + "between nodes?)");
            } else {
                channel.connect(endpoint.channel(), endpoint.streamId());
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        watchdog.cancel();
        runner.close();
    }
}
