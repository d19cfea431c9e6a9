package io.boreal.bench.impl;

import io.boreal.bench.QueryCounter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The counters of one worker thread: its statements, completed and failed events, and the time
 * it spent inside events.
 *
 * <p>Concurrency: single writer (the worker thread, publishing with {@code lazySet}); the
 * reporter reads them at any time and sees each counter's latest or a slightly older value.
 */
public final class WorkerStats {
    private final QueryCounter queries = new QueryCounter();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong busyNs = new AtomicLong();
    private volatile long stoppedAtNs;

    public QueryCounter queries() {
        return queries;
    }

    /** An event completed in {@code ns}. Owner thread only. */
    void completed(long ns) {
        events.lazySet(events.get() + 1);
        busyNs.lazySet(busyNs.get() + ns);
    }

    /** An event failed with an ignored error after {@code ns}. Owner thread only. */
    void failed(long ns) {
        errors.lazySet(errors.get() + 1);
        busyNs.lazySet(busyNs.get() + ns);
    }

    /** The worker left its event loop at {@code nowNs}; the connection is not closed yet. */
    void stopped(long nowNs) {
        stoppedAtNs = nowNs;
    }

    /** When the worker left its event loop ({@link System#nanoTime()}), or 0 if it never ran. */
    public long stoppedAtNs() {
        return stoppedAtNs;
    }

    public long events() {
        return events.get();
    }

    public long errors() {
        return errors.get();
    }

    public long busyNs() {
        return busyNs.get();
    }
}
