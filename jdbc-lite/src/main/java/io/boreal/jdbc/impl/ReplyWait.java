package io.boreal.jdbc.impl;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Blocks the application's thread until an engine call replies: the one place where the
 * asynchronous engine meets the blocking java.sql API. The engine's threads only complete the
 * reply; they never wait here.
 *
 * <pre>
 *   app thread: call.get() ──stage──> relay into reply ──> reply.get(bound)
 *   engine:                           stage completes ───> reply completes
 *   other thread: abandon(why) ─────────────────────────> reply fails at once
 * </pre>
 *
 * <p>Thread-safety: {@link #await} is called by one thread at a time (the connection's user);
 * {@link #abandon} by any thread. Whichever of the two comes second sees the other:
 * await publishes its reply before it reads {@code abandonedBy}, abandon writes
 * {@code abandonedBy} before it reads the reply.
 */
final class ReplyWait {

    /** How long a call waits when neither a query timeout nor a network timeout is set. */
    static final long DEFAULT_WAIT_MS = 600_000;
    /** How long past a query timeout the answer to the engine's cancel is awaited before HYT00. */
    static final long CANCEL_GRACE_MS = 5_000;

    private volatile CompletableFuture<?> inFlight;
    private volatile SQLException abandonedBy;

    /** The network timeout expired: the caller must close the connection (JDBC says so). */
    static final class NetworkTimeout extends Exception {
        private static final long serialVersionUID = 1L;

        NetworkTimeout(String message) {
            super(message);
        }
    }

    /**
     * Starts {@code call} and waits for its reply: at most the query timeout if set and not
     * longer than the network timeout, else the network timeout, else {@link #DEFAULT_WAIT_MS}.
     */
    <T> T await(Supplier<? extends CompletionStage<T>> call, int queryTimeoutSeconds, int networkTimeoutMs)
            throws SQLException, NetworkTimeout {
        CompletableFuture<T> reply = new CompletableFuture<>();
        inFlight = reply;
        try {
            SQLException abandoned = abandonedBy;
            if (abandoned != null) {
                throw new SQLNonTransientConnectionException(abandoned.getMessage(), abandoned.getSQLState());
            }
            relay(call, reply);
            return waitFor(reply, queryTimeoutSeconds, networkTimeoutMs);
        } finally {
            inFlight = null;
        }
    }

    /** Fails the waiting call, and every later one, with {@code why}. */
    void abandon(SQLException why) {
        abandonedBy = why;
        CompletableFuture<?> reply = inFlight;
        if (reply != null) {
            reply.completeExceptionally(why);
        }
    }

    private static <T> void relay(Supplier<? extends CompletionStage<T>> call, CompletableFuture<T> reply) {
        CompletionStage<T> stage;
        try {
            stage = call.get();
        } catch (RuntimeException e) {
            reply.completeExceptionally(e);
            return;
        }
        stage.whenComplete((value, failure) -> {
            if (failure != null) {
                reply.completeExceptionally(failure);
            } else {
                reply.complete(value);
            }
        });
    }

    private static <T> T waitFor(CompletableFuture<T> reply, int queryTimeoutSeconds, int networkTimeoutMs)
            throws SQLException, NetworkTimeout {
        long queryMs = TimeUnit.SECONDS.toMillis(queryTimeoutSeconds);
        boolean byQuery = queryMs > 0 && (networkTimeoutMs == 0 || queryMs + CANCEL_GRACE_MS <= networkTimeoutMs);
        // The engine cancels a statement at its query timeout (57014); the grace is for that answer.
        long waitMs = byQuery ? queryMs + CANCEL_GRACE_MS : networkTimeoutMs > 0 ? networkTimeoutMs : DEFAULT_WAIT_MS;
        try {
            return reply.get(waitMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw SqlErrors.fromEngine(e.getCause());
        } catch (TimeoutException e) {
            if (!byQuery && networkTimeoutMs > 0) {
                throw new NetworkTimeout("no reply from the engine within the network timeout of "
                        + networkTimeoutMs + " ms; the connection is closed");
            }
            String bound = byQuery ? "the query timeout of " + queryTimeoutSeconds + " s" : waitMs + " ms";
            throw new SQLTimeoutException("no reply from the engine within " + bound
                    + "; the statement may still take effect", "HYT00", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for the engine; the statement may still take effect",
                    "HY008", e);
        }
    }
}
