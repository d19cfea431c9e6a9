package io.boreal.jdbc.e2e;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.boreal.jdbc.BorealDriver;

/** Small helpers for end-to-end tests: unique URLs, statements, rows as lists. */
final class Sql {

    /**
     * The table option for tables whose statements or transactions write several rows at once.
     * Until cross-partition commit lands (the transaction issue), a transaction writes in one
     * partition only; {@link CrossPartitionWriteTest} covers how other writes are refused.
     */
    static final String ONE_PARTITION = " PARTITION BY HASH(id) PARTITIONS 1";

    private Sql() {
    }

    /** A fresh in-memory database URL: one per test class. */
    static String memUrl(String name) {
        return "jdbc:boreal:mem:" + name + "-" + UUID.randomUUID();
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
            BorealDriver.shutdown(url);
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
}
