package io.boreal.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Opens a new JDBC connection. The bench talks to a database only through {@code java.sql},
 * so any URL whose driver is on the classpath works ({@code jdbc:boreal:…}, {@code jdbc:h2:…}).
 *
 * <p>Concurrency: {@link #open()} is called from several threads at once (one connection per
 * worker or loader thread); implementations must be thread-safe.
 */
@FunctionalInterface
public interface ConnectionFactory {

    /** Opens a fresh connection owned by the caller, who closes it. */
    Connection open() throws SQLException;

    /** A factory over {@link DriverManager}; {@code user} may be null (then no credentials are sent). */
    static ConnectionFactory forUrl(String url, String user, String password) {
        if (user == null) {
            return () -> DriverManager.getConnection(url);
        }
        return () -> DriverManager.getConnection(url, user, password == null ? "" : password);
    }
}
