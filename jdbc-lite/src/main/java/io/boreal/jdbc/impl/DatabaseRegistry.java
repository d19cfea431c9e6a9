package io.boreal.jdbc.impl;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.boreal.actors.BorealDatabase;
import io.boreal.actors.SqlSession;

/**
 * The in-process databases of this JVM, by URL key ({@link BorealUrl#key()}).
 *
 * <pre>
 *   connect(url) ──absent──> putIfAbsent(entry) ──won──> BorealDatabase.start ──> entry.started
 *                 └─present─> wait for entry.started  (concurrent first connects start one database)
 *   shutdown(url) ─> remove entry, mark its connections dead, close the database if started here
 *   JVM exit      ─> the shutdown hook does shutdown for every entry
 * </pre>
 *
 * <p>A database the driver started is closed by the driver (shutdown or JVM exit); a database
 * the application {@linkplain #register registered} belongs to the application: shutdown only
 * unregisters it and closes its connections.
 *
 * <p>Thread-safety: every method may be called from any thread. A connection that races a
 * shutdown of its database is either seen by the shutdown (and marked dead) or sees the
 * shutdown (and fails with 08006): {@link Entry#closed} is written before the connections are
 * read, and read after a connection is added.
 */
public final class DatabaseRegistry {

    private static final System.Logger LOG = System.getLogger(DatabaseRegistry.class.getName());
    private static final DatabaseRegistry SHARED = new DatabaseRegistry();
    private static final long START_WAIT_MS = TimeUnit.MINUTES.toMillis(10);

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final Object hookLock = new Object();
    private boolean hookInstalled;

    /** The registry the driver uses. */
    public static DatabaseRegistry shared() {
        return SHARED;
    }

    /** Opens a connection to the in-process database of {@code url}, starting it if needed. */
    public BorealConnection connect(BorealUrl url, String originalUrl, String user, String password)
            throws SQLException {
        return connect(url, originalUrl, user, password, null);
    }

    /**
     * Opens a connection: to the in-process database of {@code url}, or for a network URL to the
     * first of its hosts that answers ({@code info} adds to the URL's settings).
     */
    public BorealConnection connect(BorealUrl url, String originalUrl, String user, String password,
                                    java.util.Properties info) throws SQLException {
        if (url.kind() == BorealUrl.Kind.NETWORK) {
            io.boreal.jdbc.impl.remote.RemoteUrl remote = io.boreal.jdbc.impl.remote.RemoteUrl.parse(url.location(), info);
            String remoteUser = user != null ? user : remote.settings().getOrDefault("user", "boreal");
            String remotePassword = password != null ? password : remote.settings().get("password");
            return new BorealConnection(originalUrl, remoteUser,
                    io.boreal.jdbc.impl.remote.RemoteSession.connect(remote, remoteUser, remotePassword), c -> { });
        }
        requireInProcess(url);
        Entry entry = entries.get(url.key());
        if (entry == null) {
            Entry fresh = new Entry(url.key(), true);
            Entry prior = entries.putIfAbsent(url.key(), fresh);
            entry = prior != null ? prior : fresh;
            if (prior == null) {
                start(url, fresh);
            }
        }
        BorealDatabase db = awaitStarted(entry);
        SqlSession session = openSession(db, user, password);
        BorealConnection connection = new BorealConnection(originalUrl, user, session, entry.connections::remove);
        entry.connections.add(connection);
        if (entry.closed) {
            connection.markDead("database " + url.location() + " was shut down", "08006");
            throw new SQLNonTransientConnectionException(
                    "database " + url.location() + " was shut down while connecting", "08006");
        }
        return connection;
    }

    /** Makes a database the application started reachable by {@code url}. */
    public void register(BorealUrl url, BorealDatabase db) throws SQLException {
        requireInProcess(url);
        Entry entry = new Entry(url.key(), false);
        entry.started.complete(db);
        Entry prior = entries.putIfAbsent(url.key(), entry);
        if (prior != null && prior.started.getNow(null) != db) {
            throw new SQLException("another database is already open at " + url.key(), "08002");
        }
    }

    /**
     * Closes the database of {@code url} (or unregisters it, if the application registered it);
     * its open connections then fail with 08006. Does nothing if none is open.
     */
    public void shutdown(BorealUrl url) throws SQLException {
        requireInProcess(url);
        Entry entry = entries.remove(url.key());
        if (entry != null) {
            close(entry);
        }
    }

    /** Shuts every database down; what the JVM shutdown hook runs. */
    public void shutdownAll() {
        for (Entry entry : List.copyOf(entries.values())) {
            if (entries.remove(entry.key, entry)) {
                try {
                    close(entry);
                } catch (SQLException | RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "closing Boreal database " + entry.key + " failed", e);
                }
            }
        }
    }

    private void start(BorealUrl url, Entry entry) {
        try {
            installShutdownHook();
            entry.started.complete(BorealDatabase.start(url.config()));
        } catch (RuntimeException | Error e) {
            entries.remove(entry.key, entry);
            entry.started.completeExceptionally(e);
        }
    }

    private static BorealDatabase awaitStarted(Entry entry) throws SQLException {
        try {
            return entry.started.get(START_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            SQLException cause = SqlErrors.fromEngine(e);
            if (cause.getSQLState() != null && cause.getSQLState().startsWith("28")) {
                throw new java.sql.SQLInvalidAuthorizationSpecException(cause.getMessage(), cause.getSQLState(), cause);
            }
            throw new SQLNonTransientConnectionException(
                    "cannot start database " + entry.key + ": " + cause.getMessage(), "08001", cause);
        } catch (TimeoutException e) {
            throw new SQLNonTransientConnectionException("database " + entry.key + " did not start in time", "08001", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLNonTransientConnectionException("interrupted while database " + entry.key + " starts", "08001", e);
        }
    }

    private static SqlSession openSession(BorealDatabase db, String user, String password) throws SQLException {
        CompletableFuture<SqlSession> reply = new CompletableFuture<>();
        try {
            db.openSession(user, password).whenComplete((s, e) -> {
                if (e != null) {
                    reply.completeExceptionally(e);
                } else {
                    reply.complete(s);
                }
            });
            return reply.get(START_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (RuntimeException | ExecutionException e) {
            SQLException cause = SqlErrors.fromEngine(e);
            if (cause.getSQLState() != null && cause.getSQLState().startsWith("28")) {
                throw new java.sql.SQLInvalidAuthorizationSpecException(cause.getMessage(), cause.getSQLState(), cause);
            }
            throw new SQLNonTransientConnectionException("cannot open a session: " + cause.getMessage(), "08001", cause);
        } catch (TimeoutException e) {
            closeWhenOpened(reply);
            throw new SQLNonTransientConnectionException("no session opened in time", "08001", e);
        } catch (InterruptedException e) {
            closeWhenOpened(reply);
            Thread.currentThread().interrupt();
            throw new SQLNonTransientConnectionException("interrupted while opening a session", "08001", e);
        }
    }

    /** A session given up on while it opened is closed once it is open, not left running. */
    private static void closeWhenOpened(CompletableFuture<SqlSession> opening) {
        opening.thenAccept(SqlSession::close);
    }

    private static void close(Entry entry) throws SQLException {
        entry.closed = true;
        BorealDatabase db = awaitStartedOrNull(entry);
        for (BorealConnection connection : List.copyOf(entry.connections)) {
            connection.markDead("database " + entry.key + " was shut down", "08006");
        }
        if (db != null && entry.startedHere) {
            try {
                db.close();
            } catch (RuntimeException e) {
                throw SqlErrors.of("closing database " + entry.key + " failed: " + e.getMessage(), SqlErrors.INTERNAL, e);
            }
        }
    }

    private static BorealDatabase awaitStartedOrNull(Entry entry) {
        try {
            return awaitStarted(entry);
        } catch (SQLException e) {
            return null;
        }
    }

    private static void requireInProcess(BorealUrl url) throws SQLException {
        if (url.kind() == BorealUrl.Kind.NETWORK) {
            throw new SQLNonTransientConnectionException("a network URL names no in-process database", "08001");
        }
    }

    private void installShutdownHook() {
        synchronized (hookLock) {
            if (!hookInstalled) {
                try {
                    Runtime.getRuntime().addShutdownHook(new Thread(this::shutdownAll, "boreal-jdbc-shutdown"));
                    hookInstalled = true;
                } catch (IllegalStateException jvmAlreadyExiting) {
                    // the JVM is exiting: nothing to install; the database is closed by whoever stops it
                }
            }
        }
    }

    /** One database: started once, shared by its connections. */
    private static final class Entry {
        final String key;
        final boolean startedHere;
        final CompletableFuture<BorealDatabase> started = new CompletableFuture<>();
        final Set<BorealConnection> connections = ConcurrentHashMap.newKeySet();
        volatile boolean closed;

        Entry(String key, boolean startedHere) {
            this.key = key;
            this.startedHere = startedHere;
        }
    }
}
