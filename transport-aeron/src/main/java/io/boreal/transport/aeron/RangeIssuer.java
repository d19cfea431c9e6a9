package io.boreal.transport.aeron;

/**
 * Where a {@link TimestampServer} takes the ranges it sends: the coordinator's durable window of
 * timestamps. Called on the server's agent thread only, once per Request (and again for a
 * Request that had to wait), so it must neither block nor allocate.
 */
@FunctionalInterface
public interface RangeIssuer {

    /**
     * The first of {@code count} fresh timestamps, each greater than every one issued before (the
     * range is {@code [first, first + count)}); or 0 when none may be issued now (the coordinator
     * is still making more of them durable), and the server asks again on a later duty cycle.
     */
    long tryIssue(int count);
}
