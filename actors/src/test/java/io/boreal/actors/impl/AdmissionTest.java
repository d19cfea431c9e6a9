package io.boreal.actors.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.boreal.actors.AdmissionStats;
import io.boreal.actors.impl.Admission.Priority;

/**
 * The gate's permits on their own, one tenant and one class (where it is the FIFO gate it was):
 * single-threaded scripts first, then one concurrent check against the cap. The order between
 * classes, tenants and aged waiters is {@link SchedulerTest}'s.
 */
class AdmissionTest {

    private final AtomicInteger cap = new AtomicInteger();
    private final AtomicLong clockNs = new AtomicLong();
    private final Admission gate = new Admission(cap::get, () -> 0, clockNs::get);
    private final Admission.Tenant user = gate.tenant("app", 1);
    private final List<String> woken = new ArrayList<>();

    private Admission.Waiter waiter(String name) {
        return new Admission.Waiter(user, () -> woken.add(name));
    }

    private boolean enter(Admission.Waiter waiter) {
        return gate.tryEnter(waiter, Priority.NEW);
    }

    private static AdmissionStats stats(long admitted, long waited, int maxInFlight, int inFlight, int queued) {
        return new AdmissionStats(admitted, waited, maxInFlight, inFlight, queued, 0, admitted, 0);
    }

    @Test
    void capZeroAdmitsEveryone() {
        for (int i = 0; i < 100; i++) {
            assertTrue(enter(waiter("w" + i)));
        }
        assertEquals(stats(100, 0, 100, 100, 0), gate.stats());
    }

    @Test
    void queuedWaitersAreAdmittedInArrivalOrderAsPermitsFree() {
        cap.set(2);
        assertTrue(enter(waiter("a")));
        assertTrue(enter(waiter("b")));
        assertFalse(enter(waiter("c")));
        assertFalse(enter(waiter("d")));
        assertEquals(stats(2, 2, 2, 2, 2), gate.stats());

        gate.exit();
        assertEquals(List.of("c"), woken);
        gate.exit();
        assertEquals(List.of("c", "d"), woken);
        assertEquals(stats(4, 2, 2, 2, 0), gate.stats());
    }

    @Test
    void aNewcomerQueuesBehindWaitersEvenWhenAPermitIsFree() {
        cap.set(1);
        assertTrue(enter(waiter("a")));
        assertFalse(enter(waiter("b")));
        cap.set(2); // one permit free now, but b was first
        assertFalse(enter(waiter("c")));
        assertEquals(List.of("b"), woken);
        assertEquals(1, gate.stats().queued());
    }

    @Test
    void aFinishingNewcomerAlsoQueuesBehindNewWaiters() {
        cap.set(1);
        assertTrue(enter(waiter("a")));
        assertFalse(enter(waiter("b")));
        cap.set(2);
        assertFalse(gate.tryEnter(waiter("c"), Priority.FINISHING), "only the queue may overtake, not a newcomer");
        assertEquals(List.of("b"), woken);
    }

    @Test
    void loweringTheCapLetsNobodyInUntilEnoughHaveLeft() {
        cap.set(3);
        for (String name : List.of("a", "b", "c")) {
            assertTrue(enter(waiter(name)));
        }
        cap.set(1);
        assertFalse(enter(waiter("d")));
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
        assertTrue(enter(waiter("a")));
        for (String name : List.of("b", "c", "d")) {
            assertFalse(enter(waiter(name)));
        }
        cap.set(0);
        gate.exit();
        assertEquals(List.of("b", "c", "d"), woken);
        assertEquals(stats(4, 3, 3, 3, 0), gate.stats());
    }

    @Test
    void cancelTakesAQueuedWaiterOutButNotAnAdmittedOne() {
        cap.set(1);
        Admission.Waiter b = waiter("b");
        Admission.Waiter c = waiter("c");
        assertTrue(enter(waiter("a")));
        assertFalse(enter(b));
        assertFalse(enter(c));
        assertTrue(gate.cancel(b));
        gate.exit();
        assertEquals(List.of("c"), woken);
        assertFalse(gate.cancel(c), "c owns its permit: the caller must exit");
        gate.exit();
        assertEquals(0, gate.stats().inFlight());
    }

    @Test
    void aWaiterIsReusedStatementAfterStatement() {
        cap.set(1);
        Admission.Waiter a = waiter("a");
        Admission.Waiter b = waiter("b");
        assertTrue(enter(a));
        assertFalse(enter(b));
        gate.exit();            // a's statement ends; b runs
        assertFalse(enter(a));  // a's next statement
        gate.exit();
        assertEquals(List.of("b", "a"), woken);
        assertEquals(stats(3, 2, 1, 1, 0), gate.stats());
    }

    @Test
    void exitWithoutAPermitIsABug() {
        assertThrows(IllegalStateException.class, gate::exit);
    }

    @Test
    void queueingAWaiterTwiceIsABug() {
        cap.set(1);
        Admission.Waiter b = waiter("b");
        assertTrue(enter(waiter("a")));
        assertFalse(enter(b));
        assertThrows(IllegalStateException.class, () -> gate.tryEnter(b, Priority.FINISHING));
        assertEquals(1, gate.stats().queued());
    }

    @Test
    void aTenantIsOnePerNameAndGate() {
        Admission.Tenant again = gate.tenant("app", 5);
        assertSame(user, again);
        assertEquals(5, user.weight());
        assertThrows(IllegalArgumentException.class, () -> gate.tenant("app", 0));
        assertThrows(IllegalArgumentException.class, () -> gate.tenant("app", Admission.MAX_WEIGHT + 1));

        Admission other = new Admission(cap::get);
        Admission.Waiter stranger = new Admission.Waiter(other.tenant("app", 1), () -> { });
        assertThrows(IllegalArgumentException.class, () -> gate.tryEnter(stranger, Priority.NEW));
    }

    @Test
    void aWaiterWithoutATenantIsTheGatesAnonymousOne() {
        cap.set(1);
        assertTrue(gate.tryEnter(new Admission.Waiter(() -> woken.add("a")), Priority.NEW));
        assertFalse(gate.tryEnter(new Admission.Waiter(() -> woken.add("b")), Admission.Priority.NEW));
        gate.exit();
        assertEquals(List.of("b"), woken);
    }

    @Test
    void concurrentThreadsNeverExceedTheCapAndEveryoneIsAdmittedOnce() throws Exception {
        cap.set(3);
        // The real clock and a 1 ms aging limit: aged admissions happen too, in no fixed order.
        Admission shared = new Admission(cap::get, () -> TimeUnit.MILLISECONDS.toNanos(1), System::nanoTime);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostRunning = new AtomicInteger();
        AtomicInteger doubleWakes = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                Admission.Tenant tenant = shared.tenant("user" + (t % 4), 1 + t % 3);
                SplittableRandom random = new SplittableRandom(t);
                done.add(threads.submit(() -> {
                    AtomicInteger wakes = new AtomicInteger();
                    Admission.Waiter waiter = new Admission.Waiter(tenant, () -> {
                        synchronized (wakes) {
                            wakes.incrementAndGet();
                            wakes.notifyAll();
                        }
                    });
                    for (int i = 0; i < 2_000; i++) {
                        Priority priority = random.nextBoolean() ? Priority.FINISHING : Priority.NEW;
                        if (!shared.tryEnter(waiter, priority)) {
                            synchronized (wakes) {
                                while (wakes.get() == 0) {
                                    wakes.wait();
                                }
                                if (wakes.decrementAndGet() != 0) {
                                    doubleWakes.incrementAndGet();
                                }
                            }
                        }
                        mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                        running.decrementAndGet();
                        shared.exit();
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
        assertEquals(0, doubleWakes.get());
        AdmissionStats stats = shared.stats();
        assertEquals(32_000, stats.admitted());
        assertEquals(32_000, stats.admittedFinishing() + stats.admittedNew());
        assertTrue(stats.maxInFlight() <= 3);
        assertEquals(0, stats.inFlight());
        assertEquals(0, stats.queued());
    }
}
