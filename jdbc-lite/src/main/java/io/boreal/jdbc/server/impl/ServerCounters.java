package io.boreal.jdbc.server.impl;

import java.util.concurrent.atomic.AtomicInteger;

/** What the server's connections hold right now: read by tests and the server's log; thread-safe. */
public final class ServerCounters {
    /** Connections accepted and not yet closed (refused ones included until they close). */
    public final AtomicInteger connections = new AtomicInteger();
    /** Engine sessions opened for connections and not yet closed. */
    public final AtomicInteger sessions = new AtomicInteger();
}
