package io.boreal.jdbc.impl;

import java.sql.SQLException;

/**
 * The checks of what an application passes to the driver, each failing with the SQLState JDBC
 * callers dispatch on: 07009 for an index out of range, HY024 for an invalid value, HY009 for a
 * missing one.
 */
final class Arguments {

    private Arguments() {
    }

    /** A 1-based {@code index} into {@code count} columns or parameters ({@code what}). */
    static void checkIndex(String what, int index, int count) throws SQLException {
        if (index < 1 || index > count) {
            throw new SQLException(what + " index " + index + " is out of range 1.." + count, "07009");
        }
    }

    /** A size, limit or timeout: 0 means none, a negative value is refused. */
    static void checkNotNegative(String what, long value) throws SQLException {
        if (value < 0) {
            throw new SQLException(what + " must not be negative: " + value, "HY024");
        }
    }

    static void checkNotNull(String what, Object value) throws SQLException {
        if (value == null) {
            throw new SQLException(what + " is null", "HY009");
        }
    }
}
