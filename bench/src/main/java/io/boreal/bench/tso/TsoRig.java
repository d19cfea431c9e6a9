package io.boreal.bench.tso;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.HdrHistogram.Histogram;

import io.boreal.txn.TimestampClient;

/**
 * One coordinator and its client nodes over one transport, in this process: what
 * {@code ./boreal bench tso} measures on each. A transport says how one node sends one request
 * and waits ({@link #requestOne}) and gives each node a {@code TimestampClient}
 * ({@link #batchedClients}); the measurements are the same for all.
 */
abstract class TsoRig implements AutoCloseable {

    /** The nodes' commit-path clients for one batched run, and how many requests they sent. */
    record Batched(List<TimestampClient> clients, LongSupplier requests, Runnable close) {
    }

    private long lastRequests;

    /** Node {@code node} asks for one timestamp and waits for it. */
    protected abstract void requestOne(int node) throws Exception;

    /** A {@code TimestampClient} on each of the first {@code nodes} nodes, leasing {@code batch} at a time. */
    protected abstract Batched batchedClients(int nodes, int batch);

    /** {@code n} single-timestamp requests from node 0, one at a time; their round trips in ns. */
    final Histogram roundTrips(int n) throws Exception {
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            requestOne(0);
            histogram.recordValue(System.nanoTime() - start);
        }
        return histogram;
    }

    /**
     * {@code requesters} threads on each of the first {@code nodes} nodes, each asking for one
     * timestamp per request and waiting for it, for {@code time}; timestamps (= requests) per second.
     */
    final double unbatched(int nodes, int requesters, Duration time) throws InterruptedException {
        return Requesters.run(nodes * requesters, t -> () -> {
            requestOne(t % nodes);
            return 1;
        }, time);
    }

    /**
     * As {@link #unbatched}, but the threads take their timestamps from their node's
     * {@code TimestampClient} (the commit path), which asks for {@code batch} at a time, one request
     * serving every waiting thread; returns timestamps per second and sets {@link #lastRequests()}.
     */
    final double batched(int nodes, int requesters, int batch, Duration time) throws InterruptedException {
        Batched run = batchedClients(nodes, batch);
        try {
            double rate = Requesters.run(nodes * requesters, t -> {
                TimestampClient client = run.clients().get(t % nodes);
                return () -> {
                    if (client.tryNextCommit() != 0) {
                        return 1;
                    }
                    Thread.yield();
                    return 0;
                };
            }, time);
            lastRequests = run.requests().getAsLong();
            return rate;
        } finally {
            run.close().run();
        }
    }

    /** Requests the coordinator answered in the last {@link #batched} run. */
    final long lastRequests() {
        return lastRequests;
    }

    @Override
    public abstract void close();
}
