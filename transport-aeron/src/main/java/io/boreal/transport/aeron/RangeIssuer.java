package io.boreal.transport.aeron;

/**
 * Where a {@link TimestampServer} takes the ranges it sends: the coordinator's durable window of
 * timestamps. Called on the server's agent thread only, once per Request (and again for a
 * Request that had to wait), so it must not block, and should not allocate.
 */
@FunctionalInterface
public interface RangeIssuer {

    /**
     * The first of {@code count} fresh timestamps, each greater than every one issued before (the
     * range is {@code [first, first + count)}); or 0 when none may be issued now (the coordinator
     * is still making more of them durable), and the server asks again on a later duty cycle.
     */
    long tryIssue(int count);

    /**
     * A tracked range for {@code nodeId}: as {@link #tryIssue}, and counted as in flight until
     * {@link #done}; for {@code count} 0 nothing is issued and the answer is any positive value.
     * An issuer that tracks nothing serves it as an untracked range.
     */
    default long tryIssueTracked(int nodeId, int count) {
        return count == 0 ? 1 : tryIssue(count);
    }

    /**
     * A timestamp below every tracked range in flight and at or below every one issued (0 from an
     * issuer that tracks nothing): read after an issue, it is the snapshot its Range carries.
     */
    default long completed() {
        return 0;
    }

    /** {@code nodeId} has used the tracked range starting at {@code first} (or it never reached it). */
    default void done(int nodeId, long first) {
    }
}
