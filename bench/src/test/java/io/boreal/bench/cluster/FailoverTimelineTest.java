package io.boreal.bench.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

/** What a failover timeline says: its baseline, its dip and the second it recovered. */
class FailoverTimelineTest {

    @Test
    void theBaselineIsTheMedianOfTheFiveSecondsBeforeTheKill() {
        long[] tps = {1, 2, 100, 90, 110, 95, 105, 0, 0};
        FailoverTimeline t = new FailoverTimeline(tps, 7.3);
        assertEquals(100, t.baseline(), "seconds 2..6, not the warm-up nor the second the kill fell in");
        assertEquals(0, t.lowestAfterKill());
    }

    @Test
    void recoveryTakesTwoSecondsInARowAtNinetyPercent() {
        // seconds 0-4 make the baseline (100); the kill falls in second 5
        long[] tps = {100, 100, 100, 100, 100, 100, 0, 95, 10, 90, 92, 99};
        FailoverTimeline t = new FailoverTimeline(tps, 5.5);
        assertEquals(OptionalInt.of(9), t.recoveredSecond(), "second 7 alone is not a recovery");
        assertEquals(3.5, t.secondsToRecover(), 1e-9);
    }

    @Test
    void aRunThatNeverRecoversSaysSo() {
        long[] tps = {50, 50, 50, 50, 50, 50, 3, 40, 44, 20};
        FailoverTimeline t = new FailoverTimeline(tps, 6);
        assertTrue(t.recoveredSecond().isEmpty());
        assertTrue(Double.isNaN(t.secondsToRecover()));
        assertEquals(3, t.lowestAfterKill());
    }
}
