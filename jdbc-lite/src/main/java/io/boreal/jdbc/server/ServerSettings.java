package io.boreal.jdbc.server;

import java.time.Duration;

import com.typesafe.config.Config;

/**
 * The settings of {@link BorealServer}, from {@code boreal.server} (reference.conf documents each).
 *
 * @param maxFrameBytes  the largest frame accepted from a client
 * @param maxConnections connections past this are refused with 53300
 * @param idleTimeout    a connection idle this long (nothing running, nothing received) is closed
 * @param fetchSize      rows per result chunk when the client asks for none
 * @param ioThreads      event-loop threads (0: one per core, at most 2)
 * @param tls            null for plain TCP
 */
public record ServerSettings(boolean enabled, String host, int port, int maxFrameBytes, int maxConnections,
                             Duration idleTimeout, int fetchSize, int ioThreads, Tls tls) {

    /** A key store holding the server's key and certificate. */
    public record Tls(String keyStore, String keyStorePassword, String keyStoreType) {
    }

    public static ServerSettings from(Config config) {
        Config c = config.getConfig("boreal.server");
        long frame = c.getBytes("max-frame-size");
        if (frame < 64 || frame > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("boreal.server.max-frame-size must be 64 B to 2 GiB, not " + frame);
        }
        Config t = c.getConfig("tls");
        Tls tls = t.getBoolean("enabled")
                ? new Tls(t.getString("key-store"), t.getString("key-store-password"), t.getString("key-store-type"))
                : null;
        return new ServerSettings(c.getBoolean("enabled"), c.getString("host"), c.getInt("port"), (int) frame,
                c.getInt("max-connections"), c.getDuration("idle-timeout"), Math.max(1, c.getInt("fetch-size")),
                c.getInt("io-threads"), tls);
    }

    public ServerSettings withPort(int newPort) {
        return new ServerSettings(enabled, host, newPort, maxFrameBytes, maxConnections, idleTimeout, fetchSize,
                ioThreads, tls);
    }
}
