package io.boreal.bench;

import java.sql.SQLException;

/** An H2 function ({@code CREATE ALIAS … FOR}) through which the database raises a serialization failure. */
public final class SerializationFailureFunction {
    private SerializationFailureFunction() {
    }

    public static int conflict(int row) throws SQLException {
        throw new SQLException("write conflict on row " + row, "40001");
    }
}
