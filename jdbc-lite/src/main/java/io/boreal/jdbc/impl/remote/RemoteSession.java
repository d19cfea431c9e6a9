package io.boreal.jdbc.impl.remote;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.ReentrantLock;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import io.boreal.actors.SqlSession;
import io.boreal.actors.StatementResult;
import io.boreal.jdbc.BorealDriver;
import io.boreal.jdbc.wire.Frame;
import io.boreal.jdbc.wire.ProtocolException;
import io.boreal.storage.EngineException;

/**
 * {@link SqlSession} over the network: each call is one frame out and its reply in, on the
 * calling thread — the thread JDBC blocks anyway — so a statement costs one loopback round
 * trip and no hand-off between threads. The stages it returns are complete when returned.
 *
 * <ul>
 *   <li>Prepared statements are prepared once on the server and then executed by id with binary
 *       parameters; the connection keeps the {@value #MAX_PREPARED} most recently used.
 *   <li>A query's rows arrive in chunks ({@code fetchSize}); the next chunk is fetched when the
 *       application reads past the last, so neither side holds the whole result.
 *   <li>{@link #cancel()} may come from another thread: it writes a Cancel frame between calls'
 *       frames; the running statement then fails with 57014.
 *   <li>A broken connection (the node died, a read timed out, the stream made no sense) fails the
 *       call and every later one with 08006.
 * </ul>
 *
 * <p>Thread-safety: calls are serialized by a lock; {@link #cancel()} and {@link #close()} may come
 * from any thread.
 */
public final class RemoteSession implements SqlSession {

    static final int MAX_PREPARED = 256;
    private static final int GRACE_MS = 10_000;

    private final WireChannel channel;
    private final String peer;
    private final int fetchSize;
    private final int socketTimeoutMs;
    private final ReentrantLock calls = new ReentrantLock();
    private final Map<String, Frame.Prepared> prepared = new LinkedHashMap<>(16, 0.75f, true);
    private volatile EngineException broken;

    private RemoteSession(WireChannel channel, String peer, int fetchSize, int socketTimeoutMs) {
        this.channel = channel;
        this.peer = peer;
        this.fetchSize = fetchSize;
        this.socketTimeoutMs = socketTimeoutMs;
    }

    /**
     * Connects to the first host of {@code url} that answers and opens a session there; a wrong
     * password fails at once (28P01), an unreachable host passes to the next (08001 if none is left).
     */
    public static RemoteSession connect(RemoteUrl url, String user, String password) throws SQLException {
        int connectTimeout = url.intSetting("connectTimeout", 5_000);
        int socketTimeout = url.intSetting("socketTimeout", 600_000);
        int fetchSize = url.intSetting("fetchSize", 1_000);
        List<String> failures = new ArrayList<>();
        for (RemoteUrl.Host host : url.hosts()) {
            Socket socket = null;
            try {
                socket = open(url, host, connectTimeout);
                WireChannel channel = new WireChannel(socket);
                channel.send(new Frame.Hello(Frame.MAGIC, Frame.VERSION, user, password, BorealDriver.NAME + " "
                        + BorealDriver.VERSION));
                Frame reply = channel.receive(connectTimeout + GRACE_MS);
                if (reply instanceof Frame.Welcome) {
                    return new RemoteSession(channel, host.toString(), fetchSize, socketTimeout);
                }
                channel.close();
                if (reply instanceof Frame.Error e) {
                    if (e.sqlState().startsWith("28")) {
                        throw new SQLInvalidAuthorizationSpecException(e.message(), e.sqlState());
                    }
                    failures.add(host + ": " + e.sqlState() + " " + e.message());
                } else {
                    failures.add(host + ": answered the greeting with " + reply.getClass().getSimpleName());
                }
            } catch (IOException | ProtocolException | GeneralSecurityException e) {
                if (socket != null) {
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // nothing more to do for a host that failed
                    }
                }
                failures.add(host + ": " + e.getMessage());
            }
        }
        throw new SQLNonTransientConnectionException("cannot connect to any of " + url.hosts() + ": "
                + String.join("; ", failures), "08001");
    }

    private static Socket open(RemoteUrl url, RemoteUrl.Host host, int connectTimeout)
            throws IOException, GeneralSecurityException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host.name(), host.port()), connectTimeout);
        if (!Boolean.parseBoolean(url.setting("ssl", "false"))) {
            return socket;
        }
        SSLSocket tls = (SSLSocket) tlsContext(url).getSocketFactory().createSocket(socket, host.name(), host.port(), true);
        tls.setSoTimeout(connectTimeout + GRACE_MS);
        tls.startHandshake();
        return tls;
    }

    private static SSLContext tlsContext(RemoteUrl url) throws IOException, GeneralSecurityException {
        String path = url.setting("sslTrustStore", null);
        SSLContext context = SSLContext.getInstance("TLS");
        if (path == null) {
            context.init(null, null, null);
            return context;
        }
        KeyStore store = KeyStore.getInstance(url.setting("sslTrustStoreType", "PKCS12"));
        try (InputStream in = new FileInputStream(path)) {
            store.load(in, url.setting("sslTrustStorePassword", "").toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    // ---- SqlSession ------------------------------------------------------------------------------

    @Override
    public CompletionStage<StatementResult> execute(String sql, List<?> params) {
        return execute(sql, params, 0);
    }

    @Override
    public CompletionStage<StatementResult> execute(String sql, List<?> params, int timeoutMs) {
        return call(() -> {
            Frame.Prepared p = prepared.get(sql);
            Frame reply = roundTrip(new Frame.Execute(p == null ? 0 : p.statementId(), p == null ? sql : null, params,
                    fetchSize, timeoutMs), timeoutMs);
            if (reply instanceof Frame.RowsStart rows) {
                if (!rows.more()) {
                    return new StatementResult.Rows(rows.columns(), rows.rows());
                }
                return new StatementResult.Streamed(rows.columns(), new RemoteRows(rows.cursorId(), rows.rows()));
            }
            if (reply instanceof Frame.UpdateCount count) {
                return new StatementResult.UpdateCount(count.count(), count.generatedKeys());
            }
            throw unexpected(reply);
        });
    }

    @Override
    public CompletionStage<long[]> executeBatch(String sql, List<List<?>> paramSets) {
        return call(() -> {
            Frame.Prepared p = prepared.get(sql);
            Frame reply = roundTrip(new Frame.Batch(p == null ? 0 : p.statementId(), p == null ? sql : null,
                    paramSets, 0), 0);
            if (reply instanceof Frame.BatchCounts counts) {
                return counts.counts();
            }
            if (reply instanceof Frame.BatchError e) {
                throw new BatchFailure(e.countsBefore(), new EngineException(e.sqlState(), e.message()));
            }
            throw unexpected(reply);
        });
    }

    @Override
    public CompletionStage<PreparedInfo> prepare(String sql) {
        return call(() -> {
            Frame.Prepared p = prepared.get(sql);
            if (p == null) {
                Frame reply = roundTrip(new Frame.Prepare(sql), 0);
                if (!(reply instanceof Frame.Prepared fresh)) {
                    throw unexpected(reply);
                }
                p = fresh;
                prepared.put(sql, p);
                evictPrepared();
            }
            return new PreparedInfo(p.parameterCount(), p.columns());
        });
    }

    @Override
    public CompletionStage<Void> setAutoCommit(boolean autoCommit) {
        return done(new Frame.SetAutoCommit(autoCommit));
    }

    @Override
    public CompletionStage<Void> commit() {
        return done(new Frame.EndTransaction(true));
    }

    @Override
    public CompletionStage<Void> rollback() {
        return done(new Frame.EndTransaction(false));
    }

    @Override
    public void cancel() {
        if (broken == null) {
            try {
                channel.send(new Frame.Cancel());
            } catch (IOException e) {
                fail(e);
            }
        }
    }

    /** A round trip when the connection is free; while a call runs, that call proves it alive. */
    @Override
    public CompletionStage<Void> ping() {
        if (broken != null) {
            return CompletableFuture.failedFuture(broken);
        }
        if (!calls.tryLock()) {
            return CompletableFuture.completedFuture(null);
        }
        try {
            Frame reply = roundTrip(new Frame.Ping(), 0);
            return reply instanceof Frame.Pong ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.failedFuture(unexpected(reply));
        } catch (EngineException e) {
            return CompletableFuture.failedFuture(e);
        } finally {
            calls.unlock();
        }
    }

    @Override
    public CompletionStage<Void> close() {
        if (broken == null && calls.tryLock()) {
            try {
                roundTrip(new Frame.Close(), 0);
            } catch (EngineException ignored) {
                // the connection is going anyway: the server rolls back what it held
            } finally {
                calls.unlock();
            }
        }
        broken = new EngineException("08003", "the connection is closed");
        channel.close();
        return CompletableFuture.completedFuture(null);
    }

    // ---- the round trip ------------------------------------------------------------------------

    /** A call's body: runs under the call lock and throws an EngineException when the call fails. */
    @FunctionalInterface
    private interface Call<T> {
        T run();
    }

    private <T> CompletionStage<T> call(Call<T> body) {
        calls.lock();
        try {
            return CompletableFuture.completedFuture(body.run());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        } finally {
            calls.unlock();
        }
    }

    private CompletionStage<Void> done(Frame request) {
        return call(() -> {
            Frame reply = roundTrip(request, 0);
            if (!(reply instanceof Frame.Done)) {
                throw unexpected(reply);
            }
            return null;
        });
    }

    /** Sends {@code request}, returns its reply; an Error reply is thrown as the engine's failure. */
    private Frame roundTrip(Frame request, int timeoutMs) {
        EngineException dead = broken;
        if (dead != null) {
            throw dead;
        }
        Frame reply;
        try {
            channel.send(request);
            reply = channel.receive(timeoutMs > 0 ? timeoutMs + GRACE_MS : socketTimeoutMs);
        } catch (SocketTimeoutException e) {
            throw fail(new IOException("no reply within " + (timeoutMs > 0 ? timeoutMs + GRACE_MS : socketTimeoutMs)
                    + " ms (socketTimeout)"));
        } catch (IOException e) {
            throw fail(e);
        } catch (ProtocolException e) {
            throw fail(new IOException(e.getMessage()));
        }
        if (reply instanceof Frame.Error e) {
            EngineException failure = new EngineException(e.sqlState(), e.message());
            if (e.sqlState().startsWith("08")) {
                broken = failure;
                channel.close();
            }
            throw failure;
        }
        return reply;
    }

    /** Sends a frame that has no reply. */
    private void post(Frame frame) {
        try {
            channel.send(frame);
        } catch (IOException e) {
            fail(e);
        }
    }

    private EngineException fail(IOException e) {
        EngineException failure = broken;
        if (failure == null) {
            failure = new EngineException("08006", "connection to " + peer + " lost: " + e.getMessage());
            broken = failure;
        }
        channel.close();
        return failure;
    }

    private EngineException unexpected(Frame reply) {
        return fail(new IOException("unexpected " + reply.getClass().getSimpleName() + " frame from the server"));
    }

    private void evictPrepared() {
        if (prepared.size() > MAX_PREPARED) {
            Map.Entry<String, Frame.Prepared> eldest = prepared.entrySet().iterator().next();
            prepared.remove(eldest.getKey());
            post(new Frame.CloseStatement(eldest.getValue().statementId()));
        }
    }

    /** The rest of a query's rows, fetched a chunk at a time as they are read. */
    private final class RemoteRows implements StatementResult.RowStream {
        private final int cursorId;
        private List<Object[]> chunk;
        private int next;
        private boolean more = true;

        RemoteRows(int cursorId, List<Object[]> first) {
            this.cursorId = cursorId;
            this.chunk = first;
        }

        @Override
        public Object[] next() {
            while (next == chunk.size()) {
                if (!more) {
                    return null;
                }
                calls.lock();
                try {
                    Frame reply = roundTrip(new Frame.Fetch(cursorId, fetchSize), 0);
                    if (!(reply instanceof Frame.RowsMore rows)) {
                        throw unexpected(reply);
                    }
                    chunk = rows.rows();
                    next = 0;
                    more = rows.more();
                } finally {
                    calls.unlock();
                }
            }
            return chunk.get(next++);
        }

        @Override
        public void close() {
            if (more) {
                more = false;
                chunk = List.of();
                next = 0;
                if (broken == null) {
                    calls.lock();
                    try {
                        post(new Frame.CloseCursor(cursorId));
                    } finally {
                        calls.unlock();
                    }
                }
            }
        }
    }
}
