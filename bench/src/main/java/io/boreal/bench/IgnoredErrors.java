package io.boreal.bench;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Which SQL errors a run counts and goes on from (like sysbench's {@code --mysql-ignore-errors}),
 * by SQLState. A pattern is a full SQLState ({@code 40001}) or a class prefix ending in
 * {@code *} ({@code 23*}). The SQLState is looked for on the exception and its causes.
 *
 * <p>Immutable and thread-safe.
 */
public final class IgnoredErrors {

    /**
     * Serialization failure / write conflict (40001), deadlock (40P01), lock not available
     * (55P03), feature not supported (0A000), and any integrity constraint violation (23*:
     * MySQL and Boreal say 23000 for a duplicate key, H2 and PostgreSQL 23505).
     */
    public static final IgnoredErrors DEFAULT = of("40001,40P01,55P03,23*,0A000");

    /** No error is ignored: the first SQLException aborts the run. */
    public static final IgnoredErrors NONE = new IgnoredErrors(List.of());

    private final List<String> patterns;

    private IgnoredErrors(List<String> patterns) {
        this.patterns = patterns;
    }

    /** Parses a comma-separated list of SQLStates and {@code XX*} class prefixes. */
    public static IgnoredErrors of(String csv) {
        return new IgnoredErrors(Arrays.stream(csv.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(s -> s.toUpperCase(java.util.Locale.ROOT))
                .collect(Collectors.toUnmodifiableList()));
    }

    /** True when the exception (or one of its causes) carries an ignorable SQLState. */
    public boolean matches(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && matches(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code sqlState} (null: none) matches a pattern; for drivers that see SQLStates without an SQLException. */
    public boolean matches(String sqlState) {
        if (sqlState == null) {
            return false;
        }
        String state = sqlState.toUpperCase(java.util.Locale.ROOT);
        for (String p : patterns) {
            if (p.endsWith("*") ? state.startsWith(p.substring(0, p.length() - 1)) : state.equals(p)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return String.join(",", patterns);
    }
}
