package io.boreal.bench.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

import io.boreal.bench.QueryCounter;
import io.boreal.bench.Workload;

/**
 * Clients that keep a workload going while nodes die: thread {@code i} connects first to node
 * {@code i % nodes} with a URL that lists the other nodes after it, so a thread whose node died
 * reconnects to the next one alive. Every committed event is counted in the second (since
 * {@link #start}) it ended in; every failed one under its SQLState — {@code 08…} for a connection
 * lost or refused, after which the thread reconnects.
 *
 * <p>Unlike the {@link io.boreal.bench.LoadRunner}, no error ends the run: a failover bench
 * measures exactly the errors that would end one.
 *
 * <p>Concurrency: started and stopped by one controlling thread; {@link #committedPerSecond} and
 * {@link #errors} may be read while it runs.
 */
public final class FailoverLoad implements AutoCloseable {

    private static final long RECONNECT_PAUSE_MS = 100;

    private final List<String> hostPorts;
    private final Workload workload;
    private final int threads;
    private final long seed;
    private final AtomicLongArray committed;
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean stopped;
    private volatile long startNs;

    /**
     * @param jdbcUrls   one {@code jdbc:boreal://host:port} per node
     * @param maxSeconds seconds the timeline has room for; later commits count in its last second
     */
    public FailoverLoad(List<String> jdbcUrls, Workload workload, int threads, long seed, int maxSeconds) {
        this.hostPorts = jdbcUrls.stream().map(u -> u.substring("jdbc:boreal://".length())).toList();
        this.workload = workload;
        this.threads = threads;
        this.seed = seed;
        this.committed = new AtomicLongArray(maxSeconds);
    }

    /** Starts the clients; second 0 of the timeline begins now. */
    public void start() {
        startNs = System.nanoTime();
        for (int i = 0; i < threads; i++) {
            int index = i;
            Thread t = new Thread(() -> loop(index), "failover-" + workload.name() + "-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    /** Seconds since {@link #start}. */
    public double elapsedSeconds() {
        return (System.nanoTime() - startNs) / 1e9;
    }

    /** Committed events in each whole second so far. */
    public long[] committedPerSecond() {
        int seconds = (int) Math.min(committed.length(), Math.floor(elapsedSeconds()));
        long[] perSecond = new long[seconds];
        for (int s = 0; s < seconds; s++) {
            perSecond[s] = committed.get(s);
        }
        return perSecond;
    }

    /** Failed events by SQLState, in order. */
    public Map<String, Long> errors() {
        Map<String, Long> counts = new TreeMap<>();
        errors.forEach((state, n) -> counts.put(state, n.sum()));
        return counts;
    }

    /** Stops the clients and waits for each to finish its event (and close its connection). */
    @Override
    public void close() throws InterruptedException {
        stopped = true;
        for (Thread t : workers) {
            t.join(30_000);
        }
    }

    private void loop(int index) {
        SplittableRandom random = new SplittableRandom(seed + 0x9E3779B97F4A7C15L * (index + 1));
        String url = urlFrom(index % hostPorts.size());
        QueryCounter queries = new QueryCounter();
        while (!stopped) {
            try (Connection connection = DriverManager.getConnection(url);
                 Workload.Worker worker = workload.newWorker(connection, index, random)) {
                events(connection, worker, queries);
            } catch (SQLException e) {
                count(e);
                pause();
            }
        }
    }

    /** Runs events until stopped; returns (by throwing) only when the connection is lost. */
    private void events(Connection connection, Workload.Worker worker, QueryCounter queries) throws SQLException {
        while (!stopped) {
            try {
                worker.event(queries);
                long second = (System.nanoTime() - startNs) / 1_000_000_000L;
                committed.incrementAndGet((int) Math.min(second, committed.length() - 1));
            } catch (SQLException e) {
                if (lostConnection(e)) {
                    throw e;
                }
                count(e);
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                }
            }
        }
    }

    private void count(SQLException e) {
        String state = e.getSQLState() == null ? "none" : e.getSQLState();
        errors.computeIfAbsent(state, s -> new LongAdder()).increment();
    }

    private static boolean lostConnection(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("08");
    }

    /** {@code jdbc:boreal://} with every node, node {@code first} first and the rest in turn after it. */
    private String urlFrom(int first) {
        List<String> order = new ArrayList<>();
        for (int i = 0; i < hostPorts.size(); i++) {
            order.add(hostPorts.get((first + i) % hostPorts.size()));
        }
        return "jdbc:boreal://" + String.join(",", order);
    }

    private static void pause() {
        try {
            Thread.sleep(RECONNECT_PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
