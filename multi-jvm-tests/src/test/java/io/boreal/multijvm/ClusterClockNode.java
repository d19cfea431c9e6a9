package io.boreal.multijvm;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.typesafe.config.ConfigFactory;

import io.boreal.sharding.BorealNode;
import io.boreal.txn.TimestampSource;

/**
 * A node JVM of {@link CoordinatorFailoverIT}: a file-mode {@link BorealNode} named {@code args[0]}
 * with its directory {@code args[1]}, on the journal directory {@code args[2]} all the test's nodes
 * share, its cluster port {@code args[3]}, joining the seed node at port {@code args[4]}, so with
 * global snapshots: each commit timestamp is asked of the oracle when it is needed. Prints {@code READY}
 * once it serves, then takes a commit timestamp every 5 ms and prints it ({@code TS n}) until
 * killed; a wait for a timestamp longer than 60 s ends it with exit code 3.
 */
public final class ClusterClockNode {

    public static void main(String[] args) throws Exception {
        BorealNode node = BorealNode.start(ConfigFactory.parseMap(Map.of(
                "boreal.storage.mode", "file",
                "boreal.storage.dir", args[1],
                "boreal.storage.shared-dir", args[2],
                "boreal.storage.node-name", args[0],
                "boreal.cluster.port", Integer.parseInt(args[3]),
                "boreal.cluster.seed-nodes", List.of("127.0.0.1:" + args[4]),
                "boreal.mvcc.cts-lease", 16,
                "boreal.mvcc.cts-reserve", 500)));
        TimestampSource clock = node.txns().log().clock();
        System.out.println("READY " + Path.of(args[1]).getFileName());
        System.out.flush();
        while (true) {
            long ts = clock.tryNextCommit();
            while (ts == 0) {
                CountDownLatch ready = new CountDownLatch(1);
                clock.whenAvailable(ready::countDown);
                if (!ready.await(60, TimeUnit.SECONDS)) {
                    System.out.println("STUCK");
                    System.out.flush();
                    System.exit(3);
                }
                ts = clock.tryNextCommit();
            }
            System.out.println("TS " + ts);
            System.out.flush();
            clock.committed(ts); // used: under global snapshots the oracle holds snapshots below it until then
            Thread.sleep(5);
        }
    }
}
