package io.boreal.bench.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./boreal bench fold --url jdbc:boreal://host:port}: the two ways a query over every
 * partition gathers, in one run against a running cluster ({@code ./boreal cluster start 3}):
 * {@code boreal.scatter_fold = on} (each partition folds — partial aggregates, its first rows by
 * ORDER BY — and only that crosses to the session's node) against {@code off} (every row comes
 * back). Loads a table of {@code --rows} rows in 24 partitions, then times each query in
 * interleaved rounds (on, off, on, off…) through the one node; prints the median of each side
 * and the ratio. The switch is the coordinating node's, so it is set there and put back on.
 */
@Command(name = "fold", mixinStandardHelpOptions = true,
        description = "Scatter-gather with partition folds (boreal.scatter_fold = on) against gathering every row "
                + "(off), in one run through one node of a running cluster: median ms per query and the ratio.")
public final class FoldCommand implements Callable<Integer> {

    private static final String[] QUERIES = {
        "SELECT COUNT(*), SUM(v), AVG(v) FROM fold_bench",
        "SELECT grp, COUNT(*), MAX(v) FROM fold_bench GROUP BY grp",
        "SELECT id, v FROM fold_bench ORDER BY v DESC, id LIMIT 10"};
    private static final int QUERIES_PER_SAMPLE = 5;

    @Option(names = "--url", required = true, description = "JDBC URL of the coordinating node (jdbc:boreal://host:port).")
    String url;

    @Option(names = "--rows", defaultValue = "60000", description = "Rows in the table (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--rounds", defaultValue = "7", description = "Interleaved rounds per query (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Override
    public Integer call() throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            load(s);
            System.out.printf("%d rows in 24 partitions; median of %d rounds of %d queries each, through %s%n",
                    rows, rounds, QUERIES_PER_SAMPLE, url);
            try {
                for (String query : QUERIES) {
                    List<Double> on = new ArrayList<>();
                    List<Double> off = new ArrayList<>();
                    for (int round = 0; round < rounds; round++) {
                        on.add(sample(s, query, "on"));
                        off.add(sample(s, query, "off"));
                    }
                    double folded = median(on);
                    double gathered = median(off);
                    System.out.printf("%-58s fold on %7.1f ms   off %7.1f ms   off/on %.1fx%n", query, folded, gathered,
                            gathered / folded);
                }
            } finally {
                s.executeUpdate("SET GLOBAL boreal.scatter_fold = on");
                s.executeUpdate("DROP TABLE fold_bench");
            }
        }
        return 0;
    }

    private void load(Statement s) throws SQLException {
        s.executeUpdate("DROP TABLE IF EXISTS fold_bench");
        s.executeUpdate("CREATE TABLE fold_bench (id INT PRIMARY KEY, grp INT, v BIGINT) PARTITION BY HASH(id) PARTITIONS 24");
        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            batch.append(batch.length() == 0 ? "INSERT INTO fold_bench (id, grp, v) VALUES " : ", ")
                    .append('(').append(i).append(", ").append(i % 10).append(", ").append(i * 7L % 1000).append(')');
            if ((i + 1) % 500 == 0 || i == rows - 1) {
                s.executeUpdate(batch.toString());
                batch.setLength(0);
            }
        }
    }

    /** Milliseconds per query, over a few in a row, with the fold switched {@code mode}. */
    private static double sample(Statement s, String query, String mode) throws SQLException {
        s.executeUpdate("SET GLOBAL boreal.scatter_fold = " + mode);
        long from = System.nanoTime();
        for (int i = 0; i < QUERIES_PER_SAMPLE; i++) {
            try (ResultSet rs = s.executeQuery(query)) {
                while (rs.next()) {
                    rs.getObject(1);
                }
            }
        }
        return (System.nanoTime() - from) / 1e6 / QUERIES_PER_SAMPLE;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
