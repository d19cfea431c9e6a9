package io.boreal.bench.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.boreal.actors.BorealDatabase;
import io.boreal.actors.SqlSession;

/**
 * Opening and closing the sessions of one closed-loop run, and the run's clock: the benchmark's
 * thread parks between the run's instants while the loops run on engine threads.
 */
public final class AsyncSessions {

    private AsyncSessions() {
    }

    /** Opens {@code count} sessions named {@code bench-0..}; with {@code autoCommit} false each has it turned off. */
    public static List<SqlSession> open(BorealDatabase db, int count, boolean autoCommit) throws Exception {
        List<SqlSession> sessions = new ArrayList<>(count);
        List<CompletableFuture<Void>> ready = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            SqlSession s = Sql.await(db.openSession("bench-" + i));
            sessions.add(s);
            if (!autoCommit) {
                ready.add(s.setAutoCommit(false).toCompletableFuture());
            }
        }
        CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).get(Sql.TIMEOUT_S, TimeUnit.SECONDS);
        return sessions;
    }

    /** Closes every session and waits until each has stopped. */
    public static void closeAll(List<SqlSession> sessions) throws Exception {
        List<CompletableFuture<Void>> closed = new ArrayList<>(sessions.size());
        for (SqlSession s : sessions) {
            closed.add(s.close().toCompletableFuture());
        }
        CompletableFuture.allOf(closed.toArray(CompletableFuture[]::new)).get(Sql.TIMEOUT_S, TimeUnit.SECONDS);
    }

    /** Parks the calling thread until {@code deadlineNs} of {@link System#nanoTime()}. */
    public static void parkUntil(long deadlineNs) {
        for (long left = deadlineNs - System.nanoTime(); left > 0; left = deadlineNs - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
