package io.boreal.multijvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CTS oracle over Aeron between JVMs: a coordinator JVM and three client JVMs of
 * {@value TsoClientNode#REQUESTERS} requesters each, over UDP (each JVM its own media driver) and
 * over IPC (all attached to one media driver running in a JVM of its own). Every timestamp is
 * unique across the JVMs and each requester's increase; when the coordinator JVM is killed with
 * SIGKILL mid-run and started again, every lease after is above every lease before and no
 * requester waits more than 5 s (the bound; the hang guards are far larger).
 */
class TimestampOracleIT {

    private static final Duration HANG_GUARD = Duration.ofSeconds(120);
    private static final Pattern DONE = Pattern.compile("DONE maxWaitMs=(\\d+)");

    @TempDir
    Path dir;
    private final List<ForkedNode> forked = new ArrayList<>();

    @AfterEach
    void stopAll() throws InterruptedException {
        for (ForkedNode node : forked) {
            node.close();
        }
    }

    /** What one client JVM took. */
    private record Taken(List<long[]> perRequester, List<long[]> leases, long maxWaitMs) {
    }

    private ForkedNode coordinator(String channel, String driverDir) throws Exception {
        CountDownLatch ready = new CountDownLatch(1);
        ForkedNode node = ForkedNode.start(TsoCoordinatorNode.class, List.of(), Files.createTempFile(dir, "coord", ".err"),
                line -> {
                    if (line.startsWith("READY")) {
                        ready.countDown();
                    }
                }, dir.resolve("coordinator").toString(), channel, dir.resolve("endpoint").toString(), driverDir);
        forked.add(node);
        node.await(ready, HANG_GUARD, "READY from the coordinator");
        return node;
    }

    private record Client(ForkedNode node, CountDownLatch leased, CountDownLatch done, long[] maxWaitMs, Path out) {
    }

    private Client client(int nodeId, String channel, String driverDir, long runMs) throws Exception {
        CountDownLatch leased = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        long[] maxWait = {-1};
        Path out = dir.resolve("taken-" + nodeId);
        ForkedNode node = ForkedNode.start(TsoClientNode.class, List.of(), Files.createTempFile(dir, "client", ".err"),
                line -> {
                    if (line.equals("LEASED")) {
                        leased.countDown();
                    }
                    Matcher m = DONE.matcher(line);
                    if (m.matches()) {
                        maxWait[0] = Long.parseLong(m.group(1));
                        done.countDown();
                    }
                }, String.valueOf(nodeId), channel, dir.resolve("endpoint").toString(), out.toString(),
                String.valueOf(runMs), driverDir);
        forked.add(node);
        return new Client(node, leased, done, maxWait, out);
    }

    private static Taken finish(Client client) throws Exception {
        client.node().await(client.done(), HANG_GUARD, "DONE from a client");
        assertEquals(0, client.node().awaitExit(HANG_GUARD), client.node().stderrTail());
        return read(client.out(), client.maxWaitMs()[0]);
    }

    private static Taken read(Path file, long maxWaitMs) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            List<long[]> perRequester = new ArrayList<>();
            int requesters = in.readInt();
            for (int r = 0; r < requesters; r++) {
                long[] mine = new long[in.readInt()];
                for (int i = 0; i < mine.length; i++) {
                    mine[i] = in.readLong();
                }
                perRequester.add(mine);
            }
            List<long[]> leases = new ArrayList<>();
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                leases.add(new long[] {in.readLong(), in.readLong(), in.readLong()});
            }
            return new Taken(perRequester, leases, maxWaitMs);
        }
    }

    /** Unique across every JVM and thread; increasing within each requester; returns how many. */
    private static long assertUniqueAndMonotonic(List<Taken> all) {
        Set<Long> seen = new HashSet<>();
        long total = 0;
        for (Taken taken : all) {
            for (long[] mine : taken.perRequester()) {
                for (int i = 0; i < mine.length; i++) {
                    long ts = mine[i];
                    long previous = i == 0 ? 1 : mine[i - 1];
                    assertTrue(ts > previous, () -> "a requester's timestamps went back (or to the recovered"
                            + " versions' 1): " + previous + " then " + ts);
                    assertTrue(seen.add(ts), () -> "timestamp " + ts + " handed out twice");
                }
                total += mine.length;
            }
        }
        return total;
    }

    private void threeClients(String channel, String driverDir) throws Exception {
        coordinator(channel, driverDir);
        List<Client> clients = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            clients.add(client(n, channel, driverDir, 3_000));
        }
        List<Taken> all = new ArrayList<>();
        for (Client c : clients) {
            all.add(finish(c));
        }
        long total = assertUniqueAndMonotonic(all);
        for (Taken t : all) {
            assertTrue(t.leases().size() > 10, "a client leased only " + t.leases().size() + " times");
        }
        assertTrue(total > 3 * TsoClientNode.REQUESTERS, "only " + total + " timestamps taken");
    }

    @Test
    void threeJvmsOverUdpGetUniqueIncreasingTimestamps() throws Exception {
        threeClients("udp", "");
    }

    @Test
    void threeJvmsOverIpcThroughOneDriverGetUniqueIncreasingTimestamps() throws Exception {
        Path driverDir = dir.resolve("shared-driver");
        CountDownLatch up = new CountDownLatch(1);
        ForkedNode driver = ForkedNode.start(SharedMediaDriver.class, List.of(), Files.createTempFile(dir, "driver", ".err"),
                line -> {
                    if (line.startsWith("READY")) {
                        up.countDown();
                    }
                }, driverDir.toString());
        forked.add(driver);
        driver.await(up, HANG_GUARD, "READY from the media driver");
        threeClients("ipc", driverDir.toString());
    }

    @Test
    void aCoordinatorKilledMidRunRestartsAboveEveryTimestampIssued() throws Exception {
        ForkedNode first = coordinator("udp", "");
        List<Client> clients = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            clients.add(client(n, "udp", "", 6_000));
        }
        for (Client c : clients) {
            c.node().await(c.leased(), HANG_GUARD, "a first lease");
        }
        Thread.sleep(1_000);
        long killedAt = System.currentTimeMillis();
        first.kill();
        coordinator("udp", ""); // the same journal: it recovers the high-water mark
        long restartedAt = System.currentTimeMillis();
        List<Taken> all = new ArrayList<>();
        for (Client c : clients) {
            all.add(finish(c));
        }
        assertUniqueAndMonotonic(all);
        long highestBefore = 0;
        long lowestAfter = Long.MAX_VALUE;
        int after = 0;
        for (Taken t : all) {
            for (long[] lease : t.leases()) {
                if (lease[2] <= killedAt) {
                    highestBefore = Math.max(highestBefore, lease[1] - 1);
                } else if (lease[2] >= restartedAt) {
                    lowestAfter = Math.min(lowestAfter, lease[0]);
                    after++;
                }
            }
        }
        assertTrue(highestBefore > 0, "no lease before the kill");
        assertTrue(after > 0, "no lease after the restart");
        assertTrue(lowestAfter > highestBefore, "a lease after the restart (" + lowestAfter
                + ") is not above every lease before the kill (" + highestBefore + ")");
        long maxWait = all.stream().mapToLong(Taken::maxWaitMs).max().orElseThrow();
        System.out.printf("coordinator killed and restarted in %d ms; longest wait for a timestamp %d ms; %d leases"
                + " after the restart, the lowest %d above the highest before, %d%n", restartedAt - killedAt, maxWait,
                after, lowestAfter, highestBefore);
        assertTrue(maxWait < 5_000, "a requester waited " + maxWait + " ms for a timestamp");
    }
}
