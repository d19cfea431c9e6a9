package io.boreal.txn;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The node's source of snapshot and commit timestamps.
 *
 * <p>Invariant: a commit timestamp is strictly greater than every snapshot timestamp handed out
 * before it, so a snapshot never sees a commit that happened after it was taken; and a commit
 * stamped with {@code ts} is visible to every snapshot taken at or after {@code ts}.
 *
 * <p>This is the single-node clock of the foundation: one lock-free counter. Versions recovered
 * from the redo log are all committed and carry {@link #RECOVERED}, older than any snapshot, so
 * the counter need not survive a restart. The CTS coordinator (transaction issue) replaces it
 * with a global oracle that hands out ranges over Aeron and persists a high-water mark.
 *
 * <p>Thread-safety: every method may be called from any thread.
 */
public final class TimestampSource {

    /** The commit timestamp of every version recovered from the redo log. */
    public static final long RECOVERED = 1;

    private final AtomicLong clock = new AtomicLong(RECOVERED);

    /** A snapshot: sees every commit stamped at or before it. */
    public long snapshot() {
        return clock.get();
    }

    /** A fresh commit timestamp, greater than every snapshot taken so far. */
    public long nextCommit() {
        return clock.incrementAndGet();
    }
}
