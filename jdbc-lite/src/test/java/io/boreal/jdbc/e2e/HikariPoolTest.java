package io.boreal.jdbc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;


/**
 * HikariCP over the driver: 8 threads share a pool of 8 and each runs 200 point selects and
 * updates on rows only it writes (so no write conflicts are possible). Every call succeeds and
 * the balances add up to the updates made.
 */
class HikariPoolTest {

    private static final String URL = Sql.memUrl("hikari");
    private static final int THREADS = 8;
    private static final int CALLS_PER_THREAD = 200;
    private static final int ROWS_PER_THREAD = 8;

    @AfterAll
    static void shutdown() throws SQLException {
        Sql.shutdown(URL);
    }

    @Test
    void eightThreadsShareAPoolOfEight() throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(URL);
        config.setMaximumPoolSize(8);
        config.setPoolName("boreal-hikari-test");
        try (HikariDataSource pool = new HikariDataSource(config)) {
            try (Connection c = pool.getConnection()) {
                Sql.exec(c, "CREATE TABLE accounts (id INT PRIMARY KEY, owner INT NOT NULL, balance BIGINT NOT NULL)"
                        + " PARTITION BY HASH(id) PARTITIONS 8");
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO accounts (id, owner, balance) VALUES (?, ?, 0)")) {
                    for (int id = 1; id <= THREADS * ROWS_PER_THREAD; id++) {
                        ps.setInt(1, id);
                        ps.setInt(2, (id - 1) / ROWS_PER_THREAD);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            ExecutorService threads = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    results.add(threads.submit(worker(pool, t)));
                }
                int updates = 0;
                for (Future<Integer> result : results) {
                    updates += result.get(10, TimeUnit.MINUTES);
                }
                assertEquals(THREADS * CALLS_PER_THREAD / 2, updates);
            } finally {
                threads.shutdownNow();
            }
            try (Connection c = pool.getConnection()) {
                assertEquals(THREADS * CALLS_PER_THREAD / 2, Sql.single(c, "SELECT SUM(balance) FROM accounts"));
                for (int t = 0; t < THREADS; t++) {
                    assertEquals(CALLS_PER_THREAD / 2, Sql.single(c, "SELECT SUM(balance) FROM accounts WHERE owner = ?", t));
                }
            }
            assertEquals(0, pool.getHikariPoolMXBean().getActiveConnections());
        }
    }

    /** Alternates a point select and a point update on the thread's own rows; returns the updates made. */
    private static Callable<Integer> worker(HikariDataSource pool, int thread) {
        return () -> {
            int updates = 0;
            for (int i = 0; i < CALLS_PER_THREAD; i++) {
                int id = thread * ROWS_PER_THREAD + i % ROWS_PER_THREAD + 1;
                try (Connection c = pool.getConnection()) {
                    if (i % 2 == 0) {
                        try (PreparedStatement ps = c.prepareStatement("SELECT balance, owner FROM accounts WHERE id = ?")) {
                            ps.setInt(1, id);
                            try (ResultSet rs = ps.executeQuery()) {
                                assertTrue(rs.next(), "row " + id);
                                assertEquals(thread, rs.getInt("owner"));
                            }
                        }
                    } else {
                        try (PreparedStatement ps = c.prepareStatement("UPDATE accounts SET balance = balance + 1 WHERE id = ?")) {
                            ps.setInt(1, id);
                            assertEquals(1, ps.executeUpdate(), "row " + id);
                            updates++;
                        }
                    }
                }
            }
            return updates;
        };
    }
}
