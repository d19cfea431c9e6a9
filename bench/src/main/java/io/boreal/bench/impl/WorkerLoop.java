package io.boreal.bench.impl;

import io.boreal.bench.ConnectionFactory;
import io.boreal.bench.IgnoredErrors;
import io.boreal.bench.RunAbortedException;
import io.boreal.bench.Workload;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.SplittableRandom;
import org.HdrHistogram.Recorder;

/**
 * One worker thread: opens its connection, creates its {@link Workload.Worker}, then times events
 * until the deadline. An ignored SQL error is counted and its transaction rolled back; any
 * other error aborts the whole run through {@link RunControl#abort}.
 */
// Performance-critical path: runEvents() is the measurement loop.
public final class WorkerLoop implements Runnable {
    private final int index;
    private final ConnectionFactory connections;
    private final Workload workload;
    private final IgnoredErrors ignored;
    private final long seed;
    private final Recorder latencyUs;
    private final RunControl control;
    private final WorkerStats stats;

    public WorkerLoop(int index, ConnectionFactory connections, Workload workload, IgnoredErrors ignored,
                      long seed, Recorder latencyUs, RunControl control, WorkerStats stats) {
        this.index = index;
        this.connections = connections;
        this.workload = workload;
        this.ignored = ignored;
        this.seed = seed;
        this.latencyUs = latencyUs;
        this.control = control;
        this.stats = stats;
    }

    @Override
    public void run() {
        boolean readySignalled = false;
        try (Connection connection = connections.open();
             Workload.Worker worker = workload.newWorker(connection, index, new SplittableRandom(seed + 0x9E3779B97F4A7C15L * (index + 1)))) {
            control.ready();
            readySignalled = true;
            if (control.awaitStart()) {
                try {
                    runEvents(connection, worker);
                } finally {
                    stats.stopped(System.nanoTime());
                }
            }
        } catch (SQLException e) {
            control.abort(new RunAbortedException(describe(e, readySignalled ? "run" : "initialisation"), e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            control.abort(new RunAbortedException("thread " + index + " interrupted", e));
        } catch (RuntimeException | Error e) {
            control.abort(new RunAbortedException("thread " + index + " failed in workload "
                    + workload.name() + ": " + e, e));
        } finally {
            if (!readySignalled) {
                control.ready();
            }
            control.finished();
        }
    }

    private void runEvents(Connection connection, Workload.Worker worker) throws SQLException {
        long now = System.nanoTime();
        while (control.running(now)) {
            long start = now;
            try {
                worker.event(stats.queries());
                now = System.nanoTime();
                latencyUs.recordValue((now - start) / 1000);
                stats.completed(now - start);
            } catch (SQLException e) {
                if (!ignored.matches(e)) {
                    throw e;
                }
                rollbackIfInTransaction(connection);
                now = System.nanoTime();
                stats.failed(now - start);
            }
        }
    }

    private void rollbackIfInTransaction(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.rollback();
            stats.queries().others(1);
        }
    }

    private String describe(SQLException e, String phase) {
        return String.format("thread %d: fatal SQL error during %s of %s: SQLState %s, error code %d: %s"
                        + " (ignored SQLStates: %s)",
                index, phase, workload.name(), e.getSQLState(), e.getErrorCode(), e.getMessage(), ignored);
    }
}
