package io.boreal.txn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ActiveSnapshotsTest {

    @Test
    void commitTimestampsExceedEverySnapshotTakenBefore() {
        TimestampSource timestamps = new TimestampSource();
        long snapshot = timestamps.snapshot();
        long commit = timestamps.nextCommit();
        assertTrue(commit > snapshot);
        assertEquals(commit, timestamps.snapshot());
    }

    @Test
    void lowWatermarkNeverPassesAnOpenSnapshot() throws InterruptedException {
        TimestampSource timestamps = new TimestampSource();
        ActiveSnapshots active = new ActiveSnapshots(timestamps);
        timestamps.nextCommit();
        long held = active.open(1);
        for (int i = 0; i < 10; i++) {
            timestamps.nextCommit();
        }
        Thread.sleep(25); // past the refresh interval, so the scan runs
        assertEquals(held, active.lowWatermark());

        active.release(1);
        Thread.sleep(25);
        assertEquals(timestamps.snapshot(), active.lowWatermark());
    }
}
