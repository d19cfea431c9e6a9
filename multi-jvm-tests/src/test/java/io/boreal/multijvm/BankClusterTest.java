package io.boreal.multijvm;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test of the bank ({@link BankLoad}) over a cluster of node JVMs ({@link ClusterJvms}) in a
 * directory of its own, kept when the test fails; the sessions and every node it started are
 * stopped after it.
 */
abstract class BankClusterTest {

    static final Duration HANG_GUARD = Duration.ofSeconds(180);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;
    ClusterJvms cluster;
    BankLoad bank;

    /** Starts nodes 0 to {@code nodes - 1} and opens the bank through the first. */
    void startBank(int nodes) throws Exception {
        cluster = new ClusterJvms(dir, HANG_GUARD);
        for (int n = 0; n < nodes; n++) {
            cluster.start(n, "first");
        }
        bank = new BankLoad(cluster, nodes, HANG_GUARD);
        bank.createTables();
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        if (bank != null) {
            bank.stop();
        }
        if (cluster != null) {
            cluster.close();
        }
    }
}
