package io.boreal.bench.sysbench;

import io.boreal.bench.ConnectionFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs SQL tasks over a few threads, each with its own connection (autocommit on), taking tasks
 * from a shared queue. The first failure stops the threads from taking more tasks and is thrown
 * once they have all stopped.
 */
final class LoaderPool {

    /** A unit of work on one connection. */
    @FunctionalInterface
    interface SqlTask {
        void run(Connection connection) throws SQLException;
    }

    private LoaderPool() {
    }

    /**
     * Runs every task, calling {@code onTick} on the calling thread about every {@code tickMs}
     * until all are done.
     */
    static void run(ConnectionFactory connections, int threads, List<SqlTask> tasks, long tickMs, Runnable onTick)
            throws SQLException {
        Queue<SqlTask> queue = new ConcurrentLinkedQueue<>(tasks);
        int n = Math.max(1, Math.min(threads, tasks.size()));
        CountDownLatch done = new CountDownLatch(n);
        AtomicReference<Exception> failure = new AtomicReference<>();
        for (int i = 0; i < n; i++) {
            Thread t = new Thread(() -> drain(connections, queue, failure, done), "bench-loader-" + i);
            t.setDaemon(true);
            t.start();
        }
        try {
            while (!done.await(tickMs, TimeUnit.MILLISECONDS)) {
                onTick.run();
            }
        } catch (InterruptedException e) {
            failure.compareAndSet(null, e);
            Thread.currentThread().interrupt();
        }
        Exception e = failure.get();
        if (e instanceof SQLException sql) {
            throw sql;
        }
        if (e != null) {
            throw new SQLException("load failed: " + e, e);
        }
    }

    private static void drain(ConnectionFactory connections, Queue<SqlTask> queue, AtomicReference<Exception> failure,
                              CountDownLatch done) {
        try (Connection c = connections.open()) {
            c.setAutoCommit(true);
            SqlTask task;
            while (failure.get() == null && (task = queue.poll()) != null) {
                task.run(c);
            }
        } catch (SQLException | RuntimeException e) {
            failure.compareAndSet(null, e);
        } finally {
            done.countDown();
        }
    }
}
