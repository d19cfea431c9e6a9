package io.boreal.multijvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's test (4): three file-mode nodes in one cluster on a shared journal directory, the
 * oldest (which hosts the CTS oracle and catalog singletons) killed with SIGKILL. The oracle
 * moves to a survivor, which takes its high-water mark over from the dead node's log (fence
 * epochs, the history copied): every timestamp is unique across the nodes, each node's increase,
 * and once the survivors take them from the new oracle their timestamps are above every one
 * taken before the kill.
 */
class CoordinatorFailoverIT {

    private static final Duration HANG_GUARD = Duration.ofSeconds(120);
    private static final int AFTER_KILL = 300;

    @TempDir
    Path dir;
    private final List<ForkedNode> forked = new ArrayList<>();

    @AfterEach
    void stopAll() throws InterruptedException {
        for (ForkedNode node : forked) {
            node.close();
        }
    }

    /** The timestamps one node printed, each with when the test read it. */
    private record Stamp(long ts, long readAtNs) {
    }

    @Test
    void timestampsStayUniqueAndIncreaseWhenTheOracleNodeIsKilled() throws Exception {
        int seedPort = freePort();
        List<List<Stamp>> stamps = new ArrayList<>();
        ForkedNode oldest = start("n1", seedPort, seedPort, stamps);
        ForkedNode second = start("n2", freePort(), seedPort, stamps);
        ForkedNode third = start("n3", freePort(), seedPort, stamps);
        Thread.sleep(3_000); // all three take timestamps from the oracle on n1

        oldest.kill();
        long killedAt = System.nanoTime();
        long maxBefore = 0;
        for (List<Stamp> node : stamps) {
            for (Stamp s : node) {
                maxBefore = s.readAtNs() < killedAt ? Math.max(maxBefore, s.ts()) : maxBefore;
            }
        }
        long deadline = System.nanoTime() + HANG_GUARD.toNanos();
        while (above(stamps.get(1), maxBefore) < AFTER_KILL || above(stamps.get(2), maxBefore) < AFTER_KILL) {
            assertTrue(System.nanoTime() < deadline, "the survivors got no timestamps from a new oracle within "
                    + HANG_GUARD + "\n" + second.stderrTail() + "\n" + third.stderrTail());
            Thread.sleep(50);
        }
        long longestWaitNs = 0; // how long a survivor went without a timestamp: the oracle's move
        for (int n = 1; n <= 2; n++) {
            long previousAt = killedAt;
            for (Stamp s : List.copyOf(stamps.get(n))) {
                if (s.readAtNs() > killedAt) {
                    longestWaitNs = Math.max(longestWaitNs, s.readAtNs() - previousAt);
                    previousAt = s.readAtNs();
                }
            }
        }
        System.out.printf("oracle failover: the survivors' longest wait for a timestamp after the SIGKILL was %.1f s%n",
                longestWaitNs / 1e9);

        Set<Long> seen = new HashSet<>();
        int total = 0;
        for (List<Stamp> node : stamps) {
            long previous = 0;
            for (Stamp s : List.copyOf(node)) {
                assertTrue(s.ts() > previous, "a node's timestamps increase: " + s.ts() + " after " + previous);
                previous = s.ts();
                seen.add(s.ts());
                total++;
            }
        }
        assertEquals(total, seen.size(), "no timestamp was given out twice");
        for (int n = 1; n <= 2; n++) {
            List<Stamp> node = List.copyOf(stamps.get(n));
            for (Stamp s : node.subList(node.size() - 100, node.size())) {
                assertTrue(s.ts() > maxBefore, "after the failover every timestamp is above the old oracle's");
            }
        }
    }

    private static long above(List<Stamp> node, long ts) {
        return node.stream().filter(s -> s.ts() > ts).count();
    }

    private ForkedNode start(String name, int port, int seedPort, List<List<Stamp>> stamps) throws Exception {
        List<Stamp> mine = new CopyOnWriteArrayList<>();
        stamps.add(mine);
        CountDownLatch ready = new CountDownLatch(1);
        ForkedNode node = ForkedNode.start(ClusterClockNode.class, List.of(), Files.createTempFile(dir, name, ".err"),
                line -> {
                    if (line.startsWith("TS ")) {
                        mine.add(new Stamp(Long.parseLong(line.substring(3)), System.nanoTime()));
                    } else if (line.startsWith("READY")) {
                        ready.countDown();
                    }
                }, name, dir.resolve(name).toString(), dir.resolve("shared").toString(), String.valueOf(port),
                String.valueOf(seedPort));
        forked.add(node);
        node.await(ready, HANG_GUARD, "READY from " + name);
        return node;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
