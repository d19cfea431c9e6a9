package io.boreal.actors.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.boreal.actors.impl.Admission.Priority;
import io.boreal.actors.impl.Admission.Tenant;
import io.boreal.actors.impl.Admission.Waiter;

/**
 * The order in which the gate admits queued waiters: aged first, FINISHING before NEW, tenants
 * by weight, FIFO within a tenant. Single-threaded, on a manual clock; every script holds the one
 * permit with {@code holder} first so that what follows queues.
 */
class SchedulerTest {

    private static final long AGING_NS = TimeUnit.MILLISECONDS.toNanos(500);

    private final AtomicInteger cap = new AtomicInteger(1);
    private final AtomicLong agingNs = new AtomicLong(AGING_NS);
    private final AtomicLong clockNs = new AtomicLong(1_000_000_000L);
    private final Admission gate = new Admission(cap::get, agingNs::get, clockNs::get);
    private final List<String> woken = new ArrayList<>();

    private Waiter waiter(Tenant tenant, String name) {
        return new Waiter(tenant, () -> woken.add(name));
    }

    private void queue(Tenant tenant, String name, Priority priority) {
        assertFalse(gate.tryEnter(waiter(tenant, name), priority), name + " should queue");
    }

    private void holdThePermit() {
        assertTrue(gate.tryEnter(waiter(gate.tenant("holder", 1), "holder"), Priority.NEW));
    }

    private void advanceMs(long ms) {
        clockNs.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
    }

    @Test
    void finishingWorkGoesBeforeNewWork() {
        Tenant app = gate.tenant("app", 1);
        holdThePermit();
        queue(app, "n1", Priority.NEW);
        queue(app, "f1", Priority.FINISHING);
        queue(app, "n2", Priority.NEW);
        queue(app, "f2", Priority.FINISHING);
        for (int i = 0; i < 4; i++) {
            gate.exit();
        }
        assertEquals(List.of("f1", "f2", "n1", "n2"), woken);
        assertEquals(2, gate.stats().admittedFinishing());
        assertEquals(3, gate.stats().admittedNew()); // with the holder
        assertEquals(0, gate.stats().aged());
    }

    @Test
    void weightsGiveSharesInRatioInEachClass() {
        for (Priority priority : Priority.values()) {
            woken.clear();
            Tenant heavy = gate.tenant("heavy-" + priority, 3);
            Tenant light = gate.tenant("light-" + priority, 1);
            holdThePermit();
            for (int i = 0; i < 400; i++) {
                queue(light, "L" + i, priority);
                queue(heavy, "H" + i, priority);
            }
            for (int i = 0; i < 400; i++) {
                gate.exit();
            }
            long heavyShare = woken.stream().filter(name -> name.startsWith("H")).count();
            assertTrue(Math.abs(heavyShare - 300) <= 2, priority + ": heavy got " + heavyShare + " of 400");
            assertFifoPerTenant("H");
            assertFifoPerTenant("L");
            drain();
        }
    }

    @Test
    void anIdleTenantGetsNoBurstWhenItComesBack() {
        Tenant busy = gate.tenant("busy", 1);
        Tenant idle = gate.tenant("idle", 1);
        holdThePermit();
        queue(idle, "I-early", Priority.NEW); // idle has a pass too, then nothing for a long time
        for (int i = 0; i < 300; i++) {
            queue(busy, "B" + i, Priority.NEW);
        }
        for (int i = 0; i < 200; i++) {
            gate.exit();
        }
        woken.clear();
        for (int i = 0; i < 100; i++) {
            queue(idle, "I" + i, Priority.NEW);
        }
        for (int i = 0; i < 20; i++) {
            gate.exit();
        }
        long idleShare = woken.stream().filter(name -> name.startsWith("I")).count();
        assertTrue(idleShare >= 9 && idleShare <= 11, "an equal share, not a burst: " + woken);
        for (int i = 1; i < woken.size(); i++) {
            assertFalse(woken.get(i).startsWith("I") && woken.get(i - 1).startsWith("I")
                    && i >= 2 && woken.get(i - 2).startsWith("I"), "three in a row: " + woken);
        }
    }

    @Test
    void oneTenantsWaitersGoInArrivalOrderAmongOthers() {
        Tenant a = gate.tenant("a", 2);
        Tenant b = gate.tenant("b", 1);
        holdThePermit();
        for (int i = 0; i < 30; i++) {
            queue(i % 3 == 0 ? b : a, (i % 3 == 0 ? "B" : "A") + i, i % 2 == 0 ? Priority.NEW : Priority.FINISHING);
        }
        for (int i = 0; i < 30; i++) {
            gate.exit();
        }
        assertEquals(30, woken.size());
        for (String tenant : List.of("A", "B")) {
            for (Priority priority : Priority.values()) {
                List<Integer> seen = woken.stream().filter(name -> name.startsWith(tenant))
                        .map(name -> Integer.parseInt(name.substring(1)))
                        .filter(i -> (i % 2 == 0) == (priority == Priority.NEW)).toList();
                assertEquals(seen.stream().sorted().toList(), seen, tenant + " " + priority + ": " + woken);
            }
        }
    }

    @Test
    void aNewWaiterIsAdmittedOnceItHasWaitedTheAgingLimitAndNotBefore() {
        Tenant app = gate.tenant("app", 1);
        holdThePermit();
        queue(app, "new", Priority.NEW);
        for (int step = 1; step <= 60; step++) {
            queue(app, "f" + step, Priority.FINISHING); // finishing work never runs out
            advanceMs(10);
            gate.exit();
            String expected = step < 50 ? "f" + step : step == 50 ? "new" : "f" + (step - 1);
            assertEquals(expected, woken.get(woken.size() - 1), "at " + step * 10 + " ms");
        }
        assertEquals(1, gate.stats().aged());
    }

    @Test
    void withAgingOffNewWorkWaitsAsLongAsFinishingWorkComes() {
        agingNs.set(0);
        Tenant app = gate.tenant("app", 1);
        holdThePermit();
        queue(app, "new", Priority.NEW);
        for (int step = 1; step <= 1_000; step++) {
            queue(app, "f" + step, Priority.FINISHING);
            advanceMs(10);
            gate.exit();
        }
        assertFalse(woken.contains("new"));
        agingNs.set(AGING_NS); // read at each admission
        queue(app, "f-last", Priority.FINISHING);
        gate.exit();
        assertEquals("new", woken.get(woken.size() - 1));
    }

    @Test
    void agedWaitersGoOldestFirstWhateverTheirClassOrTenant() {
        Tenant heavy = gate.tenant("heavy", 100);
        Tenant light = gate.tenant("light", 1);
        holdThePermit();
        queue(light, "n-light", Priority.NEW);
        advanceMs(1);
        queue(heavy, "n-heavy", Priority.NEW);
        advanceMs(1);
        queue(light, "f-light", Priority.FINISHING);
        advanceMs(498);            // n-light aged only
        queue(heavy, "f-heavy", Priority.FINISHING);
        gate.exit();
        assertEquals(List.of("n-light"), woken);
        advanceMs(2);              // n-heavy, f-light aged too, f-heavy not
        gate.exit();
        gate.exit();
        gate.exit();
        assertEquals(List.of("n-light", "n-heavy", "f-light", "f-heavy"), woken);
        assertEquals(2, gate.stats().aged(), "f-light was next in order anyway");
    }

    @Test
    void cancelTakesAWaiterOutOfEitherQueue() {
        Tenant a = gate.tenant("a", 1);
        Tenant b = gate.tenant("b", 1);
        holdThePermit();
        Waiter fa = waiter(a, "fa");
        Waiter fb = waiter(b, "fb");
        Waiter na = waiter(a, "na");
        Waiter nb = waiter(b, "nb");
        Waiter na2 = waiter(a, "na2");
        assertFalse(gate.tryEnter(fa, Priority.FINISHING));
        assertFalse(gate.tryEnter(na, Priority.NEW));
        assertFalse(gate.tryEnter(fb, Priority.FINISHING));
        assertFalse(gate.tryEnter(nb, Priority.NEW));
        assertFalse(gate.tryEnter(na2, Priority.NEW));
        assertTrue(gate.cancel(fb));
        assertTrue(gate.cancel(na));
        assertFalse(gate.cancel(na), "taken out already");
        assertEquals(3, gate.stats().queued());
        for (int i = 0; i < 3; i++) {
            gate.exit();
        }
        assertEquals(List.of("fa", "na2", "nb"), woken); // a's lane kept its place after na left it
        assertEquals(0, gate.stats().queued());
        assertFalse(gate.cancel(nb), "nb owns its permit");
        gate.exit();
        assertTrue(gate.tryEnter(fb, Priority.NEW), "a cancelled waiter enters again like any other");
    }

    @Test
    void cancellingTheOldestLetsTheNextOldestAge() {
        Tenant app = gate.tenant("app", 1);
        holdThePermit();
        Waiter old = waiter(app, "old");
        assertFalse(gate.tryEnter(old, Priority.NEW));
        advanceMs(1);
        queue(app, "second", Priority.NEW);
        queue(app, "f", Priority.FINISHING);
        advanceMs(600);
        assertTrue(gate.cancel(old));
        gate.exit();
        assertEquals(List.of("second"), woken);
    }

    @Test
    void raisingTheCapAdmitsSeveralInOrder() {
        Tenant a = gate.tenant("a", 1);
        Tenant b = gate.tenant("b", 1);
        holdThePermit();
        queue(a, "na1", Priority.NEW);
        queue(a, "na2", Priority.NEW);
        queue(b, "nb1", Priority.NEW);
        queue(a, "fa1", Priority.FINISHING);
        queue(b, "fb1", Priority.FINISHING);
        cap.set(4);
        queue(a, "late", Priority.FINISHING); // the queue goes first, and leaves no room
        assertEquals(List.of("fa1", "fb1", "na1"), woken);
        cap.set(5);
        gate.exit();
        assertEquals(List.of("fa1", "fb1", "na1", "late", "nb1"), woken);
        assertEquals(1, gate.stats().queued());
        assertEquals(5, gate.stats().inFlight());
    }

    @Test
    void aCancelAlsoAdmitsWhatARaisedCapAllows() {
        Tenant app = gate.tenant("app", 1);
        holdThePermit();
        Waiter first = waiter(app, "first");
        assertFalse(gate.tryEnter(first, Priority.NEW));
        queue(app, "second", Priority.NEW);
        cap.set(2);
        assertTrue(gate.cancel(first));
        assertEquals(List.of("second"), woken);
        assertEquals(0, gate.stats().queued());
    }

    @Test
    void aNewWeightAppliesFromTheNextAdmission() {
        Tenant a = gate.tenant("a", 1);
        Tenant b = gate.tenant("b", 1);
        holdThePermit();
        for (int i = 0; i < 200; i++) {
            queue(a, "A" + i, Priority.NEW);
            queue(b, "B" + i, Priority.NEW);
        }
        for (int i = 0; i < 100; i++) {
            gate.exit();
        }
        assertEquals(50, woken.stream().filter(name -> name.startsWith("A")).count());
        gate.tenant("a", 4);
        woken.clear();
        for (int i = 0; i < 100; i++) {
            gate.exit();
        }
        long aShare = woken.stream().filter(name -> name.startsWith("A")).count();
        assertTrue(Math.abs(aShare - 80) <= 2, "a got " + aShare + " of 100");
    }

    private void assertFifoPerTenant(String prefix) {
        List<Integer> seen = woken.stream().filter(name -> name.startsWith(prefix))
                .map(name -> Integer.parseInt(name.substring(1))).toList();
        for (int i = 0; i < seen.size(); i++) {
            assertEquals(i, seen.get(i), prefix + " out of order");
        }
    }

    /** Lets every queued waiter in and every permit go. */
    private void drain() {
        int limit = cap.get();
        cap.set(0);
        gate.exit();
        while (gate.stats().inFlight() > 0) {
            gate.exit();
        }
        cap.set(limit);
        assertEquals(0, gate.stats().queued());
    }
}
