package io.boreal.sharding;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/**
 * A node's settings, read from {@code boreal { }}.
 *
 * @param fileMode        durable under {@code dir} (true) or nothing on disk (mem)
 * @param dir             the database directory (file mode)
 * @param name            a name for logs (the mem name or the directory)
 * @param partitions      partitions of a table created without PARTITION BY
 * @param lockWaitTimeout how long a statement waits for a row lock before it fails with 55P03
 * @param btreeMode       the initial value of {@code boreal.btree} ({@code blink} or {@code serial_smo})
 * @param leafCapacity    entries an index page holds before it splits
 * @param mvccMode        the initial value of {@code boreal.mvcc} ({@code cts} or {@code active_list})
 * @param ctsLogSlots     transaction slots of the CTS log (a power of two above the open transactions)
 * @param ctsLease        timestamps the node's client leases from the CTS oracle at a time
 * @param ctsReserve      how far ahead of what it issued the oracle persists its high-water mark
 * @param seedNodes       the cluster members to join ({@code boreal.cluster.seed-nodes}); empty: join itself
 * @param clusterPort     the port of this node's cluster transport (0: a free one)
 * @param joinTimeout     how long a start waits to become an Up member
 * @param sharedDir       file mode: the journal directory all the cluster's nodes share, or null
 *                        for a journal of this node's own under {@code dir}
 * @param nodeName        this node's name in {@code sharedDir} (its log is {@code logs/<nodeName>})
 */
public record NodeSettings(boolean fileMode, Path dir, String name, int partitions, Duration lockWaitTimeout,
                           String btreeMode, int leafCapacity, String mvccMode, int ctsLogSlots, int ctsLease,
                           long ctsReserve, List<HostPort> seedNodes, int clusterPort, Duration joinTimeout,
                           Path sharedDir, String nodeName) {

    /** A {@code host:port} of a seed node's cluster transport. */
    public record HostPort(String host, int port) {

        static HostPort parse(String text) {
            int colon = text.lastIndexOf(':');
            try {
                int port = Integer.parseInt(text.substring(colon + 1));
                if (colon <= 0 || port < 1 || port > 65535) {
                    throw new NumberFormatException();
                }
                return new HostPort(text.substring(0, colon), port);
            } catch (NumberFormatException | IndexOutOfBoundsException e) {
                throw new IllegalArgumentException("boreal.cluster.seed-nodes: '" + text + "' is not host:port");
            }
        }

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    public static NodeSettings from(Config config) {
        Config b = config.getConfig("boreal");
        String mode = b.getString("storage.mode");
        if (!mode.equals("file") && !mode.equals("mem")) {
            throw new IllegalArgumentException("boreal.storage.mode must be file or mem, not " + mode);
        }
        Path dir = Path.of(b.getString("storage.dir")).toAbsolutePath().normalize();
        String name = mode.equals("file") ? dir.toString() : b.getString("storage.name");
        List<HostPort> seeds = b.getStringList("cluster.seed-nodes").stream().map(HostPort::parse).toList();
        String shared = b.getString("storage.shared-dir");
        Path sharedDir = shared.isEmpty() ? null : Path.of(shared).toAbsolutePath().normalize();
        String nodeName = b.getString("storage.node-name");
        if (mode.equals("file") && !seeds.isEmpty() && sharedDir == null) {
            throw new IllegalArgumentException("boreal.cluster.seed-nodes: a file-mode node joins other nodes only with"
                    + " boreal.storage.shared-dir, the journal directory they all share: a partition or singleton that"
                    + " moves to another node must find its history there");
        }
        if (sharedDir != null && nodeName.isEmpty()) {
            throw new IllegalArgumentException("boreal.storage.shared-dir needs boreal.storage.node-name: this node's"
                    + " name there, the same at every restart");
        }
        return new NodeSettings(mode.equals("file"), dir, name, b.getInt("partitions"), b.getDuration("lock-wait-timeout"),
                b.getString("btree.mode"), b.getInt("btree.leaf-capacity"), b.getString("mvcc.mode"),
                b.getInt("mvcc.cts-log-slots"), b.getInt("mvcc.cts-lease"), b.getLong("mvcc.cts-reserve"),
                seeds, b.getInt("cluster.port"), b.getDuration("cluster.join-timeout"), sharedDir, nodeName);
    }

    /** The Akka settings a node needs, below the application's own. */
    public Config derivedAkkaConfig() {
        Map<String, Object> m = new HashMap<>();
        if (fileMode) {
            m.put("akka.persistence.journal.plugin", "boreal.journal.file");
            m.put("boreal.journal.file.dir", dir.resolve("journal").toString());
            if (sharedDir != null) {
                m.put("boreal.journal.file.shared.dir", sharedDir.toString());
                m.put("boreal.journal.file.shared.node", nodeName);
            }
        } else {
            m.put("akka.persistence.journal.plugin", "akka.persistence.journal.inmem");
        }
        m.put("akka.remote.artery.canonical.port", clusterPort);
        return ConfigFactory.parseMap(m);
    }
}
