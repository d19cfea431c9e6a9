package io.boreal.actors.impl;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Where a session's wake-ups go while a thread blocks for them: its private mailbox, and the
 * session's own thread for {@code execution_mode = blocking}.
 *
 * <p>A blocking wait registers its reply address ({@link WakeupRef}) with the request; whoever
 * answers (a partition granting a lock, the redo log acknowledging a flush, the timestamp
 * client refilling its range) adds the wake-up here on its own thread and unparks the waiter
 * directly. The waiter takes wake-ups one at a time ({@link #take}) and handles them itself.
 *
 * <pre>
 *   own thread / engine thread            partition, redo log, records
 *     │ send(request, replyTo = WakeupRef)       │
 *     │ take() ── parks ─────────────────────────┤
 *     │ ◄── add(wake-up), unpark ────────────────┘
 *     └ handles it: the statement goes on, or blocks again
 * </pre>
 *
 * <p>Thread-safety: {@link #add} from any thread; {@link #take} from the one thread running the
 * session's statement; {@link #runOnOwnThread} and {@link #stop} from the session's actor.
 */
final class Wakeups {

    /** A take with no deadline. */
    static final long NO_DEADLINE = Long.MAX_VALUE;

    /** An idle own thread ends after this; a later blocking statement starts a new one. */
    private static final long IDLE_THREAD_SECONDS = 60;

    private final LinkedBlockingQueue<Session.Command> queue = new LinkedBlockingQueue<>();
    private final String threadName;
    private ThreadPoolExecutor ownThread;
    /** The session stopped: a thread blocked for it gives up. */
    private volatile boolean stopped;

    Wakeups(String threadName) {
        this.threadName = threadName;
    }

    void add(Session.Command wakeup) {
        queue.add(wakeup);
    }

    /**
     * The next wake-up, blocking the calling thread until one comes; null once {@code
     * deadlineNanos} (of {@link System#nanoTime}) has passed, or when interrupted (the interrupt
     * is consumed: a waiter that goes on waiting blocks again instead of spinning).
     * On an engine (fork-join) thread the block is a managed one: the pool starts a thread to
     * keep its parallelism while this one waits.
     */
    Session.Command take(long deadlineNanos) {
        Session.Command ready = queue.poll();
        if (ready != null) {
            return ready;
        }
        Blocker blocker = new Blocker(deadlineNanos);
        try {
            ForkJoinPool.managedBlock(blocker);
        } catch (InterruptedException e) {
            return null; // the session stopped (see stop), or a stray interrupt: the caller decides
        }
        return blocker.taken;
    }

    /**
     * Runs a statement on the session's own platform thread (thread per connection), started
     * when first needed and kept while the session keeps using it.
     */
    void runOnOwnThread(Runnable statement) {
        if (ownThread == null) {
            ownThread = new ThreadPoolExecutor(0, 1, IDLE_THREAD_SECONDS, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), work -> {
                        Thread thread = new Thread(work, threadName);
                        thread.setDaemon(true);
                        return thread;
                    });
        }
        ownThread.execute(statement);
    }

    /**
     * The session stopped: its own thread ends, and a thread still blocked for the session (the
     * node shutting down under it) is interrupted and gives up ({@link #stopped}).
     */
    void stop() {
        stopped = true;
        if (ownThread != null) {
            ownThread.shutdownNow();
        }
    }

    boolean stopped() {
        return stopped;
    }

    private final class Blocker implements ForkJoinPool.ManagedBlocker {
        private final long deadlineNanos;
        Session.Command taken;

        Blocker(long deadlineNanos) {
            this.deadlineNanos = deadlineNanos;
        }

        @Override
        public boolean block() throws InterruptedException {
            if (deadlineNanos == NO_DEADLINE) {
                taken = queue.take();
            } else {
                taken = queue.poll(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
            }
            return true;
        }

        @Override
        public boolean isReleasable() {
            if (taken == null) {
                taken = queue.poll();
            }
            return taken != null || deadlineNanos != NO_DEADLINE && System.nanoTime() - deadlineNanos >= 0;
        }
    }
}
