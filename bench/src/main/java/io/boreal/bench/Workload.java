package io.boreal.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.SplittableRandom;

/**
 * A benchmark workload: a factory of per-thread {@link Worker}s. The {@link LoadRunner} gives each
 * worker thread its own connection and calls {@link Worker#event} in a loop until the run ends.
 *
 * <pre>
 *  worker thread i:  open connection ─> newWorker(conn, i, random) ─> event() event() event() … ─> close()
 *                                                                     └─ one event = one transaction
 *                                                                        (or one statement group), timed
 * </pre>
 *
 * <p>Concurrency: {@link #newWorker} is called concurrently from all worker threads; each
 * {@link Worker} is then used by its thread only.
 */
public interface Workload {

    /** Name shown in reports and JSON, e.g. {@code oltp_read_write}. */
    String name();

    /**
     * Creates the state of one worker thread: prepared statements, buffers, its random source.
     * Called on the worker's own thread before the clock starts.
     *
     * @param connection the thread's connection, autocommit on; the worker may change that
     * @param threadIndex 0-based index of the worker thread
     * @param random a random source seeded from the run's seed and {@code threadIndex}
     */
    Worker newWorker(Connection connection, int threadIndex, SplittableRandom random) throws SQLException;

    /** Per-thread state of a workload. Not thread-safe: one thread uses it. */
    interface Worker extends AutoCloseable {

        /**
         * Runs one event (one transaction: when autocommit is off, the event commits before it
         * returns) and counts every statement it sends in {@code queries}.
         *
         * <p>On an {@link SQLException} the runner decides: an ignorable SQLState (see
         * {@link IgnoredErrors}) is counted and, if autocommit is off, the runner rolls the
         * transaction back and calls {@code event} again; anything else aborts the run.
         */
        void event(QueryCounter queries) throws SQLException;

        /** Releases statements; the runner closes the connection itself. */
        @Override
        default void close() throws SQLException {
        }
    }
}
