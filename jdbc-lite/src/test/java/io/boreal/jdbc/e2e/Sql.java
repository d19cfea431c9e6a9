package io.boreal.jdbc.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.boreal.jdbc.BorealDriver;

/** Small helpers for end-to-end tests: unique URLs, statements, rows as lists, sessions that wait. */
final class Sql {

    /**
     * The table option for tables whose statements or transactions write several rows at once.
     * Until cross-partition commit lands (the transaction issue), a transaction writes in one
     * partition only; {@link CrossPartitionWriteTest} covers how other writes are refused.
     */
    static final String ONE_PARTITION = " PARTITION BY HASH(id) PARTITIONS 1";

    /** The MVCC mode a database starts in; tests switch to any other with SET GLOBAL boreal.mvcc. */
    static final String DEFAULT_MVCC = "cts";

    /**
     * How long a test waits for a statement it expects to end: a guard against a hang, not a
     * timing assertion (a lock wait ends by the lock-wait timeout, 10 s, long before).
     */
    private static final long HANG_GUARD_SECONDS = 60;

    private Sql() {
    }

    /** A fresh in-memory database URL: one per test class. */
    static String memUrl(String name) {
        if (RemoteNodes.REMOTE) {
            return RemoteNodes.start(name);
        }
        return "jdbc:boreal:mem:" + name + "-" + UUID.randomUUID();
    }

    /** Shuts the database of a {@link #memUrl} down: in-process, or the node serving it. */
    static void shutdown(String url) throws SQLException {
        if (url.startsWith("jdbc:boreal://")) {
            RemoteNodes.stop(url);
        } else {
            BorealDriver.shutdown(url);
        }
    }

    static void exec(Connection connection, String... statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** Closes the test class's connection (if it opened) and shuts its database down. */
    static void closeAndShutdown(Connection connection, String url) throws SQLException {
        try {
            if (connection != null) {
                connection.close();
            }
        } finally {
            shutdown(url);
        }
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }

    static int update(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    /** Every row, every column, read with getObject. */
    static List<List<Object>> rows(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                List<List<Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    Object[] row = new Object[columns];
                    for (int c = 1; c <= columns; c++) {
                        row[c - 1] = rs.getObject(c);
                    }
                    rows.add(Arrays.asList(row));
                }
                return rows;
            }
        }
    }

    /** The first column of every row, read with getInt. */
    static List<Integer> ints(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<Integer> values = new ArrayList<>();
                while (rs.next()) {
                    values.add(rs.getInt(1));
                }
                return values;
            }
        }
    }

    /** The single long value of a query such as COUNT(*). */
    static long single(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new AssertionError("no row from " + sql);
                }
                long value = rs.getLong(1);
                if (rs.next()) {
                    throw new AssertionError("more than one row from " + sql);
                }
                return value;
            }
        }
    }

    /**
     * A fresh in-memory database running MVCC mode {@code mvcc}, for one test: its URL. For a
     * mode other than {@value #DEFAULT_MVCC} it runs {@code SET GLOBAL boreal.mvcc} first.
     */
    static String memDatabase(String name, String mvcc) throws SQLException {
        String url = memUrl(name + "-" + mvcc);
        if (!mvcc.equals(DEFAULT_MVCC)) {
            try (Connection c = DriverManager.getConnection(url)) {
                exec(c, "SET GLOBAL boreal.mvcc = '" + mvcc + "'");
            }
        }
        return url;
    }

    /** A JDBC call to run on another thread. */
    @FunctionalInterface
    interface SqlCall<T> {
        T call() throws SQLException;
    }

    /**
     * The sessions of one test on its own fresh database, and a thread for each call that is
     * expected to wait for a row lock. Closing closes every connection and shuts the database
     * down, which also fails any call still waiting.
     */
    static final class Sessions implements AutoCloseable {

        private final String url;
        private final List<Connection> connections = new ArrayList<>();
        private final ExecutorService waiting = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sql-session-waiting");
            t.setDaemon(true);
            return t;
        });

        private Sessions(String url) {
            this.url = url;
        }

        static Sessions open(String name, String mvcc) throws SQLException {
            return new Sessions(memDatabase(name, mvcc));
        }

        /** A new connection, in autocommit mode. */
        Connection connect() throws SQLException {
            Connection c = DriverManager.getConnection(url);
            connections.add(c);
            return c;
        }

        /**
         * Runs {@code call} on another thread. The caller must not use the call's connection
         * until the returned future is done.
         */
        <T> CompletableFuture<T> inBackground(SqlCall<T> call) {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return call.call();
                } catch (SQLException e) {
                    throw new CompletionException(e);
                }
            }, waiting);
        }

        @Override
        public void close() throws SQLException {
            try {
                for (Connection c : connections) {
                    c.close();
                }
            } finally {
                waiting.shutdownNow();
                shutdown(url);
            }
        }
    }

    /** The result of a background call; its SQLException is rethrown as is. */
    static <T> T await(Future<T> call) throws SQLException {
        try {
            return call.get(HANG_GUARD_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new AssertionError("background call failed", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("background call still waiting after " + HANG_GUARD_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The SQLState of the SQLException a background call ends with; fails if it succeeds. */
    static String failureState(Future<?> call) {
        try {
            Object result = await(call);
            throw new AssertionError("expected an SQLException, got " + result);
        } catch (SQLException e) {
            return e.getSQLState();
        }
    }
}
