package io.boreal.actors;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import akka.actor.typed.javadsl.AskPattern;
import io.boreal.txn.TxnRecords;

/**
 * Three durable nodes in one JVM on one shared journal directory: what a node made durable
 * outlives its leaving. A two-phase commit decision recorded by a node's records is the answer a
 * survivor gets after that node left (the records' entity restarts on the survivor from the
 * leaver's log); when the node hosting the catalog and the CTS oracle leaves, the survivor hosts
 * them with every table and with timestamps above all it had before.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedDirectoryClusterTest {

    @TempDir
    static Path dir;
    private static LocalCluster cluster;
    private static BorealDatabase first;
    private static BorealDatabase second;
    private static BorealDatabase third;

    @BeforeAll
    static void start() throws IOException {
        cluster = new LocalCluster(3, i -> Map.of(
                "boreal.storage.mode", "file", "boreal.storage.dir", dir.resolve("n" + i).toString(),
                "boreal.storage.shared-dir", dir.resolve("shared").toString(), "boreal.storage.node-name", "n" + i,
                "boreal.mvcc.cts-lease", 16));
        first = cluster.node(0);
        second = cluster.node(1);
        third = cluster.node(2);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    @Order(1)
    void aDecisionOutlivesTheNodeThatRecordedIt() throws Exception {
        long transaction = third.node().txns().log().begin();
        TxnRecords.Decision recorded = decide(third, transaction, true);
        assertTrue(recorded.commit());
        cluster.leave(2);
        // a partition recovering the transaction in doubt asks to abort it: the commit recorded first stands
        TxnRecords.Decision asked = decide(first, transaction, false);
        assertTrue(asked.commit(), "the survivor read the leaver's decision");
    }

    @Test
    @Order(2)
    void theCatalogAndTheOracleMoveWithWhatTheyKnew() throws Exception {
        run(second, "CREATE TABLE kept (id INT PRIMARY KEY)");
        long before = Math.max(commitTimestamp(first), commitTimestamp(second));
        cluster.leave(0);
        run(second, "CREATE TABLE after_move (id INT PRIMARY KEY)");
        assertNotNull(second.node().catalog().table("kept"), "the catalog moved with its tables");
        assertNotNull(second.node().catalog().table("after_move"));
        long next = 0;
        for (int i = 0; i < 40; i++) { // past what is left of the lease the node had before the move
            next = commitTimestamp(second);
        }
        assertTrue(next > before, "a timestamp of the moved oracle, " + next + ", is above " + before);
    }

    private static TxnRecords.Decision decide(BorealDatabase db, long transaction, boolean commit) throws Exception {
        return AskPattern.<TxnRecords.Command, TxnRecords.Decision>ask(db.node().records(transaction),
                        reply -> new TxnRecords.Decide(transaction, commit, 1, 0, reply), Duration.ofSeconds(60),
                        db.node().system().scheduler())
                .toCompletableFuture().get(90, TimeUnit.SECONDS);
    }

    /** A commit timestamp from the node's clock, waiting for a lease if need be. */
    private static long commitTimestamp(BorealDatabase db) throws Exception {
        var clock = db.node().txns().log().clock();
        long ts;
        while ((ts = clock.tryNextCommit()) == 0) {
            java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(1);
            clock.whenAvailable(ready::countDown);
            assertTrue(ready.await(60, TimeUnit.SECONDS), "no timestamp within 60 s");
        }
        return ts;
    }
    private static void run(BorealDatabase db, String sql) throws Exception {
        LocalCluster.run(db, sql);
    }
}
