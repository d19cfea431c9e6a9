package io.boreal.multijvm;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.typesafe.config.ConfigFactory;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import io.boreal.transport.aeron.Channels;
import io.boreal.transport.aeron.EmbeddedMediaDriver;
import io.boreal.txn.AeronLeaseLink;
import io.boreal.txn.LeaseLink;
import io.boreal.txn.TimestampClient;
import io.boreal.txn.TimestampOracle;

/**
 * A client JVM of {@link TimestampOracleIT}: a node's {@link TimestampClient} over Aeron (udp with
 * its own driver, or ipc through the driver in {@code args[5]}), leases of a few timestamps so
 * that many requests travel, and {@value #REQUESTERS} threads taking commit timestamps for
 * {@code args[4]} ms, each waiting (by message, as a commit does) when the range is used up.
 * Finds the oracle through the file {@code args[2]}, read again whenever a lease is overdue.
 *
 * <p>Writes to {@code args[3]}: the requesters' timestamps (per thread, in the order taken) and
 * every lease received with the wall-clock time it came. Prints {@code LEASED} at the first lease
 * and {@code DONE maxWaitMs=…} at the end.
 */
public final class TsoClientNode {

    static final int REQUESTERS = 64;
    static final int LEASE = 16;

    public static void main(String[] args) throws Exception {
        int nodeId = Integer.parseInt(args[0]);
        boolean ipc = args[1].equals("ipc");
        Path endpointFile = Path.of(args[2]);
        Path out = Path.of(args[3]);
        long runMs = Long.parseLong(args[4]);
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "tso-client",
                ConfigFactory.parseString("akka.actor.provider = local").withFallback(ConfigFactory.load()));
        EmbeddedMediaDriver aeron = ipc ? EmbeddedMediaDriver.attach(args[5])
                : EmbeddedMediaDriver.launch(Files.createTempDirectory(out.getParent(), "aeron-client-"));
        AeronLeaseLink aeronLink = new AeronLeaseLink(system, aeron.aeron(), nodeId,
                // one response stream for every node, as NodeClock has it: over IPC they all hear every Range
                ipc ? Channels.IPC : Channels.udp("127.0.0.1", 0), 7002, () -> readEndpoint(endpointFile),
                Duration.ofMillis(100), Duration.ofMillis(500), EmbeddedMediaDriver.backoff());
        List<long[]> leases = java.util.Collections.synchronizedList(new ArrayList<>());
        LeaseLink recording = new LeaseLink() {
            @Override
            public void request(int count, boolean tracked, Granted granted) {
                aeronLink.request(count, tracked, new Granted() {
                    @Override
                    public void leased(long from, long toExclusive, long completed) {
                        leases.add(new long[] {from, toExclusive, System.currentTimeMillis()});
                        if (leases.size() == 1) {
                            System.out.println("LEASED");
                            System.out.flush();
                        }
                        granted.leased(from, toExclusive, completed);
                    }

                    @Override
                    public void failed(Throwable why) {
                        granted.failed(why);
                    }
                });
            }

            @Override
            public void done(long first) {
                aeronLink.done(first);
            }
        };
        TimestampClient client = new TimestampClient(system, recording, 1, LEASE);
        long[][] taken = new long[REQUESTERS][];
        AtomicLong maxWaitNs = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(runMs);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < REQUESTERS; t++) {
            int me = t;
            Thread thread = new Thread(() -> taken[me] = take(client, end, maxWaitNs), "requester-" + t);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        try (DataOutputStream data = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(out)))) {
            data.writeInt(REQUESTERS);
            for (long[] mine : taken) {
                data.writeInt(mine.length);
                for (long ts : mine) {
                    data.writeLong(ts);
                }
            }
            synchronized (leases) {
                data.writeInt(leases.size());
                for (long[] lease : leases) {
                    data.writeLong(lease[0]);
                    data.writeLong(lease[1]);
                    data.writeLong(lease[2]);
                }
            }
        }
        System.out.println("DONE maxWaitMs=" + TimeUnit.NANOSECONDS.toMillis(maxWaitNs.get()));
        System.out.flush();
        aeronLink.close();
        aeron.close();
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        System.exit(0);
    }

    /** Commit timestamps until {@code end}; a wait for the next lease is timed and bounded by a hang guard. */
    private static long[] take(TimestampClient client, long end, AtomicLong maxWaitNs) {
        long[] mine = new long[1024];
        int n = 0;
        while (System.nanoTime() < end) {
            long ts = client.tryNextCommit();
            if (ts == 0) {
                long waitStart = System.nanoTime();
                while ((ts = client.tryNextCommit()) == 0) {
                    CountDownLatch ready = new CountDownLatch(1);
                    client.whenAvailable(ready::countDown);
                    try {
                        if (!ready.await(60, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("no timestamp within 60 s");
                        }
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
                maxWaitNs.accumulateAndGet(System.nanoTime() - waitStart, Math::max);
            }
            if (n == mine.length) {
                mine = java.util.Arrays.copyOf(mine, n * 2);
            }
            mine[n++] = ts;
        }
        return java.util.Arrays.copyOf(mine, n);
    }

    private static CompletableFuture<TimestampOracle.Endpoint> readEndpoint(Path file) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                List<String> lines = Files.readAllLines(file);
                return new TimestampOracle.Endpoint(lines.get(0), Integer.parseInt(lines.get(1)));
            } catch (Exception e) {
                throw new IllegalStateException("no endpoint in " + file + " yet: " + e, e);
            }
        });
    }
}
