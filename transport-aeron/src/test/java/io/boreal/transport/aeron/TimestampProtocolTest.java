package io.boreal.transport.aeron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.aeron.Publication;
import io.aeron.driver.ext.DebugSendChannelEndpoint;
import io.aeron.driver.ext.LossGenerator;

class TimestampProtocolTest {

    private static final long RETRY_NS = TimeUnit.MILLISECONDS.toNanos(50);

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** Hands out consecutive timestamps from 2; while {@code gate} is closed, none. */
    private static final class CountingIssuer implements RangeIssuer {
        final AtomicLong issued = new AtomicLong(1);
        final AtomicBoolean gate = new AtomicBoolean(true);

        @Override
        public long tryIssue(int count) {
            return gate.get() ? issued.getAndAdd(count) + 1 : 0;
        }
    }

    /** Tracks its ranges as in flight until Done; completed is just below the oldest in flight. */
    private static final class TrackingIssuer implements RangeIssuer {
        final AtomicLong issued = new AtomicLong(1);
        final java.util.concurrent.ConcurrentSkipListMap<Long, Integer> inFlight = new java.util.concurrent.ConcurrentSkipListMap<>();
        final ConcurrentLinkedQueue<long[]> dones = new ConcurrentLinkedQueue<>();

        @Override
        public long tryIssue(int count) {
            return issued.getAndAdd(count) + 1;
        }

        @Override
        public long tryIssueTracked(int nodeId, int count) {
            if (count == 0) {
                return 1;
            }
            long first = tryIssue(count);
            inFlight.put(first, nodeId);
            return first;
        }

        @Override
        public long completed() {
            return inFlight.isEmpty() ? issued.get() : inFlight.firstKey() - 1;
        }

        @Override
        public void done(int nodeId, long first) {
            dones.add(new long[] {nodeId, first});
            inFlight.remove(first, nodeId);
        }
    }

    /** Collects the Ranges by correlation id. */
    private static final class Ranges implements TimestampChannel.Listener {
        final ConcurrentHashMap<Long, long[]> byCorrelation = new ConcurrentHashMap<>();
        final AtomicInteger twice = new AtomicInteger();

        @Override
        public void onRange(long correlationId, long first, int count, long completed) {
            if (byCorrelation.put(correlationId, new long[] {first, count, completed}) != null) {
                twice.incrementAndGet(); // the channel promises at most one Range per Request
            }
        }

        long[] await(long correlationId) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            long[] range;
            while ((range = byCorrelation.get(correlationId)) == null && System.nanoTime() < deadline) {
                Thread.sleep(0, 100_000);
            }
            assertTrue(range != null, "no Range for request " + correlationId + " within 10 s");
            return range;
        }
    }

    private EmbeddedMediaDriver driver(String name) {
        return keep(EmbeddedMediaDriver.launch(dir.resolve(name)));
    }

    private <T extends AutoCloseable> T keep(T closeable) {
        open.add(closeable);
        return closeable;
    }

    private TimestampServer serve(EmbeddedMediaDriver driver, String channel, RangeIssuer issuer) {
        TimestampServer server = new TimestampServer(driver.aeron(), channel, TimestampServer.DEFAULT_STREAM_ID, issuer);
        run(server);
        return server;
    }

    private void run(org.agrona.concurrent.Agent agent) {
        AgentRunner runner = new AgentRunner(new BackoffIdleStrategy(), Throwable::printStackTrace, null, agent);
        AgentRunner.startOnThread(runner);
        keep(runner);
    }

    private TimestampChannel client(EmbeddedMediaDriver driver, int nodeId, String responseChannel,
                                    TimestampChannel.Listener listener) {
        return client(driver, nodeId, responseChannel, listener, RETRY_NS);
    }

    private TimestampChannel client(EmbeddedMediaDriver driver, int nodeId, String responseChannel,
                                    TimestampChannel.Listener listener, long retryNs) {
        TimestampChannel channel = new TimestampChannel(driver.aeron(), nodeId, responseChannel, 7002 + nodeId,
                listener, retryNs);
        run(channel);
        return channel;
    }

    /** 64 threads × 200 Requests of 1–3 timestamps: every one answered once, with disjoint ranges. */
    private void manyRequesters(EmbeddedMediaDriver driver, String serverChannel, String responseChannel)
            throws Exception {
        CountingIssuer issuer = new CountingIssuer();
        TimestampServer server = serve(driver, serverChannel, issuer);
        Ranges ranges = new Ranges();
        TimestampChannel channel = client(driver, 1, responseChannel, ranges);
        channel.connect(server.channel(), server.streamId());
        int threads = 64;
        int perThread = 200;
        ConcurrentHashMap<Long, Integer> asked = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(threads);
        AtomicInteger failures = new AtomicInteger();
        for (int t = 0; t < threads; t++) {
            int seed = t;
            Thread thread = new Thread(() -> {
                try {
                    for (int i = 0; i < perThread; i++) {
                        int count = 1 + (seed + i) % 3;
                        long correlation = channel.request(count);
                        asked.put(correlation, count);
                        long[] range = ranges.await(correlation);
                        if (range[1] != count) {
                            failures.incrementAndGet();
                        }
                    }
                } catch (Throwable e) {
                    failures.incrementAndGet();
                } finally {
                    done.countDown();
                }
            });
            thread.setDaemon(true);
            thread.start();
        }
        assertTrue(done.await(60, TimeUnit.SECONDS), "requesters did not finish");
        assertEquals(0, failures.get(), () -> "requests failed; server served " + server.served() + ", dropped "
                + server.dropped() + "; client resent " + channel.resent() + ", duplicates " + channel.duplicates());
        assertEquals(threads * perThread, asked.size());
        long[] timestamps = ranges.byCorrelation.values().stream()
                .flatMapToLong(r -> java.util.stream.LongStream.range(r[0], r[0] + r[1])).sorted().toArray();
        long total = asked.values().stream().mapToLong(Integer::longValue).sum();
        assertEquals(total, timestamps.length);
        for (int i = 1; i < timestamps.length; i++) {
            assertTrue(timestamps[i] > timestamps[i - 1], "timestamp " + timestamps[i] + " handed out twice");
        }
        assertEquals(0, server.malformed());
    }

    @Test
    void ipcServesManyRequestersDisjointRanges() throws Exception {
        manyRequesters(driver("ipc"), Channels.IPC, Channels.IPC);
    }

    @Test
    void udpServesManyRequestersDisjointRanges() throws Exception {
        manyRequesters(driver("udp"), Channels.udp("127.0.0.1", 0), Channels.udp("127.0.0.1", 0));
    }

    @Test
    void udpBetweenTwoMediaDrivers() throws Exception {
        EmbeddedMediaDriver coordinatorSide = driver("coordinator");
        EmbeddedMediaDriver nodeSide = driver("node");
        TimestampServer server = serve(coordinatorSide, Channels.udp("127.0.0.1", 0), new CountingIssuer());
        Ranges ranges = new Ranges();
        TimestampChannel channel = client(nodeSide, 7, Channels.udp("127.0.0.1", 0), ranges);
        channel.connect(server.channel(), server.streamId());
        long[] first = ranges.await(channel.request(5));
        long[] second = ranges.await(channel.request(1));
        assertEquals(5, first[1]);
        assertTrue(second[0] >= first[0] + 5, "the second range overlaps the first");
    }

    /** The node's driver drops the first Request datagram on purpose: it is still answered. */
    @Test
    void aDroppedRequestDatagramIsRetriedNotHung() throws Exception {
        AtomicInteger dropped = new AtomicInteger();
        LossGenerator dropFirstRequest = new LossGenerator() {
            @Override
            public boolean shouldDropFrame(java.net.InetSocketAddress address, UnsafeBuffer buffer, int length) {
                return carriesRequest(buffer, length) && dropped.compareAndSet(0, 1);
            }
        };
        LossGenerator none = (address, buffer, length) -> false;
        EmbeddedMediaDriver coordinatorSide = driver("coordinator");
        EmbeddedMediaDriver nodeSide = keep(EmbeddedMediaDriver.launch(dir.resolve("lossy"),
                EmbeddedMediaDriver.backoff(), (udp, status, context) -> new DebugSendChannelEndpoint(udp, status, context, dropFirstRequest, none)));
        TimestampServer server = serve(coordinatorSide, Channels.udp("127.0.0.1", 0), new CountingIssuer());
        Ranges ranges = new Ranges();
        TimestampChannel channel = client(nodeSide, 3, Channels.udp("127.0.0.1", 0), ranges);
        channel.connect(server.channel(), server.streamId());
        long[] range = ranges.await(channel.request(4));
        assertEquals(1, dropped.get(), "the loss generator dropped no Request");
        assertEquals(4, range[1]);
    }

    /** Requests made before any coordinator listens are sent again once it does. */
    @Test
    void requestsBeforeTheCoordinatorExistsAreResent() throws Exception {
        EmbeddedMediaDriver driver = driver("late");
        Ranges ranges = new Ranges();
        TimestampChannel channel = client(driver, 2, Channels.IPC, ranges);
        long early = channel.request(2);
        Thread.sleep(100);
        TimestampServer server = serve(driver, Channels.IPC, new CountingIssuer());
        channel.connect(server.channel(), server.streamId());
        assertEquals(2, ranges.await(early)[1]);
    }

    /** While the issuer has nothing durable, Requests wait, then are served in arrival order. */
    @Test
    void requestsWaitForTheIssuerInOrder() throws Exception {
        EmbeddedMediaDriver driver = driver("gate");
        CountingIssuer issuer = new CountingIssuer();
        issuer.gate.set(false);
        TimestampServer server = serve(driver, Channels.IPC, issuer);
        Ranges ranges = new Ranges();
        TimestampChannel channel = client(driver, 4, Channels.IPC, ranges);
        channel.connect(server.channel(), server.streamId());
        long a = channel.request(1);
        long b = channel.request(1);
        Thread.sleep(RETRY_NS / 1_000_000 * 3); // resent meanwhile: still one Range each
        assertTrue(ranges.byCorrelation.isEmpty());
        issuer.gate.set(true);
        long[] ra = ranges.await(a);
        long[] rb = ranges.await(b);
        assertTrue(ra[0] < rb[0], "served out of order");
        Thread.sleep(RETRY_NS / 1_000_000 * 2);
        assertEquals(2, ranges.byCorrelation.size());
        assertEquals(0, ranges.twice.get(), "a Request was answered to the listener twice");
    }

    /**
     * A Request left unanswered while thousands of later ones (more than the slots) are answered
     * keeps its slot: its Range, when it comes, still reaches the listener. The coordinator here is
     * the test itself, answering by hand.
     */
    @Test
    void anOldUnansweredRequestIsNotDisplacedByNewerOnes() throws Exception {
        EmbeddedMediaDriver driver = driver("slow");
        Ranges ranges = new Ranges();
        TimestampChannel channel = new TimestampChannel(driver.aeron(), 6, Channels.IPC, 7012, ranges,
                TimeUnit.SECONDS.toNanos(60)); // no resend during the test
        AgentInvoker client = keep(new AgentInvoker(Throwable::printStackTrace, null, channel));
        client.start();
        try (io.aeron.Subscription requests = driver.aeron().addSubscription(Channels.IPC, 7100);
             Publication answers = driver.aeron().addPublication(Channels.IPC, 7012)) {
            channel.connect(Channels.IPC, 7100);
            UnsafeBuffer range = new UnsafeBuffer(new byte[TimestampWire.RANGE_LENGTH]);
            long[] held = new long[1];
            long[] next = {100};
            io.aeron.logbuffer.FragmentHandler coordinator = (buffer, offset, length, header) -> {
                if (TimestampWire.type(buffer, offset) != TimestampWire.REQUEST) {
                    return;
                }
                long correlation = TimestampWire.requestCorrelationId(buffer, offset);
                if (held[0] == 0) {
                    held[0] = correlation; // the first Request waits
                    return;
                }
                TimestampWire.putRange(range, 0, 6, correlation, next[0]++, 1);
                while (answers.offer(range, 0, TimestampWire.RANGE_LENGTH) < 0) {
                    Thread.onSpinWait();
                }
            };
            long first = channel.request(1);
            for (int i = 0; i < 3 * TimestampChannel.SLOTS; i++) {
                long correlation = channel.request(1);
                while (!ranges.byCorrelation.containsKey(correlation)) {
                    requests.poll(coordinator, 10);
                    client.invoke();
                }
            }
            assertEquals(first, held[0]);
            TimestampWire.putRange(range, 0, 6, first, 1, 1);
            while (answers.offer(range, 0, TimestampWire.RANGE_LENGTH) < 0) {
                Thread.onSpinWait();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!ranges.byCorrelation.containsKey(first) && System.nanoTime() < deadline) {
                client.invoke();
            }
            assertTrue(ranges.byCorrelation.containsKey(first), "the oldest Request lost its slot");
        }
    }

    /** A killed JVM's driver directory is removed at the next start; a live driver's is not. */
    @Test
    void freshDirectoryRemovesOnlyDeadDriversDirectories() throws Exception {
        Path parent = dir.resolve("drivers");
        java.nio.file.Files.createDirectories(parent.resolve("dead"));
        java.nio.file.Files.writeString(parent.resolve("dead").resolve("cnc.dat"), "not a live driver");
        EmbeddedMediaDriver live = keep(EmbeddedMediaDriver.launch(parent.resolve("live")));
        long longAgo = System.currentTimeMillis() - TimeUnit.MINUTES.toMillis(10);
        assertTrue(parent.resolve("dead").toFile().setLastModified(longAgo));
        assertTrue(parent.resolve("live").toFile().setLastModified(longAgo));

        Path fresh = EmbeddedMediaDriver.freshDirectory(parent);

        assertTrue(java.nio.file.Files.isDirectory(fresh));
        assertTrue(!java.nio.file.Files.exists(parent.resolve("dead")), "a dead driver's directory was kept");
        assertTrue(java.nio.file.Files.exists(parent.resolve("live").resolve("cnc.dat")), "a live driver's directory was removed");
        assertTrue(live.aeron().addSubscription(Channels.IPC, 9) != null);
    }

    /**
     * The channel's own resend: a coordinator (the test, by hand) that ignores the first delivery
     * of a Request answers its resend, which follows a Connect; the caller gets one Range.
     */
    @Test
    void anIgnoredRequestIsResentAfterAConnect() throws Exception {
        EmbeddedMediaDriver driver = driver("ignored");
        Ranges ranges = new Ranges();
        TimestampChannel channel = new TimestampChannel(driver.aeron(), 8, Channels.IPC, 7013, ranges, RETRY_NS);
        AgentInvoker client = keep(new AgentInvoker(Throwable::printStackTrace, null, channel));
        client.start();
        try (io.aeron.Subscription requests = driver.aeron().addSubscription(Channels.IPC, 7101);
             Publication answers = driver.aeron().addPublication(Channels.IPC, 7013)) {
            channel.connect(Channels.IPC, 7101);
            UnsafeBuffer range = new UnsafeBuffer(new byte[TimestampWire.RANGE_LENGTH]);
            List<Integer> seen = new ArrayList<>();
            int[] deliveries = new int[1];
            io.aeron.logbuffer.FragmentHandler coordinator = (buffer, offset, length, header) -> {
                int type = TimestampWire.type(buffer, offset);
                seen.add(type);
                if (type == TimestampWire.REQUEST && ++deliveries[0] == 2) { // the first is ignored
                    TimestampWire.putRange(range, 0, 8, TimestampWire.requestCorrelationId(buffer, offset), 40, 1);
                    while (answers.offer(range, 0, TimestampWire.RANGE_LENGTH) < 0) {
                        Thread.onSpinWait();
                    }
                }
            };
            long correlation = channel.request(1);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!ranges.byCorrelation.containsKey(correlation) && System.nanoTime() < deadline) {
                requests.poll(coordinator, 10);
                client.invoke();
            }
            assertTrue(ranges.byCorrelation.containsKey(correlation), "the ignored Request was never resent");
            assertTrue(channel.resent() >= 1);
            int secondRequest = seen.lastIndexOf(TimestampWire.REQUEST);
            assertEquals(TimestampWire.CONNECT, seen.get(secondRequest - 1), "the resend did not follow a Connect: " + seen);
            assertEquals(0, ranges.twice.get());
        }
    }

    /** Garbage and unknown versions on the coordinator's stream are counted and dropped. */
    @Test
    void malformedMessagesAreDroppedAndTheServerKeepsServing() throws Exception {
        EmbeddedMediaDriver driver = driver("bad");
        TimestampServer server = serve(driver, Channels.IPC, new CountingIssuer());
        try (Publication rogue = driver.aeron().addPublication(server.channel(), server.streamId())) {
            while (!rogue.isConnected()) {
                Thread.sleep(1);
            }
            UnsafeBuffer bad = new UnsafeBuffer(new byte[40]);
            bad.putShort(0, (short) 99); // unknown type
            bad.putShort(2, (short) TimestampWire.VERSION);
            offer(rogue, bad, 40);
            TimestampWire.putRequest(bad, 0, 1, 1, 1);
            bad.putShort(2, (short) 42); // unknown version
            offer(rogue, bad, TimestampWire.REQUEST_LENGTH);
            TimestampWire.putRequest(bad, 0, 1, 1, 1);
            offer(rogue, bad, 3); // too short
        }
        Ranges ranges = new Ranges();
        TimestampChannel channel = client(driver, 5, Channels.IPC, ranges);
        channel.connect(server.channel(), server.streamId());
        assertEquals(1, ranges.await(channel.request(1))[1]);
        assertEquals(3, server.malformed());
    }

    /** True when a datagram holds a data frame whose message is a Request (Aeron packs several frames in one). */
    private static boolean carriesRequest(UnsafeBuffer datagram, int length) {
        java.nio.ByteOrder le = java.nio.ByteOrder.LITTLE_ENDIAN;
        int dataHeader = 32;
        for (int at = 0; at + dataHeader <= length; ) {
            int frameLength = datagram.getInt(at, le);
            if (frameLength <= 0) {
                return false;
            }
            boolean data = datagram.getShort(at + 6, le) == 1; // HDR_TYPE_DATA
            if (data && frameLength >= dataHeader + TimestampWire.REQUEST_LENGTH
                    && TimestampWire.type(datagram, at + dataHeader) == TimestampWire.REQUEST) {
                return true;
            }
            at += (frameLength + 31) & ~31; // frames are 32-byte aligned
        }
        return false;
    }

    private static void offer(Publication publication, UnsafeBuffer buffer, int length) throws InterruptedException {
        while (publication.offer(buffer, 0, length) < 0) {
            Thread.sleep(1);
        }
    }

    /**
     * Tracked ranges: a tracked Request's range holds the completed snapshot below it until its
     * Done arrives; a Request for none answers the snapshot alone; untracked leases are served
     * beside them as before.
     */
    @Test
    void aTrackedRangeHoldsTheSnapshotBelowItUntilItsDone() throws Exception {
        EmbeddedMediaDriver driver = driver("tracked");
        TrackingIssuer issuer = new TrackingIssuer();
        TimestampServer server = serve(driver, Channels.IPC, issuer);
        Ranges ranges = new Ranges();
        // Each Request goes out once: no resends (a slow answer would be served twice, and the
        // second range would move the lease below), and the Connect's pass, which sends every
        // Request outstanding again, is over once a first answer came (a snapshot: no timestamps).
        TimestampChannel channel = client(driver, 3, Channels.IPC, ranges, TimeUnit.SECONDS.toNanos(30));
        channel.connect(server.channel(), server.streamId());
        ranges.await(channel.request(0, true));

        long[] held = ranges.await(channel.request(4, true));
        assertEquals(4, held[1]);
        assertEquals(held[0] - 1, held[2], "the snapshot stays below the range in flight");
        long[] snapshotOnly = ranges.await(channel.request(0, true));
        assertEquals(0, snapshotOnly[1]);
        assertEquals(held[0] - 1, snapshotOnly[2]);
        long[] lease = ranges.await(channel.request(2));
        assertEquals(held[0] + 4, lease[0], "an untracked lease takes the next timestamps");

        channel.done(held[0]);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (issuer.dones.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertArrayEquals(new long[] {3, held[0]}, issuer.dones.peek());
        long[] after = ranges.await(channel.request(0, true));
        assertEquals(lease[0] + 1, after[2], "with nothing in flight, the snapshot is the last timestamp issued");
    }

    /**
     * A tracked Request resent before its answer came is served twice: the channel hands one Range
     * to its listener and reports the other Done at once, so it holds no snapshot back.
     */
    @Test
    void theAnswerToAResentRequestThatNoOneWaitsForIsReportedDone() throws Exception {
        EmbeddedMediaDriver driver = driver("resent");
        TrackingIssuer issuer = new TrackingIssuer();
        TimestampServer server = new TimestampServer(driver.aeron(), Channels.IPC, TimestampServer.DEFAULT_STREAM_ID, issuer);
        Ranges ranges = new Ranges();
        TimestampChannel channel = new TimestampChannel(driver.aeron(), 5, Channels.IPC, 7012, ranges, RETRY_NS);
        AgentInvoker serverInvoker = keep(new AgentInvoker(Throwable::printStackTrace, null, server));
        AgentInvoker clientInvoker = keep(new AgentInvoker(Throwable::printStackTrace, null, channel));
        serverInvoker.start();
        clientInvoker.start();
        channel.connect(server.channel(), server.streamId());
        long correlation = channel.request(4, true);
        long until = System.nanoTime() + 3 * RETRY_NS;
        while (System.nanoTime() < until) { // the server is not run: the Request goes out again
            clientInvoker.invoke();
            Thread.sleep(1);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((ranges.byCorrelation.get(correlation) == null || issuer.inFlight.size() > 1)
                && System.nanoTime() < deadline) {
            serverInvoker.invoke();
            clientInvoker.invoke();
        }
        long used = ranges.byCorrelation.get(correlation)[0];
        long served = (issuer.issued.get() - 1) / 4;
        assertTrue(served >= 2, "the Request was served " + served + " time(s), not resent in time");
        assertEquals(served - 1, issuer.dones.size(), "every Range but the one used is reported Done");
        assertEquals(List.of(used), List.copyOf(issuer.inFlight.keySet()), "only the used range stays in flight");
        assertEquals(used - 1, issuer.completed());
        assertEquals(0, ranges.twice.get());
    }

    /**
     * The hot path allocates nothing: both agents driven on this thread, 50,000 round trips after
     * a warm-up, the thread's allocated bytes (HotSpot's per-thread counter) stay under 64 KiB.
     */
    @Test
    void aRoundTripAllocatesNothing() throws Exception {
        EmbeddedMediaDriver driver = driver("alloc");
        AtomicLong issued = new AtomicLong(1);
        TimestampServer server = new TimestampServer(driver.aeron(), Channels.IPC, TimestampServer.DEFAULT_STREAM_ID,
                count -> issued.getAndAdd(count) + 1);
        long[] answered = new long[1];
        TimestampChannel channel = new TimestampChannel(driver.aeron(), 9, Channels.IPC, 7011,
                (correlation, first, count, completed) -> answered[0] = correlation, RETRY_NS);
        AgentInvoker serverInvoker = keep(new AgentInvoker(Throwable::printStackTrace, null, server));
        AgentInvoker clientInvoker = keep(new AgentInvoker(Throwable::printStackTrace, null, channel));
        serverInvoker.start();
        clientInvoker.start();
        channel.connect(server.channel(), server.streamId());
        roundTrips(channel, serverInvoker, clientInvoker, answered, 20_000);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(self);
        roundTrips(channel, serverInvoker, clientInvoker, answered, 50_000);
        long allocated = threads.getThreadAllocatedBytes(self) - before;
        assertTrue(allocated < 64 * 1024, allocated + " bytes allocated by 50,000 round trips");
    }

    private static void roundTrips(TimestampChannel channel, AgentInvoker server, AgentInvoker client, long[] answered,
                                   int n) {
        for (int i = 0; i < n; i++) {
            long correlation = channel.request(1);
            long spins = 0;
            while (answered[0] != correlation) {
                server.invoke();
                client.invoke();
                if (++spins > 100_000_000L) {
                    throw new AssertionError("round trip " + i + " not answered");
                }
            }
        }
    }
}
