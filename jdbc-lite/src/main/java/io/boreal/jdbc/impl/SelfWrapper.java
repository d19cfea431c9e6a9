package io.boreal.jdbc.impl;

import java.sql.SQLException;
import java.sql.Wrapper;

/**
 * The {@link Wrapper} half of every JDBC object the driver hands out. None of them wraps
 * another object, so {@link #unwrap} answers with this object itself for any interface or
 * class it is an instance of, and fails with HY000 otherwise.
 *
 * <p>A class rather than an interface with default methods, so that the public classes that
 * extend it still expose {@code unwrap} to reflective callers (connection pools).
 */
abstract class SelfWrapper implements Wrapper {

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface.getName(), "HY000");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
