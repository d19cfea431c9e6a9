package io.boreal.txn;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Where a node takes its snapshot and commit timestamps: the {@link TimestampClient} of the CTS
 * oracle, or for tests and tools a {@link #local()} counter.
 *
 * <p>Contract: {@link #snapshot()} never decreases; a commit timestamp is strictly greater than
 * every snapshot handed out before it (so a snapshot never sees a commit that happened after it
 * was taken) and is unique; a commit stamped with {@code ts} is visible to every snapshot taken
 * at or after {@code ts}. Versions recovered from the redo log carry {@link #RECOVERED}, older
 * than any snapshot.
 *
 * <p>Thread-safety: every method may be called from any thread; {@link #tryNextCommit} takes no
 * lock and sends no message.
 */
public interface TimestampSource {

    /** The commit timestamp of every version recovered from the redo log. */
    long RECOVERED = 1;

    /** A snapshot: sees every commit stamped at or before it. */
    long snapshot();

    /** A fresh commit timestamp, or 0 when none can be given now (then {@link #whenAvailable}). */
    long tryNextCommit();

    /** Runs {@code ready} (on any thread, possibly this one) once {@link #tryNextCommit} may succeed. */
    void whenAvailable(Runnable ready);

    /**
     * True when {@link #snapshot()} may lag behind commits made on other nodes, so a transaction
     * should take its snapshot after {@link #freshSnapshot} (the cluster's global snapshots).
     */
    default boolean global() {
        return false;
    }

    /**
     * Runs {@code ready} (on any thread, possibly this one) once {@link #snapshot()} sees every
     * commit acknowledged anywhere before this call.
     */
    default void freshSnapshot(Runnable ready) {
        ready.run();
    }

    /**
     * The commit stamped {@code commitTs} is visible in every partition it wrote: snapshots may
     * move past it. Every timestamp {@link #tryNextCommit} gave must be reported once.
     */
    default void committed(long commitTs) {
    }

    /**
     * Runs {@code ready} (on any thread, possibly this one) once a fresh snapshot on any node
     * sees the commit stamped {@code commitTs} (reported {@link #committed} everywhere): a
     * commit is acknowledged only then, so a client that heard of it and asks another node sees
     * it there.
     */
    default void whenVisible(long commitTs, Runnable ready) {
        ready.run();
    }

    /** A node-local counter that never runs out: for tests and tools without an oracle. */
    static TimestampSource local() {
        AtomicLong clock = new AtomicLong(RECOVERED);
        return new TimestampSource() {
            @Override
            public long snapshot() {
                return clock.get();
            }

            @Override
            public long tryNextCommit() {
                return clock.incrementAndGet();
            }

            @Override
            public void whenAvailable(Runnable ready) {
                ready.run();
            }
        };
    }
}
