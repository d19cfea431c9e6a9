package io.boreal.bench.impl;

import io.boreal.bench.RunAbortedException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The phases every worker thread goes through together, and the first fatal failure.
 *
 * <pre>
 *   workers: connect, newWorker ─ ready() ─ awaitStart() ─ events until deadline or stop ─ finished()
 *   runner:                     awaitReady() ─ start(deadline) ─ report intervals ─ awaitDone()
 * </pre>
 *
 * <p>Concurrency: every method is thread-safe. {@link #abort} may be called by any worker at
 * any phase; the first call wins, and it stops all workers at their next event.
 */
public final class RunControl {
    private final CountDownLatch ready;
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch done;
    private final AtomicReference<RunAbortedException> failure = new AtomicReference<>();
    private volatile boolean stopped;
    private volatile long deadlineNs;

    public RunControl(int threads) {
        this.ready = new CountDownLatch(threads);
        this.done = new CountDownLatch(threads);
    }

    /** A worker is connected and initialised (or gave up). Called once per worker. */
    void ready() {
        ready.countDown();
    }

    /** Blocks the worker until the clock starts; false if the run stopped before it started. */
    boolean awaitStart() throws InterruptedException {
        started.await();
        return !stopped;
    }

    /** Whether the worker should start another event at {@code nowNs}. Hot path. */
    boolean running(long nowNs) {
        return !stopped && nowNs - deadlineNs < 0;
    }

    /** Records the first fatal failure and stops every worker. */
    void abort(RunAbortedException e) {
        failure.compareAndSet(null, e);
        stopped = true;
    }

    /** A worker has closed its connection. Called once per worker. */
    void finished() {
        done.countDown();
    }

    public void awaitReady() throws InterruptedException {
        ready.await();
    }

    /** Starts the clock: workers run events until {@code deadlineNs} ({@link System#nanoTime()}). */
    public void start(long deadlineNs) {
        this.deadlineNs = deadlineNs;
        started.countDown();
    }

    /** Stops the run before or during the clock; workers finish their current event. */
    public void stop() {
        stopped = true;
        started.countDown();
    }

    /** Waits up to {@code timeoutNs} for every worker to finish; true if they all have. */
    public boolean awaitDone(long timeoutNs) throws InterruptedException {
        return done.await(Math.max(0, timeoutNs), TimeUnit.NANOSECONDS);
    }

    public void awaitDone() throws InterruptedException {
        done.await();
    }

    /** The first fatal failure, or null. */
    public RunAbortedException failure() {
        return failure.get();
    }
}
