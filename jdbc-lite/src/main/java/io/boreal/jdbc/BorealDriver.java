package io.boreal.jdbc;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

import io.boreal.actors.BorealDatabase;
import io.boreal.jdbc.impl.BorealUrl;
import io.boreal.jdbc.impl.DatabaseRegistry;

/**
 * The java.sql driver for Boreal, registered with {@link DriverManager} when the class loads
 * (and found through {@code META-INF/services/java.sql.Driver}).
 *
 * <pre>
 *   jdbc:boreal:mem:NAME       in-process, nothing on disk; one NAME is one database in the JVM
 *   jdbc:boreal:file:DIR       in-process, durable under DIR (relative to the working directory;
 *                              every spelling of one directory is one database)
 *   jdbc:boreal://h1:p1,h2:p2[/][?user=…&password=…&ssl=true&…]
 *                              a node over the network (io.boreal.jdbc.server.BorealServer); the
 *                              hosts are tried in order for each new connection
 * </pre>
 *
 * <p>Lifecycle: the first connection to an in-process URL starts its database
 * ({@link BorealDatabase#start}); concurrent first connections start it once. It stays open
 * until {@link #shutdown(String)} or JVM exit (a shutdown hook closes every database the
 * driver started). An application that started a database itself makes it reachable with
 * {@link #register(String, BorealDatabase)} and remains the one that closes it.
 *
 * <p>Properties: {@code user} names the session's user (default {@value #DEFAULT_USER});
 * {@code password} is checked against the node's {@code boreal.users}: a wrong one fails with
 * SQLState 28P01, as does a user that may not connect (SQLInvalidAuthorizationSpecException).
 *
 * <p>Thread-safety: the driver and its static methods are thread-safe. A {@link Connection}
 * and the statements and result sets made from it are used by one thread at a time, as with
 * most drivers; only {@code close}, {@code abort}, {@code isClosed} and {@code isValid} may be
 * called from another thread.
 */
public final class BorealDriver implements Driver {

    public static final String NAME = "Boreal JDBC-lite";
    public static final int MAJOR_VERSION = 0;
    public static final int MINOR_VERSION = 1;
    public static final String VERSION = MAJOR_VERSION + "." + MINOR_VERSION + ".0";
    public static final String DEFAULT_USER = "boreal";

    private static final BorealDriver INSTANCE = new BorealDriver();

    static {
        try {
            DriverManager.registerDriver(INSTANCE);
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** For {@link java.util.ServiceLoader}; applications use {@link DriverManager}. */
    public BorealDriver() {
    }

    /**
     * Closes the in-process database of {@code url} (a registered one is only unregistered):
     * its open connections then fail with SQLState 08006, and the next connection starts a
     * fresh database (empty for {@code mem:}, recovered from DIR for {@code file:}). Does
     * nothing when no database is open at {@code url}.
     */
    public static void shutdown(String url) throws SQLException {
        DatabaseRegistry.shared().shutdown(BorealUrl.parse(url));
    }

    /**
     * Makes {@code db}, started by the application, reachable by {@code url}
     * ({@code jdbc:boreal:mem:NAME} or {@code jdbc:boreal:file:DIR}). Fails with 08002 if
     * another database is open at that URL.
     */
    public static void register(String url, BorealDatabase db) throws SQLException {
        if (db == null) {
            throw new SQLException("database is null", "HY009");
        }
        DatabaseRegistry.shared().register(BorealUrl.parse(url), db);
    }

    /** Returns null for a URL of another driver, as JDBC requires. */
    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        BorealUrl parsed = BorealUrl.parse(url);
        if (parsed.kind() == BorealUrl.Kind.NETWORK) { // user and password may come in the URL too
            String user = info == null ? null : info.getProperty("user");
            String password = info == null ? null : info.getProperty("password");
            return DatabaseRegistry.shared().connect(parsed, url, user, password, info);
        }
        String user = info == null ? DEFAULT_USER : info.getProperty("user", DEFAULT_USER);
        String password = info == null ? null : info.getProperty("password");
        return DatabaseRegistry.shared().connect(parsed, url, user, password);
    }

    @Override
    public boolean acceptsURL(String url) {
        return BorealUrl.accepts(url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        Properties given = info == null ? new Properties() : info;
        DriverPropertyInfo user = new DriverPropertyInfo("user", given.getProperty("user", DEFAULT_USER));
        user.description = "the session's user";
        DriverPropertyInfo password = new DriverPropertyInfo("password", given.getProperty("password"));
        password.description = "the user's password, when boreal.users gives it one";
        return new DriverPropertyInfo[] {user, password};
    }

    @Override
    public int getMajorVersion() {
        return MAJOR_VERSION;
    }

    @Override
    public int getMinorVersion() {
        return MINOR_VERSION;
    }

    /** False: SQL-lite is not SQL-92 Entry Level, which JDBC compliance requires. */
    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("the driver does not log through java.util.logging", "0A000");
    }
}
