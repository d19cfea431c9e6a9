package io.boreal.actors.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.boreal.actors.AdmissionStats;
import io.boreal.actors.impl.Admission.Priority;

/**
 * Random operations on the gate (enter, exit, cancel, cap, aging limit, clock, weights) checked
 * after each against a model that keeps plain lists and scans them: the same waiters are admitted
 * in the same order, the invariant holds (queue empty or inFlight >= cap), the counters agree,
 * and every queued waiter ends admitted exactly once or cancelled. Seeded; a failure names its
 * seed (rerun one with {@code -Dscheduler.seed=n}).
 */
class SchedulerModelTest {

    private static final int SESSIONS = 24;
    private static final int TENANTS = 5;

    @Test
    void randomOperationsMatchTheModel() {
        String fixed = System.getProperty("scheduler.seed");
        if (fixed != null) {
            run(Long.parseLong(fixed), 5_000);
            return;
        }
        for (long seed = 1; seed <= 300; seed++) {
            run(seed, 3_000);
        }
    }

    private static void run(long seed, int operations) {
        try {
            new Script(seed).run(operations);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
        }
    }

    private enum State { IDLE, QUEUED, RUNNING }

    /** One random history, run on the gate and on the model side by side. */
    private static final class Script {
        private final SplittableRandom random;
        private final AtomicInteger cap = new AtomicInteger();
        private final AtomicLong agingNs = new AtomicLong();
        private final AtomicLong clockNs = new AtomicLong(Long.MAX_VALUE - 1_000); // wraps around
        private final Admission gate = new Admission(cap::get, agingNs::get, clockNs::get);
        private final Model model = new Model();
        private final List<Integer> woken = new ArrayList<>();
        private final Admission.Waiter[] waiters = new Admission.Waiter[SESSIONS];
        private final State[] states = new State[SESSIONS];
        private final int[] tenantOf = new int[SESSIONS];
        private final int[] queuedTimes = new int[SESSIONS];
        private final int[] endedTimes = new int[SESSIONS];

        Script(long seed) {
            random = new SplittableRandom(seed);
            for (int t = 0; t < TENANTS; t++) {
                reweight(t);
            }
            for (int s = 0; s < SESSIONS; s++) {
                int session = s;
                tenantOf[s] = random.nextInt(TENANTS);
                waiters[s] = new Admission.Waiter(gate.tenant("t" + tenantOf[s], model.weights[tenantOf[s]]),
                        () -> woken.add(session));
                states[s] = State.IDLE;
            }
            cap.set(random.nextInt(1, 4));
            model.cap = cap.get();
        }

        void run(int operations) {
            for (int i = 0; i < operations; i++) {
                step(random.nextInt(100));
            }
            cap.set(0); // drain: the next call admits everyone queued
            model.cap = 0;
            while (model.inFlight > 0) {
                exit();
            }
            assertEquals(0, gate.stats().queued());
            for (int s = 0; s < SESSIONS; s++) {
                assertEquals(queuedTimes[s], endedTimes[s], "session " + s + ": queued vs admitted or cancelled");
            }
        }

        private void step(int dice) {
            if (dice < 35) {
                int s = pick(State.IDLE);
                if (s >= 0) {
                    Priority priority = random.nextBoolean() ? Priority.FINISHING : Priority.NEW;
                    boolean entered = gate.tryEnter(waiters[s], priority);
                    List<Integer> expected = new ArrayList<>();
                    assertEquals(model.tryEnter(s, tenantOf[s], priority, clockNs.get(), expected), entered, "enter");
                    states[s] = entered ? State.RUNNING : State.QUEUED;
                    queuedTimes[s] += entered ? 0 : 1;
                    check(expected);
                }
            } else if (dice < 65) {
                if (model.inFlight > 0) {
                    exit();
                }
            } else if (dice < 75) {
                int s = random.nextInt(SESSIONS);
                List<Integer> expected = new ArrayList<>();
                boolean cancelled = gate.cancel(waiters[s]);
                assertEquals(model.cancel(s, clockNs.get(), expected), cancelled, "cancel of " + states[s]);
                if (cancelled) {
                    states[s] = State.IDLE;
                    endedTimes[s]++;
                }
                check(expected);
            } else if (dice < 83) {
                cap.set(random.nextInt(0, 5));
                model.cap = cap.get();
            } else if (dice < 88) {
                agingNs.set(new long[] {0, 3, 10, -1}[random.nextInt(4)]);
                model.agingNs = agingNs.get();
            } else if (dice < 98) {
                clockNs.addAndGet(random.nextInt(5));
            } else {
                reweight(random.nextInt(TENANTS));
            }
        }

        private void exit() {
            int s = pick(State.RUNNING);
            states[s] = State.IDLE;
            List<Integer> expected = new ArrayList<>();
            gate.exit();
            model.exit(clockNs.get(), expected);
            check(expected);
        }

        private void reweight(int tenant) {
            model.weights[tenant] = random.nextInt(1, 5);
            gate.tenant("t" + tenant, model.weights[tenant]);
        }

        private void check(List<Integer> expected) {
            assertEquals(expected, woken, "admitted");
            for (int s : woken) {
                assertEquals(State.QUEUED, states[s], "session " + s + " admitted while not queued");
                states[s] = State.RUNNING;
                endedTimes[s]++;
            }
            woken.clear();
            assertTrue(model.queue.isEmpty() || (model.cap > 0 && model.inFlight >= model.cap), "invariant");
            assertEquals(model.stats(), gate.stats());
        }

        private int pick(State state) {
            int start = random.nextInt(SESSIONS);
            for (int i = 0; i < SESSIONS; i++) {
                int s = (start + i) % SESSIONS;
                if (states[s] == state) {
                    return s;
                }
            }
            return -1;
        }
    }

    /** The policy of {@link AdmissionQueue} and {@link FairQueue}, on lists scanned in full. */
    private static final class Model {
        record Entry(int session, Lane lane, Priority priority, long queuedAtNs) {
        }

        static final class Lane {
            final int tenant;
            final Priority priority;
            final List<Entry> entries = new ArrayList<>();
            long pass;
            long joined;
            long leftAt = Long.MIN_VALUE;

            Lane(int tenant, Priority priority) {
                this.tenant = tenant;
                this.priority = priority;
            }
        }

        final int[] weights = new int[TENANTS];
        final Lane[][] lanes = new Lane[TENANTS][Priority.values().length];
        final long[] virtualTime = new long[2];
        final long[] joins = new long[2];
        final long[] classAdmissions = new long[2];
        final List<Entry> queue = new ArrayList<>(); // arrival order
        int cap;
        long agingNs;
        int inFlight;
        int maxInFlight;
        long waited;
        long aged;
        final long[] admitted = new long[2];

        Model() {
            for (int t = 0; t < TENANTS; t++) {
                for (Priority p : Priority.values()) {
                    lanes[t][p.ordinal()] = new Lane(t, p);
                }
            }
        }

        boolean tryEnter(int session, int tenant, Priority priority, long nowNs, List<Integer> woken) {
            admitQueued(nowNs, woken);
            if (queue.isEmpty() && fits()) {
                enter(priority);
                return true;
            }
            Lane lane = lanes[tenant][priority.ordinal()];
            int c = priority.ordinal();
            if (lane.entries.isEmpty()) {
                boolean forgotten = lane.leftAt == Long.MIN_VALUE
                        || classAdmissions[c] - lane.leftAt >= FairQueue.FORGET_AFTER;
                lane.pass = forgotten || lane.pass - virtualTime[c] < 0 ? virtualTime[c] : lane.pass;
                lane.joined = joins[c]++;
            }
            Entry entry = new Entry(session, lane, priority, nowNs);
            lane.entries.add(entry);
            queue.add(entry);
            waited++;
            return false;
        }

        void exit(long nowNs, List<Integer> woken) {
            inFlight--;
            admitQueued(nowNs, woken);
        }

        boolean cancel(int session, long nowNs, List<Integer> woken) {
            Entry entry = queue.stream().filter(e -> e.session() == session).findFirst().orElse(null);
            if (entry != null) {
                queue.remove(entry);
                entry.lane().entries.remove(entry);
                if (entry.lane().entries.isEmpty()) {
                    entry.lane().leftAt = classAdmissions[entry.priority().ordinal()];
                }
            }
            admitQueued(nowNs, woken);
            return entry != null;
        }

        AdmissionStats stats() {
            return new AdmissionStats(admitted[0] + admitted[1], waited, maxInFlight, inFlight, queue.size(),
                    admitted[0], admitted[1], aged);
        }

        private void admitQueued(long nowNs, List<Integer> woken) {
            while (!queue.isEmpty() && fits()) {
                Entry next = scheduled(Priority.FINISHING);
                if (next == null) {
                    next = scheduled(Priority.NEW);
                }
                Entry oldest = queue.get(0);
                if (agingNs > 0 && oldest != next && nowNs - oldest.queuedAtNs() >= agingNs) {
                    aged++;
                    next = oldest;
                }
                admit(next);
                enter(next.priority());
                woken.add(next.session());
            }
        }

        private Entry scheduled(Priority priority) {
            Lane lane = first(priority);
            return lane == null ? null : lane.entries.get(0);
        }

        private Lane first(Priority priority) {
            Comparator<Lane> order = (a, b) -> {
                int byPass = Long.signum(a.pass - b.pass);
                return byPass != 0 ? byPass : Long.compare(a.joined, b.joined);
            };
            Lane best = null;
            for (Lane[] ofTenant : lanes) {
                Lane lane = ofTenant[priority.ordinal()];
                if (!lane.entries.isEmpty() && (best == null || order.compare(lane, best) < 0)) {
                    best = lane;
                }
            }
            return best;
        }

        private void admit(Entry entry) {
            Lane lane = entry.lane();
            int c = entry.priority().ordinal();
            if (lane == first(entry.priority())) {
                virtualTime[c] = lane.pass;
            }
            queue.remove(entry);
            lane.entries.remove(entry);
            classAdmissions[c]++;
            long charged = lane.pass + FairQueue.STRIDE / weights[lane.tenant];
            lane.pass = charged - virtualTime[c] > FairQueue.MAX_LEAD ? virtualTime[c] + FairQueue.MAX_LEAD : charged;
            if (lane.entries.isEmpty()) {
                lane.leftAt = classAdmissions[c];
            } else {
                lane.joined = joins[c]++;
            }
        }

        private boolean fits() {
            return cap <= 0 || inFlight < cap;
        }

        private void enter(Priority priority) {
            inFlight++;
            admitted[priority.ordinal()]++;
            maxInFlight = Math.max(maxInFlight, inFlight);
        }
    }
}
