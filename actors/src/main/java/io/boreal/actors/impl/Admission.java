package io.boreal.actors.impl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

import io.boreal.actors.AdmissionStats;

/**
 * The node's statement gate, {@code boreal.thread_concurrency} (InnoDB's
 * {@code innodb_thread_concurrency}): with a cap N &gt; 0 at most N gated statements execute at
 * once; with 0 every statement enters at once.
 *
 * <pre>
 *   session ──tryEnter──► permit free and nobody queued? ──yes──► runs now (inFlight + 1)
 *                                    │ no
 *                                    ▼
 *                     queue (FIFO) ◄── waiter ... exit() of another statement
 *                                    └── head fits under the cap ──► waiter.onAdmitted() (inFlight + 1)
 * </pre>
 *
 * <p>Invariant: after every call, either the queue is empty or {@code inFlight >= cap} (cap read
 * at that call) — a queued waiter never stays queued while a permit it could take is free — and
 * waiters are admitted in arrival order. {@code inFlight} counts every statement that entered
 * and has not exited, whatever the cap was when it entered, so lowering the cap at runtime lets
 * no one in until enough statements have left, and raising it admits queued waiters at the next
 * {@link #tryEnter} or {@link #exit}. The cap is read at each admission, never cached.
 *
 * <p>Waiting holds no thread: a queued waiter is a callback, run once its permit is granted, on
 * the thread of the {@code exit} (or {@code tryEnter}) that granted it, outside the lock. It
 * must only send a message (the session actor continues in its own turn).
 *
 * <p>Thread-safety: every method may be called from any thread; the state changes in one short
 * synchronized section per call.
 */
public final class Admission {

    /** One session's place in the queue; reused statement after statement. */
    public static final class Waiter {
        private final Runnable onAdmitted;

        /** @param onAdmitted runs once this waiter owns a permit; must only send a message */
        public Waiter(Runnable onAdmitted) {
            this.onAdmitted = onAdmitted;
        }
    }

    private final IntSupplier cap;
    private final ArrayDeque<Waiter> queue = new ArrayDeque<>();
    private int inFlight;
    private long admitted;
    private long waited;
    private int maxInFlight;

    /** @param cap the current cap, read at every admission (0 = unlimited) */
    public Admission(IntSupplier cap) {
        this.cap = cap;
    }

    /**
     * Takes a permit for {@code waiter}'s statement. Returns true when it was free: the caller
     * owns it now and runs. Returns false when the caller is queued: {@code waiter}'s callback runs
     * once it owns the permit. Either way the owner must call {@link #exit} exactly once.
     */
    public boolean tryEnter(Waiter waiter) {
        List<Waiter> woken;
        boolean entered;
        synchronized (this) {
            woken = admitQueued();
            entered = queue.isEmpty() && fits();
            if (entered) {
                enter();
            } else {
                queue.addLast(waiter);
                waited++;
            }
        }
        wake(woken);
        return entered;
    }

    /** Gives a permit back; hands it (and any the cap now allows) to the head of the queue. */
    public void exit() {
        List<Waiter> woken;
        synchronized (this) {
            if (inFlight == 0) {
                throw new IllegalStateException("admission: exit without a permit");
            }
            inFlight--;
            woken = admitQueued();
        }
        wake(woken);
    }

    /**
     * Takes a queued waiter out of the queue (its session is closing). Returns false when it was
     * not queued — its permit was granted already, so the caller owns it and must {@link #exit}.
     */
    public boolean cancel(Waiter waiter) {
        synchronized (this) {
            return queue.removeFirstOccurrence(waiter);
        }
    }

    /** A moment's counters. */
    public synchronized AdmissionStats stats() {
        return new AdmissionStats(admitted, waited, maxInFlight, inFlight, queue.size());
    }

    /** Admits queued waiters from the head while the cap allows; called holding the lock. */
    private List<Waiter> admitQueued() {
        List<Waiter> woken = null;
        while (!queue.isEmpty() && fits()) {
            if (woken == null) {
                woken = new ArrayList<>();
            }
            woken.add(queue.removeFirst());
            enter();
        }
        return woken;
    }

    private boolean fits() {
        int limit = cap.getAsInt();
        return limit <= 0 || inFlight < limit;
    }

    private void enter() {
        inFlight++;
        admitted++;
        maxInFlight = Math.max(maxInFlight, inFlight);
    }

    private static void wake(List<Waiter> woken) {
        if (woken != null) {
            for (Waiter w : woken) {
                w.onAdmitted.run();
            }
        }
    }
}
