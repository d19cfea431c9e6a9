package io.boreal.txn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.boreal.txn.TimestampOracle.Lease;
import io.boreal.txn.TimestampOracle.Leased;

/** Leases are disjoint and above every earlier one, also across restarts and under bursts. */
class TimestampOracleTest extends TxnActorTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(60);
    private static final AtomicInteger IDS = new AtomicInteger();

    private static String newPersistenceId() {
        return "oracle-" + IDS.incrementAndGet();
    }

    @Test
    void leasesAreDisjointAndIncreasing() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        ActorRef<TimestampOracle.Command> oracle = testKit.spawn(TimestampOracle.create(newPersistenceId(), 10));
        TestProbe<Leased> probe = testKit.createTestProbe();
        long previousEnd = TimestampOracle.ORIGIN + 1;
        for (int i = 0; i < 200; i++) {
            int count = 1 + random.nextInt(25); // some beyond the reserve step
            oracle.tell(new Lease(count, probe.ref()));
            Leased leased = probe.receiveMessage();
            assertEquals(count, leased.count(), "seed=" + seed);
            assertTrue(leased.from() >= previousEnd, "seed=" + seed + " overlap: " + leased);
            previousEnd = leased.toExclusive();
        }
    }

    /**
     * A reserve step of 1 means nearly every lease needs a write: without gathering the leases
     * that arrive during a write, a burst this size overflows the persistent actor's stash.
     */
    @Test
    void aBurstOfConcurrentLeasesGetsDisjointRanges() throws Exception {
        long seed = System.nanoTime();
        int threads = 8;
        int perThread = 1_000;
        ActorRef<TimestampOracle.Command> oracle = testKit.spawn(TimestampOracle.create(newPersistenceId(), 1));
        TestProbe<Leased> probe = testKit.createTestProbe();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Long>> sent = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                Random random = new Random(seed + t);
                sent.add(pool.submit(() -> {
                    long total = 0;
                    for (int i = 0; i < perThread; i++) {
                        int count = 1 + random.nextInt(5);
                        oracle.tell(new Lease(count, probe.ref()));
                        total += count;
                    }
                    return total;
                }));
            }
            long requested = 0;
            for (Future<Long> f : sent) {
                requested += f.get();
            }

            List<Leased> leases = new ArrayList<>(probe.receiveSeveralMessages(threads * perThread, HANG_GUARD));

            leases.sort(Comparator.comparingLong(Leased::from));
            long granted = 0;
            long previousEnd = TimestampOracle.ORIGIN + 1;
            for (Leased leased : leases) {
                assertTrue(leased.from() >= previousEnd, "seed=" + seed + " overlap at " + leased);
                granted += leased.count();
                previousEnd = leased.toExclusive();
            }
            assertEquals(requested, granted, "seed=" + seed);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRestartedOracleIssuesOnlyAboveEverythingBefore() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String persistenceId = newPersistenceId();
        TestProbe<Leased> probe = testKit.createTestProbe();
        long highestIssued = TimestampOracle.ORIGIN;
        for (int incarnation = 0; incarnation < 5; incarnation++) {
            ActorRef<TimestampOracle.Command> oracle = testKit.spawn(TimestampOracle.create(persistenceId, 7));
            int leases = 1 + random.nextInt(10);
            for (int i = 0; i < leases; i++) {
                oracle.tell(new Lease(1 + random.nextInt(10), probe.ref()));
            }
            for (Leased leased : probe.receiveSeveralMessages(leases, HANG_GUARD)) {
                assertTrue(leased.from() > highestIssued,
                        "seed=" + seed + " incarnation " + incarnation + " reissued: " + leased);
                highestIssued = Math.max(highestIssued, leased.toExclusive() - 1);
            }
            testKit.stop(oracle, HANG_GUARD);
        }
    }

    @Test
    void aRestartResumesJustAboveTheReservedMark() {
        String persistenceId = newPersistenceId();
        TestProbe<Leased> probe = testKit.createTestProbe();
        ActorRef<TimestampOracle.Command> oracle = testKit.spawn(TimestampOracle.create(persistenceId, 1_000));
        oracle.tell(new Lease(5, probe.ref()));
        assertEquals(new Leased(TimestampOracle.ORIGIN + 1, TimestampOracle.ORIGIN + 6), probe.receiveMessage());
        testKit.stop(oracle, HANG_GUARD);

        oracle = testKit.spawn(TimestampOracle.create(persistenceId, 1_000));
        oracle.tell(new Lease(5, probe.ref()));

        // the first incarnation reserved up to ORIGIN + 1000; the rest of that reservation is skipped
        long mark = TimestampOracle.ORIGIN + 1_000;
        assertEquals(new Leased(mark + 1, mark + 6), probe.receiveMessage());
    }
}
