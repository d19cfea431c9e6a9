package io.boreal.cli.demo;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.SplittableRandom;

/** Loads the demo table through JDBC batches (which the engine pipelines), with a progress bar. */
final class DemoLoader {

    private static final int BATCH = 1000;

    private final Connection connection;
    private final PrintStream out;

    DemoLoader(Connection connection, PrintStream out) {
        this.connection = connection;
        this.out = out;
    }

    void load(int rows) throws SQLException {
        SplittableRandom random = new SplittableRandom(42);
        long start = System.nanoTime();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO demo (k, c, pad) VALUES (?, ?, ?)")) {
            for (int i = 1; i <= rows; i++) {
                insert.setInt(1, random.nextInt(1, rows + 1));
                insert.setString(2, DemoTable.digits(random, 10));
                insert.setString(3, DemoTable.digits(random, 5));
                insert.addBatch();
                if (i % BATCH == 0 || i == rows) {
                    insert.executeBatch();
                    progress(i, rows, start);
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf("%nloaded %d rows in %.1f s (%.0f rows/s)%n", rows, seconds, rows / seconds);
    }

    private void progress(int done, int total, long startNs) {
        int width = 40;
        int filled = (int) ((long) done * width / total);
        double seconds = (System.nanoTime() - startNs) / 1e9;
        out.printf("\rloading [%s%s] %3d%% %,d rows %.0f rows/s", "#".repeat(filled), " ".repeat(width - filled),
                done * 100L / total, done, done / Math.max(seconds, 1e-3));
        out.flush();
    }
}
