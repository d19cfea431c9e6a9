package io.boreal.actors.impl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

import io.boreal.actors.AdmissionStats;

/**
 * The node's statement scheduler, {@code boreal.thread_concurrency} (InnoDB's
 * {@code innodb_thread_concurrency}, ordered like the MySQL Enterprise / Percona thread pool):
 * with a cap N &gt; 0 at most N gated statements execute at once; with 0 every statement enters
 * at once. When more are ready than the cap allows, the rest queue and are admitted in the order
 * of {@link AdmissionQueue}: any that waited longer than {@code boreal.scheduler.aging_ms} first,
 * then {@link Priority#FINISHING} before {@link Priority#NEW}, tenants (users) by weight within a
 * class, FIFO within a tenant.
 *
 * <pre>
 *   session ──tryEnter──► permit free and nobody queued? ──yes──► runs now (inFlight + 1)
 *                                    │ no
 *                                    ▼
 *                     AdmissionQueue ◄── waiter ... exit() of another statement
 *                                    └── next in order, while under the cap ──► waiter.onAdmitted() (inFlight + 1)
 * </pre>
 *
 * <p>Invariant: after every call, either the queue is empty or {@code inFlight >= cap} (cap read
 * at that call) — a queued waiter never stays queued while a permit it could take is free. A
 * newcomer never overtakes a queued waiter: it enters at once only when nobody is queued.
 * {@code inFlight} counts every statement that entered and has not exited, whatever the cap was
 * when it entered, so lowering the cap at runtime lets no one in until enough statements have
 * left, and raising it admits queued waiters at the next call. The cap and the aging limit are
 * read at each admission, never cached.
 *
 * <p>Waiting holds no thread: a queued waiter is a callback, run once its permit is granted, on
 * the thread of the call that granted it, outside the lock. It must only send a message (the
 * session actor continues in its own turn).
 *
 * <p>Thread-safety: every method may be called from any thread; the state changes in one short
 * synchronized section per call, O(log t) with t tenants queued (O(1) in the number of waiters).
 */
public final class Admission {

    /** The largest weight a tenant may have: {@link FairQueue#STRIDE} / weight stays exact enough. */
    public static final int MAX_WEIGHT = 1_000_000;

    /** The two queues of the thread pool model, in the order they are served. */
    public enum Priority {
        /**
         * A statement of a transaction already open (it holds locks and a snapshot): letting it
         * run frees them, and it is served first.
         */
        FINISHING,
        /** A statement that starts a transaction (including an autocommit statement). */
        NEW
    }

    /**
     * A user: the unit that weighted fair sharing divides the gate between. One per user name
     * per gate ({@link #tenant}); bound to that gate.
     */
    public static final class Tenant {
        private final Admission gate;
        private final String name;
        private volatile int weight;
        /** Its waiters of each class, by {@link Priority} ordinal. */
        final FairQueue.Lane[] lanes = new FairQueue.Lane[Priority.values().length];

        private Tenant(Admission gate, String name, int weight) {
            this.gate = gate;
            this.name = name;
            this.weight = weight;
            for (int i = 0; i < lanes.length; i++) {
                lanes[i] = new FairQueue.Lane(this);
            }
        }

        public String name() {
            return name;
        }

        /** Its share relative to other tenants queued in the same class. */
        public int weight() {
            return weight;
        }

        @Override
        public String toString() {
            return name + "(weight " + weight + ")";
        }
    }

    /**
     * One session's place in the queue; reused statement after statement. Queued at most once at
     * a time; its scheduling fields change only under the gate's lock.
     */
    public static final class Waiter {
        private final Tenant tenant;
        private final Runnable onAdmitted;
        final WaiterList.Link byArrival = new WaiterList.Link(this);
        final WaiterList.Link inLane = new WaiterList.Link(this);
        /** Where it is queued; null when not queued. */
        FairQueue.Lane lane;
        Priority priority;
        long queuedAtNs;

        /**
         * @param tenant     its user, from {@link Admission#tenant} of the gate it will wait at
         * @param onAdmitted runs once this waiter owns a permit; must only send a message
         */
        public Waiter(Tenant tenant, Runnable onAdmitted) {
            this.tenant = Objects.requireNonNull(tenant, "tenant");
            this.onAdmitted = Objects.requireNonNull(onAdmitted, "onAdmitted");
        }

        /** A waiter of the gate's anonymous tenant (name "", weight 1). */
        public Waiter(Runnable onAdmitted) {
            this.tenant = null;
            this.onAdmitted = Objects.requireNonNull(onAdmitted, "onAdmitted");
        }
    }

    private final IntSupplier cap;
    private final LongSupplier agingNanos;
    private final LongSupplier nanoClock;
    private final Map<String, Tenant> tenants = new HashMap<>();
    private final Tenant anonymous;
    private final AdmissionQueue queue = new AdmissionQueue();
    private final long[] admittedByClass = new long[Priority.values().length];
    private int inFlight;
    private long waited;
    private int maxInFlight;

    /**
     * @param cap        the current cap, read at every admission (0 = unlimited)
     * @param agingNanos how long a queued waiter may wait before it goes first, read at every
     *                   admission ({@code <= 0} = no aging)
     * @param nanoClock  {@code System::nanoTime}, or a manual clock in tests
     */
    public Admission(IntSupplier cap, LongSupplier agingNanos, LongSupplier nanoClock) {
        this.cap = cap;
        this.agingNanos = agingNanos;
        this.nanoClock = nanoClock;
        this.anonymous = tenant("", 1);
    }

    /** A gate with aging after 1 s on the system clock. */
    public Admission(IntSupplier cap) {
        this(cap, () -> TimeUnit.SECONDS.toNanos(1), System::nanoTime);
    }

    /**
     * The tenant named {@code user}: the same object for the same name, its weight set to
     * {@code weight} (applies from its next admission). Tenants are kept for the gate's life.
     *
     * @param weight 1 to {@link #MAX_WEIGHT}
     */
    public synchronized Tenant tenant(String user, int weight) {
        if (weight < 1 || weight > MAX_WEIGHT) {
            throw new IllegalArgumentException("admission: a weight is from 1 to " + MAX_WEIGHT + ", not " + weight);
        }
        Tenant tenant = tenants.computeIfAbsent(user, name -> new Tenant(this, name, weight));
        tenant.weight = weight;
        return tenant;
    }

    /**
     * Takes a permit for {@code waiter}'s statement. Returns true when it was free: the caller
     * owns it now and runs. Returns false when the caller is queued: {@code waiter}'s callback runs
     * once it owns the permit. Either way the owner must call {@link #exit} exactly once.
     *
     * @throws IllegalStateException    when {@code waiter} is queued already
     * @throws IllegalArgumentException when its tenant belongs to another gate
     */
    public boolean tryEnter(Waiter waiter, Priority priority) {
        Objects.requireNonNull(priority, "priority");
        List<Waiter> woken;
        boolean entered;
        synchronized (this) {
            FairQueue.Lane lane = tenantOf(waiter).lanes[priority.ordinal()];
            if (waiter.lane != null) {
                throw new IllegalStateException("admission: the waiter is queued already");
            }
            woken = admitQueued();
            entered = queue.isEmpty() && fits();
            if (entered) {
                enter(priority);
            } else {
                queue.add(waiter, lane, priority, nanoClock.getAsLong());
                waited++;
            }
        }
        wake(woken);
        return entered;
    }

    /** Gives a permit back; hands it (and any the cap now allows) to the next queued waiters. */
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
     * Takes a permit back at once, over the cap if need be: a statement that gave its permit up
     * while it waited for a row lock resumes when the lock is granted (InnoDB's forced re-entry
     * after a lock wait), and must not queue behind statements that may be waiting for it. It
     * counts in {@code inFlight}, not as an admission; the owner calls {@link #exit} once.
     */
    public synchronized void reenter() {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
    }

    /**
     * Takes a queued waiter out of the queue (its session is closing). Returns false when it was
     * not queued — its permit was granted already, so the caller owns it and must {@link #exit}.
     */
    public boolean cancel(Waiter waiter) {
        List<Waiter> woken;
        boolean cancelled;
        synchronized (this) {
            cancelled = queue.cancel(waiter);
            woken = admitQueued(); // a cap raised since the last call: keeps the invariant
        }
        wake(woken);
        return cancelled;
    }

    /** A moment's counters. */
    public synchronized AdmissionStats stats() {
        long finishing = admittedByClass[Priority.FINISHING.ordinal()];
        long fresh = admittedByClass[Priority.NEW.ordinal()];
        return new AdmissionStats(finishing + fresh, waited, maxInFlight, inFlight, queue.size(),
                finishing, fresh, queue.aged());
    }

    private Tenant tenantOf(Waiter waiter) {
        Tenant tenant = waiter.tenant == null ? anonymous : waiter.tenant;
        if (tenant.gate != this) {
            throw new IllegalArgumentException("admission: tenant " + tenant + " belongs to another gate");
        }
        return tenant;
    }

    /** Admits queued waiters in order while the cap allows; called holding the lock. */
    private List<Waiter> admitQueued() {
        if (queue.isEmpty() || !fits()) {
            return null;
        }
        long nowNs = nanoClock.getAsLong(); // once per call: the order within one call is one moment's
        List<Waiter> woken = new ArrayList<>();
        do {
            Waiter next = queue.poll(nowNs, agingNanos.getAsLong());
            enter(next.priority);
            woken.add(next);
        } while (!queue.isEmpty() && fits());
        return woken;
    }

    private boolean fits() {
        int limit = cap.getAsInt();
        return limit <= 0 || inFlight < limit;
    }

    private void enter(Priority priority) {
        inFlight++;
        admittedByClass[priority.ordinal()]++;
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
