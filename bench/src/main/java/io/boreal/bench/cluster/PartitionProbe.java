package io.boreal.bench.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.boreal.storage.schema.Partitioning;

/**
 * After a node's death, writes one row of each partition that ran there — all at once, one
 * thread per partition, each again and again until its write commits — and notes when each
 * first did: the time for a moved partition to serve writes again, as a client sees it.
 * Each write is an autocommit {@code UPDATE table SET k = k + 1 WHERE id = ?} through a node that
 * lives on; a refusal or a lost connection is followed by the next try 50 ms later.
 */
public final class PartitionProbe {

    private static final long RETRY_MS = 50;

    private final String url;
    private final String table;
    private final int partitions;

    /**
     * @param url        a surviving node's JDBC URL
     * @param table      an sbtest table, {@code PARTITION BY HASH(id) PARTITIONS partitions}
     */
    public PartitionProbe(String url, String table, int partitions) {
        this.url = url;
        this.table = table;
        this.partitions = partitions;
    }

    /** The smallest id in {@code [1, maxId]} of each partition (as the engine hashes an INTEGER key). */
    public Map<Integer, Integer> keyOfEachPartition(int maxId) {
        Partitioning hash = Partitioning.hash(List.of(0), partitions);
        Map<Integer, Integer> keys = new TreeMap<>();
        for (int id = 1; id <= maxId && keys.size() < partitions; id++) {
            keys.putIfAbsent(hash.partitionOfValues(new Object[] {id}), id);
        }
        return keys;
    }

    /**
     * Writes a row of each of {@code moved} (partition → its id) until it commits or
     * {@code timeoutSeconds} pass; the seconds since {@code sinceNs} at which each first
     * committed, NaN for one that never did.
     */
    public Map<Integer, Double> firstWrites(Map<Integer, Integer> moved, long sinceNs, int timeoutSeconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, moved.size()), r -> {
            Thread t = new Thread(r, "partition-probe");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<Integer, Future<Double>> probes = new TreeMap<>();
            moved.forEach((partition, id) -> probes.put(partition, pool.submit(() -> writeUntilCommitted(id, sinceNs, deadline))));
            Map<Integer, Double> seconds = new TreeMap<>();
            for (Map.Entry<Integer, Future<Double>> probe : probes.entrySet()) {
                try {
                    seconds.put(probe.getKey(), probe.getValue().get());
                } catch (java.util.concurrent.ExecutionException e) {
                    seconds.put(probe.getKey(), Double.NaN);
                }
            }
            return seconds;
        } finally {
            pool.shutdownNow();
        }
    }

    private double writeUntilCommitted(int id, long sinceNs, long deadline) throws InterruptedException {
        while (System.nanoTime() - deadline < 0) {
            try (Connection c = DriverManager.getConnection(url);
                 PreparedStatement update = c.prepareStatement("UPDATE " + table + " SET k = k + 1 WHERE id = ?")) {
                update.setInt(1, id);
                while (System.nanoTime() - deadline < 0) {
                    try {
                        update.executeUpdate();
                        return (System.nanoTime() - sinceNs) / 1e9;
                    } catch (SQLException e) {
                        if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                            throw e;
                        }
                        Thread.sleep(RETRY_MS);
                    }
                }
            } catch (SQLException e) {
                Thread.sleep(RETRY_MS);
            }
        }
        return Double.NaN;
    }
}
