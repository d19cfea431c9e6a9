package io.boreal.bench.tso;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/** Runs requester loops on threads for a while and counts what they got. */
final class Requesters {

    /** One requester's loop body: gets some timestamps, returns how many (0: none this time). */
    @FunctionalInterface
    interface Step {
        long take() throws Exception;
    }

    private Requesters() {
    }

    /** {@code threads} loops, each made by {@code steps} for its index, for {@code time}; timestamps per second. */
    static double run(int threads, IntFunction<Step> steps, Duration time) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder taken = new LongAdder();
        List<Thread> running = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int t = 0; t < threads; t++) {
            Step step = steps.apply(t);
            Thread thread = new Thread(() -> {
                try {
                    long mine = 0;
                    while (!stop.get()) {
                        mine += step.take();
                    }
                    taken.add(mine);
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "tso-requester-" + t);
            thread.setDaemon(true);
            running.add(thread);
        }
        long start = System.nanoTime();
        running.forEach(Thread::start);
        Thread.sleep(time.toMillis());
        stop.set(true);
        for (Thread thread : running) {
            thread.join(30_000);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a requester failed: " + failures.get(0), failures.get(0));
        }
        return taken.sum() / seconds;
    }
}
