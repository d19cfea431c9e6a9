package io.boreal.actors.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A session's side of the gate, over a real {@link Admission} with a cap of 1. */
class SessionGateTest {

    private final Admission admission = new Admission(() -> 1);
    private final List<String> grants = new ArrayList<>();

    private SessionGate gate(String name) {
        return new SessionGate(admission, () -> grants.add(name + " to actor"), () -> grants.add(name + " to thread"));
    }

    @Test
    void aQueuedStatementRunsOnItsGrantAndTheGrantGoesWhereItWaits() {
        SessionGate a = gate("a");
        SessionGate b = gate("b");
        Runnable statement = () -> { };
        assertTrue(a.enter(Admission.Priority.NEW, false, statement));
        assertFalse(b.enter(Admission.Priority.NEW, true, statement));
        assertTrue(b.grantGoesToThread());
        a.release();
        a.release(); // once per grant
        assertEquals(List.of("b to thread"), grants);
        assertSame(statement, b.granted());
        assertTrue(b.holdsPermit());
        b.release();
        assertEquals(0, admission.stats().inFlight());
    }

    @Test
    void closingWhileQueuedLeavesTheQueueAndClosingAfterTheGrantGivesThePermitBack() {
        SessionGate a = gate("a");
        SessionGate b = gate("b");
        assertTrue(a.enter(Admission.Priority.NEW, false, () -> { }));
        assertFalse(b.enter(Admission.Priority.NEW, false, () -> { }));
        assertTrue(b.close(), "its statement never ran");
        assertEquals(0, admission.stats().queued());
        a.release();
        assertEquals(List.of(), grants, "nobody left to grant");

        SessionGate c = gate("c");
        assertTrue(a.enter(Admission.Priority.NEW, false, () -> { }));
        assertFalse(c.enter(Admission.Priority.FINISHING, false, () -> { }));
        a.release();                       // granted to c, which closes before taking it
        assertEquals(List.of("c to actor"), grants);
        assertTrue(c.close());
        assertEquals(0, admission.stats().inFlight(), "the granted permit was given back");
        assertFalse(a.close());
        assertEquals(0, admission.stats().inFlight());
    }
}
