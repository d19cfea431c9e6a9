package io.boreal.txn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.boreal.txn.TimestampOracle.Lease;
import io.boreal.txn.TimestampOracle.Leased;

/**
 * The client against a probe playing the oracle (each step deterministic), then against real
 * oracles under many threads, checked for the invariants: commit timestamps unique across nodes
 * and above every earlier snapshot, snapshots never decreasing, every waiter served.
 */
class TimestampClientTest extends TxnActorTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(60);
    private static final AtomicInteger IDS = new AtomicInteger();

    private static TimestampClient client(ActorRef<TimestampOracle.Command> oracle, long floor, int leaseSize) {
        return new TimestampClient(testKit.system(), oracle, floor, leaseSize, HANG_GUARD);
    }

    private static ActorRef<TimestampOracle.Command> newOracle(long reserveStep) {
        return testKit.spawn(TimestampOracle.create("client-oracle-" + IDS.incrementAndGet(), reserveStep));
    }

    @Test
    void beforeItsFirstLeaseTheClientIsEmptyAndAsksOnce() {
        TestProbe<TimestampOracle.Command> oracle = testKit.createTestProbe();
        TimestampClient client = client(oracle.ref(), 1, 4);

        assertEquals(4, oracle.expectMessageClass(Lease.class).count());
        assertEquals(1, client.snapshot());
        assertEquals(0, client.tryNextCommit());
        assertEquals(0, client.tryNextCommit());
        client.whenAvailable(() -> { });

        assertEquals(2, client.rangeEmptyCount());
        assertEquals(1, client.leasesRequested());
    }

    @Test
    void oneLeaseServesEveryWaiterAndPrefetchesAtHalf() throws InterruptedException {
        TestProbe<TimestampOracle.Command> oracle = testKit.createTestProbe();
        TimestampClient client = client(oracle.ref(), 1, 4);
        Lease first = oracle.expectMessageClass(Lease.class);
        CountDownLatch served = new CountDownLatch(3);
        for (int i = 0; i < 3; i++) {
            client.whenAvailable(served::countDown);
        }
        assertEquals(3, served.getCount());

        first.replyTo().tell(new Leased(10, 14));

        assertTrue(served.await(HANG_GUARD.toSeconds(), TimeUnit.SECONDS));
        assertEquals(9, client.snapshot());
        assertEquals(10, client.tryNextCommit());
        assertEquals(11, client.tryNextCommit());
        assertEquals(1, client.leasesRequested());
        assertEquals(12, client.tryNextCommit()); // one left: less than half a lease
        assertEquals(2, client.leasesRequested());
        Lease second = oracle.expectMessageClass(Lease.class);
        assertEquals(13, client.tryNextCommit());
        assertEquals(0, client.tryNextCommit());
        assertEquals(2, client.leasesRequested()); // still one request outstanding

        second.replyTo().tell(new Leased(20, 24));
        CompletableFuture<Void> ready = new CompletableFuture<>();
        client.whenAvailable(() -> ready.complete(null));
        ready.join();
        assertEquals(20, client.tryNextCommit());
    }

    @Test
    void whenARangeIsLeftTheWaiterRunsAtOnceOnTheCaller() {
        TestProbe<TimestampOracle.Command> oracle = testKit.createTestProbe();
        TimestampClient client = client(oracle.ref(), 1, 100);
        oracle.expectMessageClass(Lease.class).replyTo().tell(new Leased(2, 102));
        CompletableFuture<Void> installed = new CompletableFuture<>();
        client.whenAvailable(() -> installed.complete(null));
        installed.join();

        AtomicReference<Thread> ranOn = new AtomicReference<>();
        client.whenAvailable(() -> ranOn.set(Thread.currentThread()));

        assertSame(Thread.currentThread(), ranOn.get());
    }

    @Test
    void aLeaseBehindTheClockNeverMovesItBackAndIsReplaced() {
        TestProbe<TimestampOracle.Command> oracle = testKit.createTestProbe();
        TimestampClient client = client(oracle.ref(), 100, 4);

        oracle.expectMessageClass(Lease.class).replyTo().tell(new Leased(10, 14));
        Lease again = oracle.expectMessageClass(Lease.class);

        assertEquals(100, client.snapshot());
        assertEquals(0, client.tryNextCommit());
        again.replyTo().tell(new Leased(200, 204));
        CompletableFuture<Void> ready = new CompletableFuture<>();
        client.whenAvailable(() -> ready.complete(null));
        ready.join();
        assertEquals(200, client.tryNextCommit());
    }

    @Test
    void anUnansweredLeaseIsAskedAgain() {
        TestProbe<TimestampOracle.Command> oracle = testKit.createTestProbe();
        TimestampClient client = new TimestampClient(testKit.system(), oracle.ref(), 1, 4, Duration.ofMillis(200));

        oracle.expectMessageClass(Lease.class); // never answered
        Lease retry = oracle.expectMessageClass(Lease.class, HANG_GUARD);
        retry.replyTo().tell(new Leased(2, 6));
        CompletableFuture<Void> ready = new CompletableFuture<>();
        client.whenAvailable(() -> ready.complete(null));
        ready.join();

        assertEquals(2, client.tryNextCommit());
        assertEquals(2, client.leasesRequested());
    }

    /**
     * Two nodes' clients on one oracle, several threads each, tiny leases so refills race with
     * commits: every commit timestamp is unique across the nodes, increasing per thread, and
     * above the snapshot taken just before; snapshots seen by a watcher never decrease.
     */
    @Test
    void concurrentCommitsOnTwoNodesAreUniqueAndAboveEarlierSnapshots() throws Exception {
        int threadsPerNode = 4;
        int commitsPerThread = 2_000;
        int leaseSize = 16;
        ActorRef<TimestampOracle.Command> oracle = newOracle(50);
        List<TimestampClient> nodes = List.of(client(oracle, 1, leaseSize), client(oracle, 1, leaseSize));
        ExecutorService pool = Executors.newFixedThreadPool(2 * threadsPerNode + nodes.size());
        AtomicBoolean done = new AtomicBoolean();
        try {
            List<Future<?>> watchers = new ArrayList<>();
            for (TimestampClient node : nodes) {
                watchers.add(pool.submit(() -> {
                    long previous = node.snapshot();
                    while (!done.get()) {
                        long snapshot = node.snapshot();
                        assertTrue(snapshot >= previous, "snapshot went back from " + previous + " to " + snapshot);
                        previous = snapshot;
                    }
                }));
            }
            List<Future<long[]>> committers = new ArrayList<>();
            for (TimestampClient node : nodes) {
                for (int t = 0; t < threadsPerNode; t++) {
                    committers.add(pool.submit(() -> commitMany(node, commitsPerThread)));
                }
            }
            List<long[]> perThread = new ArrayList<>();
            for (Future<long[]> f : committers) {
                perThread.add(f.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS));
            }
            done.set(true);
            for (Future<?> f : watchers) {
                f.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
            }

            long[] all = perThread.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            for (int i = 1; i < all.length; i++) {
                assertTrue(all[i] > all[i - 1], "timestamp " + all[i] + " given out twice");
            }
            long perNode = (long) threadsPerNode * commitsPerThread;
            for (TimestampClient node : nodes) {
                assertTrue(node.leasesRequested() >= perNode / leaseSize, "each lease holds " + leaseSize);
            }
        } finally {
            done.set(true);
            pool.shutdownNow();
        }
    }

    private static long[] commitMany(TimestampClient client, int commits) throws Exception {
        long[] taken = new long[commits];
        long previous = 0;
        for (int i = 0; i < commits; i++) {
            long snapshot = client.snapshot();
            long commit = nextCommit(client);
            assertTrue(commit > snapshot, "commit " + commit + " not above earlier snapshot " + snapshot);
            assertTrue(commit > previous, "commit " + commit + " not above this thread's previous " + previous);
            taken[i] = commit;
            previous = commit;
        }
        return taken;
    }

    private static long nextCommit(TimestampClient client) throws Exception {
        while (true) {
            long commit = client.tryNextCommit();
            if (commit != 0) {
                return commit;
            }
            CompletableFuture<Void> ready = new CompletableFuture<>();
            client.whenAvailable(() -> ready.complete(null));
            ready.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** A lease of one timestamp: each waiter needs its own refill, and none is forgotten. */
    @Test
    void withSingleTimestampLeasesEveryWaiterIsServed() throws InterruptedException {
        int waiters = 200;
        TimestampClient client = client(newOracle(3), 1, 1);
        ConcurrentLinkedQueue<Long> taken = new ConcurrentLinkedQueue<>();
        CountDownLatch served = new CountDownLatch(waiters);
        for (int i = 0; i < waiters; i++) {
            client.whenAvailable(new Runnable() {
                @Override
                public void run() {
                    long commit = client.tryNextCommit();
                    if (commit == 0) {
                        client.whenAvailable(this); // someone took it first: wait for the next lease
                        return;
                    }
                    taken.add(commit);
                    served.countDown();
                }
            });
        }

        assertTrue(served.await(HANG_GUARD.toSeconds(), TimeUnit.SECONDS), served.getCount() + " never served");
        assertEquals(waiters, taken.stream().distinct().count());
        assertTrue(client.leasesRequested() >= waiters);
    }
}
