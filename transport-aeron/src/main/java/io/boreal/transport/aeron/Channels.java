package io.boreal.transport.aeron;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.aeron.Subscription;

/** Aeron channel strings: the two kinds Boreal uses, and the port a subscription was given. */
public final class Channels {

    private static final long RESOLVE_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);

    private Channels() {
    }

    /** Shared memory through one media driver: for a node and a coordinator on one host. */
    public static final String IPC = "aeron:ipc";

    /** UDP unicast to {@code host:port}; port 0 on a subscription picks a free one. */
    public static String udp(String host, int port) {
        return "aeron:udp?endpoint=" + host + ":" + port;
    }

    /**
     * {@code channel} as others must name it to reach {@code subscription}: a UDP endpoint of port 0
     * with the port the driver bound (waited for, at most 10 s), anything else unchanged.
     */
    static String resolved(Subscription subscription, String channel) {
        if (!channel.startsWith("aeron:udp") || !channel.matches(".*endpoint=[^|]*:0(\\|.*)?$")) {
            return channel;
        }
        long deadline = System.nanoTime() + RESOLVE_TIMEOUT_NS;
        String resolved;
        while ((resolved = subscription.tryResolveChannelEndpointPort()) == null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the media driver bound no port for " + channel + " within 10 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return resolved;
    }
}
