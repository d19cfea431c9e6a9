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
