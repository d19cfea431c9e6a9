package io.boreal.txn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** The CTS log's states, its slot reuse rules and its low watermark. */
class CtsLogTest {

    private final TimestampSource clock = TimestampSource.local();

    @Test
    void aTransactionMovesFromActiveToItsCommitSequenceNumber() {
        CtsLog log = new CtsLog(clock, 8, 1);
        long id = log.begin();
        assertEquals(CtsLog.ACTIVE, log.status(id));
        assertTrue(log.open(id));
        long snapshot = log.snapshot(id);
        long csn = log.tryCommit(id);
        assertTrue(csn > snapshot, "a CSN is above every snapshot taken before it");
        assertEquals(csn, log.status(id));
        assertFalse(log.open(id));
    }

    @Test
    void preparedIsStillOpenAndAbortedIsFinal() {
        CtsLog log = new CtsLog(clock, 8, 1);
        long id = log.begin();
        log.prepare(id);
        assertEquals(CtsLog.PREPARED, log.status(id));
        assertTrue(log.open(id));
        log.abort(id);
        assertEquals(CtsLog.ABORTED, log.status(id));
    }

    @Test
    void aPartitionThatBeganTheCommitWinsOverALateRollback() {
        CtsLog log = new CtsLog(clock, 8, 1);
        long committing = log.begin();
        assertTrue(log.tryPrepare(committing));
        assertFalse(log.tryAbort(committing));
        log.finish(committing); // a session ending it must not touch it either
        assertEquals(CtsLog.PREPARED, log.status(committing));
        long rolledBack = log.begin();
        assertTrue(log.tryAbort(rolledBack));
        assertFalse(log.tryPrepare(rolledBack));
    }

    /** A released slot goes to a later id; its old owner reads as forgotten (committed long ago). */
    @Test
    void aReleasedSlotIsReusedAndItsOldOwnerIsForgotten() {
        CtsLog log = new CtsLog(clock, 4, 1);
        long first = log.begin();
        log.tryCommit(first);
        log.release(first);
        List<Long> later = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            later.add(log.begin());
        }
        assertEquals(CtsLog.FORGOTTEN, log.status(first));
        for (long id : later) {
            assertEquals(CtsLog.ACTIVE, log.status(id));
        }
    }

    /** An open transaction, and an aborted one not yet released, keep their slots: begin skips them. */
    @Test
    void slotsStillNeededAreSkipped() {
        CtsLog log = new CtsLog(clock, 4, 1);
        long open = log.begin();
        long aborted = log.begin();
        log.abort(aborted);
        long committed = log.begin();
        log.tryCommit(committed); // not released, and an open snapshot is older than it
        long readOnly = log.begin();
        log.finish(readOnly);
        long reuse = log.begin();
        assertEquals(readOnly + 4, reuse, "only the read-only transaction's slot was free");
        assertEquals(3, log.skippedSlots(), "ids whose slot was needed were skipped");
        assertEquals(CtsLog.FORGOTTEN, log.status(readOnly));
        assertEquals(CtsLog.ACTIVE, log.status(open));
        assertEquals(CtsLog.ABORTED, log.status(aborted));
        assertEquals(CtsLog.ACTIVE, log.status(reuse));
        assertNotEquals(0, log.status(committed)); // still its CSN: the open snapshot may not see it
        assertTrue(log.status(committed) > 0);
    }

    @Test
    void beginFailsClearlyWhenEverySlotIsNeeded() {
        CtsLog log = new CtsLog(clock, 4, 1);
        for (int i = 0; i < 4; i++) {
            log.begin();
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, log::begin);
        assertTrue(e.getMessage().contains("no free slot"), e.getMessage());
    }

    /** The watermark is the oldest open snapshot, then rises once it ends. */
    @Test
    void theLowWatermarkFollowsTheOldestOpenSnapshot() throws Exception {
        CtsLog log = new CtsLog(clock, 16, 1);
        long old = log.begin();
        long oldSnapshot = log.snapshot(old);
        for (int i = 0; i < 5; i++) {
            log.tryCommit(log.begin());
        }
        Thread.sleep(60); // past the refresh interval
        assertEquals(oldSnapshot, log.lowWatermark());
        log.tryCommit(old);
        Thread.sleep(60);
        assertEquals(clock.snapshot(), log.lowWatermark());
    }

    /**
     * Many threads begin, commit, abort and release while others judge the ids they saw: a
     * judged id is never reported with a state it did not have, and no slot is shared.
     */
    @Test
    void concurrentUseNeverMixesUpOwners() throws Exception {
        CtsLog log = new CtsLog(clock, 64, 1);
        int threads = 4;
        ConcurrentHashMap<Long, Long> outcomes = new ConcurrentHashMap<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            int seed = t;
            new Thread(() -> {
                try {
                    java.util.Random random = new java.util.Random(seed);
                    for (int i = 0; i < 20_000; i++) {
                        long id = log.begin();
                        long state = log.status(id);
                        if (state != CtsLog.ACTIVE) {
                            throw new AssertionError("fresh id " + id + " reads " + state);
                        }
                        if (random.nextBoolean()) {
                            outcomes.put(id, log.tryCommit(id));
                        } else {
                            log.abort(id);
                            outcomes.put(id, CtsLog.ABORTED);
                        }
                        long seen = log.status(id);
                        if (seen != outcomes.get(id) && seen != CtsLog.FORGOTTEN) {
                            throw new AssertionError("id " + id + " reads " + seen + ", not " + outcomes.get(id));
                        }
                        log.release(id);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    done.countDown();
                }
            }).start();
        }
        done.await();
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        assertEquals(threads * 20_000, outcomes.size());
    }
}
