package io.boreal.txn;

/**
 * A clock's value as it was {@code lagNs} ago: samples taken at least {@code everyNs} apart, in a
 * ring long enough to cover the lag. Before any sample is that old, the answer is
 * {@link TimestampSource#RECOVERED}.
 *
 * <p>Not thread-safe: used by the one thread that scans a {@link CtsLog}'s watermark at a time.
 */
final class LaggingClock {

    private final long lagNs;
    private final long everyNs;
    private final long[] times;
    private final long[] values;
    private int newest = -1;
    private int count;

    LaggingClock(long lagNs, long everyNs) {
        this.lagNs = lagNs;
        this.everyNs = everyNs;
        int size = (int) Math.min(1 << 16, lagNs / everyNs + 2);
        this.times = new long[size];
        this.values = new long[size];
    }

    /** Records {@code value} at {@code now} (at most one sample per interval); answers the value {@code lagNs} ago. */
    long lagged(long now, long value) {
        if (count == 0 || now - times[newest] >= everyNs) {
            newest = (newest + 1) % times.length;
            times[newest] = now;
            values[newest] = value;
            count = Math.min(count + 1, times.length);
        }
        for (int i = 0, at = newest; i < count; i++, at = (at - 1 + times.length) % times.length) {
            if (now - times[at] >= lagNs) {
                return values[at];
            }
        }
        return TimestampSource.RECOVERED;
    }
}
