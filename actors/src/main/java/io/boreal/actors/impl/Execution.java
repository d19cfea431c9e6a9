package io.boreal.actors.impl;

import com.typesafe.config.Config;

import io.boreal.storage.EngineVariables;

/**
 * The node's execution switches: how sessions wait.
 *
 * <ul>
 *   <li>{@code boreal.execution_mode = async} (the default): a session is an actor; at every wait
 *       it sends its request and gives its thread back, and the reply resumes it on whichever
 *       engine thread is free. Each wait path can be switched to blocking on its own:
 *       {@code boreal.async.auth}, {@code boreal.async.lock_wait}, {@code boreal.async.log_flush},
 *       {@code boreal.async.timestamp} = off make the engine thread that runs the session block
 *       until that wait is over. The pool then adds a thread, as a thread pool with stall
 *       detection does, so the node keeps serving.</li>
 *   <li>{@code boreal.execution_mode = blocking}, the twin: thread per connection. Each session
 *       runs its statements on its own platform thread, which blocks at every wait, whatever
 *       the per-path switches say.</li>
 * </ul>
 *
 * <p>A statement reads the switches once, when it starts ({@link #current()}), and finishes
 * in that mode: switching at runtime never strands a statement in flight.
 *
 * <p>Thread-safety: every method may be called from any thread (each switch is one volatile read).
 */
final class Execution {

    /** {@code boreal.execution_mode}. */
    enum Mode { ASYNC, BLOCKING }

    /** What a session waits for; each has its own async switch except {@link #OTHER}. */
    enum WaitPath {
        /** Checking a user's password when a session opens. */
        AUTH,
        /** A statement that may queue for a row lock (writes, SELECT … FOR UPDATE). */
        LOCK_WAIT,
        /** A durable step: a commit's redo record, a prepare, a two-phase commit's decision. */
        LOG_FLUSH,
        /** A commit timestamp, when the node's range of them is used up. */
        TIMESTAMP,
        /** Reads, DDL, AUTO_INCREMENT ranges, the statement gate: they follow the mode only. */
        OTHER
    }

    /**
     * How one statement waits, fixed when it starts.
     *
     * @param ownThread the statement runs on its session's own thread (blocking mode)
     * @param blocking  bit {@code 1 << path.ordinal()} set: that path's waits block the thread
     */
    record Policy(boolean ownThread, int blocking) {

        static final Policy ASYNC = new Policy(false, 0);

        static final Policy BLOCKING = new Policy(true, (1 << WaitPath.values().length) - 1);

        boolean blocks(WaitPath path) {
            return (blocking & (1 << path.ordinal())) != 0;
        }
    }

    static final String MODE = "boreal.execution_mode";

    private static final Policy[] ASYNC_POLICIES = new Policy[1 << (WaitPath.values().length - 1)];

    static {
        ASYNC_POLICIES[0] = Policy.ASYNC;
        for (int bits = 1; bits < ASYNC_POLICIES.length; bits++) {
            ASYNC_POLICIES[bits] = new Policy(false, bits);
        }
    }

    private final EngineVariables.Variable<Mode> mode;
    /** By {@link WaitPath} ordinal, OTHER excluded. */
    @SuppressWarnings("unchecked")
    private final EngineVariables.Variable<Boolean>[] async = new EngineVariables.Variable[WaitPath.values().length - 1];

    Execution(EngineVariables variables, Config config) {
        this.mode = variables.defineEnum(MODE, config.getString("boreal.execution-mode"),
                "async: sessions give their thread back at every wait; blocking: thread per connection (the twin)",
                Mode.class);
        define(variables, config, WaitPath.AUTH, "auth", "checking a password when a session opens");
        define(variables, config, WaitPath.LOCK_WAIT, "lock_wait", "statements that may wait for a row lock");
        define(variables, config, WaitPath.LOG_FLUSH, "log_flush", "commits, prepares and decisions made durable");
        define(variables, config, WaitPath.TIMESTAMP, "timestamp", "commits waiting for a range of commit timestamps");
    }

    private void define(EngineVariables variables, Config config, WaitPath path, String name, String what) {
        async[path.ordinal()] = variables.defineSwitch("boreal.async." + name,
                config.getString("boreal.async." + name.replace('_', '-')),
                "under execution_mode async: on = " + what + " give the thread back; off = they block it");
    }

    /** The policy of a statement starting now (no allocation: policies are shared). */
    Policy current() {
        if (mode.get() == Mode.BLOCKING) {
            return Policy.BLOCKING;
        }
        int bits = 0;
        for (int i = 0; i < async.length; i++) {
            if (!async[i].get()) {
                bits |= 1 << i;
            }
        }
        return ASYNC_POLICIES[bits];
    }
}
