package io.boreal.actors.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.boreal.actors.AdmissionStats;

/** The gate on its own: single-threaded scripts first, then one concurrent check against the cap. */
class AdmissionTest {

    private final AtomicInteger cap = new AtomicInteger();
    private final Admission gate = new Admission(cap::get);
    private final List<String> woken = new ArrayList<>();

    private Admission.Waiter waiter(String name) {
        return new Admission.Waiter(() -> woken.add(name));
    }

    @Test
    void capZeroAdmitsEveryone() {
        for (int i = 0; i < 100; i++) {
            assertTrue(gate.tryEnter(waiter("w" + i)));
        }
        assertEquals(new AdmissionStats(100, 0, 100, 100, 0), gate.stats());
    }

    @Test
    void queuedWaitersAreAdmittedInArrivalOrderAsPermitsFree() {
        cap.set(2);
        assertTrue(gate.tryEnter(waiter("a")));
        assertTrue(gate.tryEnter(waiter("b")));
        assertFalse(gate.tryEnter(waiter("c")));
        assertFalse(gate.tryEnter(waiter("d")));
        assertEquals(new AdmissionStats(2, 2, 2, 2, 2), gate.stats());

        gate.exit();
        assertEquals(List.of("c"), woken);
        gate.exit();
        assertEquals(List.of("c", "d"), woken);
        assertEquals(new AdmissionStats(4, 2, 2, 2, 0), gate.stats());
    }

    @Test
    void aNewcomerQueuesBehindWaitersEvenWhenAPermitIsFree() {
        cap.set(1);
        assertTrue(gate.tryEnter(waiter("a")));
        assertFalse(gate.tryEnter(waiter("b")));
        cap.set(2); // one permit free now, but b was first
        assertFalse(gate.tryEnter(waiter("c")));
        assertEquals(List.of("b"), woken);
        assertEquals(1, gate.stats().queued());
    }

    @Test
    void loweringTheCapLetsNobodyInUntilEnoughHaveLeft() {
        cap.set(3);
        for (String name : List.of("a", "b", "c")) {
            assertTrue(gate.tryEnter(waiter(name)));
        }
        cap.set(1);
        assertFalse(gate.tryEnter(waiter("d")));
        gate.exit();
        gate.exit();
        assertEquals(List.of(), woken);
        gate.exit();
        assertEquals(List.of("d"), woken);
        assertEquals(1, gate.stats().inFlight());
    }

    @Test
    void raisingTheCapAdmitsQueuedWaitersAtTheNextExit() {
        cap.set(1);
        assertTrue(gate.tryEnter(waiter("a")));
        for (String name : List.of("b", "c", "d")) {
            assertFalse(gate.tryEnter(waiter(name)));
        }
        cap.set(0);
        gate.exit();
        assertEquals(List.of("b", "c", "d"), woken);
        assertEquals(new AdmissionStats(4, 3, 3, 3, 0), gate.stats());
    }

    @Test
    void cancelTakesAQueuedWaiterOutButNotAnAdmittedOne() {
        cap.set(1);
        Admission.Waiter b = waiter("b");
        Admission.Waiter c = waiter("c");
        assertTrue(gate.tryEnter(waiter("a")));
        assertFalse(gate.tryEnter(b));
        assertFalse(gate.tryEnter(c));
        assertTrue(gate.cancel(b));
        gate.exit();
        assertEquals(List.of("c"), woken);
        assertFalse(gate.cancel(c), "c owns its permit: the caller must exit");
        gate.exit();
        assertEquals(0, gate.stats().inFlight());
    }

    @Test
    void exitWithoutAPermitIsABug() {
        assertThrows(IllegalStateException.class, gate::exit);
    }

    @Test
    void concurrentThreadsNeverExceedTheCap() throws Exception {
        cap.set(3);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostRunning = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        CountDownLatch admitted = new CountDownLatch(1);
                        if (!gate.tryEnter(new Admission.Waiter(admitted::countDown))) {
                            admitted.await();
                        }
                        mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                        running.decrementAndGet();
                        gate.exit();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertTrue(mostRunning.get() <= 3, "at most 3 at once, saw " + mostRunning.get());
        AdmissionStats stats = gate.stats();
        assertEquals(32_000, stats.admitted());
        assertTrue(stats.maxInFlight() <= 3);
        assertEquals(0, stats.inFlight());
        assertEquals(0, stats.queued());
    }
}
