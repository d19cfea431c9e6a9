package io.boreal.cli.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.SplittableRandom;

import io.boreal.bench.QueryCounter;
import io.boreal.bench.Workload;

/**
 * The demo's mix, each event one autocommit statement: 60% point select, 10% range sum over 100
 * ids, 20% {@code k = k + 1} by id, 10% insert of a new row.
 */
final class DemoWorkload implements Workload {

    private final int rows;

    DemoWorkload(int rows) {
        this.rows = rows;
    }

    @Override
    public String name() {
        return "demo_mixed";
    }

    @Override
    public Worker newWorker(Connection c, int threadIndex, SplittableRandom random) throws SQLException {
        PreparedStatement point = c.prepareStatement("SELECT c FROM demo WHERE id = ?");
        PreparedStatement range = c.prepareStatement("SELECT SUM(k) FROM demo WHERE id BETWEEN ? AND ?");
        PreparedStatement update = c.prepareStatement("UPDATE demo SET k = k + 1 WHERE id = ?");
        PreparedStatement insert = c.prepareStatement("INSERT INTO demo (k, c, pad) VALUES (?, ?, ?)");
        return new Worker() {
            @Override
            public void event(QueryCounter queries) throws SQLException {
                int dice = random.nextInt(100);
                int id = random.nextInt(1, rows + 1);
                if (dice < 60) {
                    point.setInt(1, id);
                    drain(point);
                    queries.reads(1);
                } else if (dice < 70) {
                    range.setInt(1, id);
                    range.setInt(2, id + 99);
                    drain(range);
                    queries.reads(1);
                } else if (dice < 90) {
                    update.setInt(1, id);
                    update.executeUpdate();
                    queries.writes(1);
                } else {
                    insert.setInt(1, random.nextInt(1, rows + 1));
                    insert.setString(2, DemoTable.digits(random, 10));
                    insert.setString(3, DemoTable.digits(random, 5));
                    insert.executeUpdate();
                    queries.writes(1);
                }
            }

            @Override
            public void close() throws SQLException {
                point.close();
                range.close();
                update.close();
                insert.close();
            }
        };
    }

    private static void drain(PreparedStatement query) throws SQLException {
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                rs.getObject(1);
            }
        }
    }
}
