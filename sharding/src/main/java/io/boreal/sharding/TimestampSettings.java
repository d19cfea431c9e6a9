package io.boreal.sharding;

import java.time.Duration;

import java.util.function.Supplier;

import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import com.typesafe.config.Config;

import io.boreal.transport.aeron.Channels;
import io.boreal.transport.aeron.EmbeddedMediaDriver;

/**
 * How a node reaches the CTS oracle, read from {@code boreal.timestamps { }} (see reference.conf).
 *
 * @param aeron           true: leases over Aeron; false: Akka asks (the twin)
 * @param ipc             true: {@code aeron:ipc} through a shared driver; false: UDP
 * @param host            the UDP address the oracle and the node's responses bind to
 * @param port            the oracle's UDP port (0: a free one)
 * @param streamId        the oracle's request stream; responses use {@code streamId + 1}
 * @param driverDir       an external media driver's directory, or "" to embed one
 * @param retry           how long a request may go unanswered before it is sent again
 * @param rediscoverAfter how long before the node asks the singleton where the oracle is now
 * @param idle            how the oracle's and the client's agents idle: backoff (to a 1 ms park)
 *                        or yielding (a core kept busy, for the lowest round trip)
 * @param snapshots       auto, local or global ({@code boreal.timestamps.snapshots})
 */
public record TimestampSettings(boolean aeron, boolean ipc, String host, int port, int streamId, String driverDir,
                                Duration retry, Duration rediscoverAfter, Supplier<IdleStrategy> idle,
                                String snapshots) {

    public static TimestampSettings from(Config config) {
        Config t = config.getConfig("boreal.timestamps");
        String transport = t.getString("transport");
        if (!transport.equals("aeron") && !transport.equals("akka")) {
            throw new IllegalArgumentException("boreal.timestamps.transport must be aeron or akka, not " + transport);
        }
        Config a = t.getConfig("aeron");
        String channel = a.getString("channel");
        if (!channel.equals("udp") && !channel.equals("ipc")) {
            throw new IllegalArgumentException("boreal.timestamps.aeron.channel must be udp or ipc, not " + channel);
        }
        String snapshots = t.getString("snapshots");
        if (!snapshots.equals("auto") && !snapshots.equals("local") && !snapshots.equals("global")) {
            throw new IllegalArgumentException("boreal.timestamps.snapshots must be auto, local or global, not "
                    + snapshots);
        }
        String idle = a.getString("idle");
        Supplier<IdleStrategy> strategy = switch (idle) {
            case "backoff" -> EmbeddedMediaDriver::backoff;
            case "yielding" -> YieldingIdleStrategy::new;
            default -> throw new IllegalArgumentException("boreal.timestamps.aeron.idle must be backoff or yielding, not "
                    + idle);
        };
        return new TimestampSettings(transport.equals("aeron"), channel.equals("ipc"), a.getString("host"),
                a.getInt("port"), a.getInt("stream-id"), a.getString("driver-dir"), a.getDuration("retry"),
                a.getDuration("rediscover-after"), strategy, snapshots);
    }

    /** Whether this node takes global snapshots: {@code global}, or {@code auto} in a cluster of several nodes. */
    boolean global(boolean joinsOthers) {
        return snapshots.equals("global") || (snapshots.equals("auto") && joinsOthers);
    }

    /** The channel the oracle listens on. */
    String oracleChannel() {
        return ipc ? Channels.IPC : Channels.udp(host, port);
    }

    /** The channel a node hears its ranges on. */
    String responseChannel() {
        return ipc ? Channels.IPC : Channels.udp(host, 0);
    }
}
