package io.boreal.bench.cluster;

import java.util.Arrays;
import java.util.OptionalInt;

/**
 * Committed transactions per second around a node's death, and what they say:
 *
 * <pre>
 *   tps │▇▇▇▇▇▇▇▇▇▇        ▅▇▇▇▇▇▇▇
 *       │          ▂ ▁ ▁ ▃
 *       └──────────┬────────┬──────── s
 *                 kill    recovered: the first of two seconds in a row at ≥ 90% of the baseline
 *   baseline: the median of the (up to) five whole seconds before the kill
 * </pre>
 *
 * @param perSecond  committed transactions in second {@code s} of the run
 * @param killSecond when the node was killed, in seconds since the run began
 */
public record FailoverTimeline(long[] perSecond, double killSecond) {

    /** Seconds before the kill whose median is the baseline. */
    static final int BASELINE_SECONDS = 5;
    /** The share of the baseline that counts as recovered. */
    static final double RECOVERED = 0.9;

    /** The median tps of the whole seconds just before the kill; 0 if there are none. */
    public double baseline() {
        int end = (int) Math.floor(killSecond);
        int from = Math.max(0, end - BASELINE_SECONDS);
        if (end <= from) {
            return 0;
        }
        long[] before = Arrays.copyOfRange(perSecond, from, Math.min(end, perSecond.length));
        Arrays.sort(before);
        int n = before.length;
        return n == 0 ? 0 : n % 2 == 1 ? before[n / 2] : (before[n / 2 - 1] + before[n / 2]) / 2.0;
    }

    /** The lowest tps of a whole second after the kill (0 when the run ended at the kill). */
    public long lowestAfterKill() {
        long lowest = Long.MAX_VALUE;
        for (int s = (int) Math.ceil(killSecond); s < perSecond.length; s++) {
            lowest = Math.min(lowest, perSecond[s]);
        }
        return lowest == Long.MAX_VALUE ? 0 : lowest;
    }

    /**
     * The first whole second after the kill that begins two seconds in a row at ≥ 90% of the
     * baseline (the first second after the kill if the tps never dipped); empty if the run
     * never got back there.
     */
    public OptionalInt recoveredSecond() {
        double bar = RECOVERED * baseline();
        for (int s = (int) Math.ceil(killSecond); s + 1 < perSecond.length; s++) {
            if (perSecond[s] >= bar && perSecond[s + 1] >= bar) {
                return OptionalInt.of(s);
            }
        }
        return OptionalInt.empty();
    }

    /** Seconds from the kill to the start of the {@link #recoveredSecond}; NaN if there is none. */
    public double secondsToRecover() {
        OptionalInt s = recoveredSecond();
        return s.isPresent() ? Math.max(0, s.getAsInt() - killSecond) : Double.NaN;
    }
}
