package io.boreal.cli.shell;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Locale;

/**
 * Executes one SQL statement at a time on a connection and prints what it produced: each
 * result set as a {@link TableFormatter table} with an "N rows in set" line, each update
 * count as "Query OK, N rows affected", each failure as {@code ERROR <SQLState>: <message>}.
 *
 * <p>A failed statement leaves the connection open for the next one. {@link #execute} runs on
 * the reader thread; {@link #cancel} may be called from a signal-handler thread while it runs.
 */
final class StatementRunner {

    /** SQLState for "general error", printed when a driver gives none. */
    private static final String GENERAL_ERROR = "HY000";

    private final Connection connection;
    private final PrintWriter out;
    private final PrintWriter err;
    private volatile Statement running;
    private boolean timing = true;

    StatementRunner(Connection connection, PrintWriter out, PrintWriter err) {
        this.connection = connection;
        this.out = out;
        this.err = err;
    }

    /** Flips whether summaries end with the elapsed time; returns the new setting. */
    boolean toggleTiming() {
        timing = !timing;
        return timing;
    }

    /** Runs {@code sql} and prints its results; returns false if it failed. */
    boolean execute(String sql) {
        long startNs = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            running = statement;
            boolean isResultSet = statement.execute(sql);
            while (true) {
                if (isResultSet) {
                    ResultTable table;
                    try (ResultSet rs = statement.getResultSet()) {
                        table = ResultTable.read(rs);
                    }
                    printTable(table, startNs);
                } else {
                    int count = statement.getUpdateCount();
                    if (count == -1) {
                        break;
                    }
                    out.println("Query OK, " + rows(count) + " affected" + elapsed(startNs));
                }
                out.println();
                startNs = System.nanoTime();
                isResultSet = moreResults(statement);
            }
            return true;
        } catch (SQLException e) {
            printError(e.getSQLState(), e.getMessage());
            return false;
        } catch (RuntimeException e) {
            // A driver bug must not take the shell down with it.
            printError(null, e.toString());
            return false;
        } finally {
            running = null;
            out.flush();
            err.flush();
        }
    }

    /** Asks the driver to stop the statement now running, if any. */
    void cancel() {
        Statement statement = running;
        if (statement != null) {
            try {
                statement.cancel();
            } catch (SQLException | RuntimeException ignored) {
                // Nothing better to do: the statement runs to completion.
            }
        }
    }

    private void printTable(ResultTable table, long startNs) {
        int n = table.rows().size();
        if (n == 0) {
            out.println("Empty set" + elapsed(startNs));
            return;
        }
        TableFormatter.format(table).forEach(out::println);
        out.println(rows(n) + " in set" + elapsed(startNs));
    }

    private static boolean moreResults(Statement statement) throws SQLException {
        try {
            return statement.getMoreResults();
        } catch (SQLFeatureNotSupportedException e) {
            return false;
        }
    }

    private void printError(String sqlState, String message) {
        err.println("ERROR " + (sqlState == null ? GENERAL_ERROR : sqlState) + ": " + message);
    }

    private String elapsed(long startNs) {
        if (!timing) {
            return "";
        }
        return String.format(Locale.ROOT, " (%.2f sec)", (System.nanoTime() - startNs) / 1e9);
    }

    private static String rows(long n) {
        return n + (n == 1 ? " row" : " rows");
    }
}
