package io.boreal.actors;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.typesafe.config.ConfigFactory;

/**
 * Nodes of one cluster in this JVM, for tests: each on a free loopback port, all joining the
 * first. A test ends a node with {@link #leave} and the rest with {@link #close}.
 */
final class LocalCluster implements AutoCloseable {

    private final BorealDatabase[] nodes;

    /** @param settings a node's own settings by its index (storage, names), beside the cluster's */
    LocalCluster(int size, Function<Integer, Map<String, Object>> settings) throws IOException {
        nodes = new BorealDatabase[size];
        int seedPort = freePort();
        for (int i = 0; i < size; i++) {
            Map<String, Object> config = new HashMap<>(settings.apply(i));
            config.put("boreal.cluster.port", i == 0 ? seedPort : freePort());
            config.put("boreal.cluster.seed-nodes", List.of("127.0.0.1:" + seedPort));
            nodes[i] = BorealDatabase.start(ConfigFactory.parseMap(config));
        }
    }

    BorealDatabase node(int i) {
        return nodes[i];
    }

    /** Closes node {@code i}: it leaves the cluster. */
    void leave(int i) {
        nodes[i].close();
        nodes[i] = null;
    }

    /** Runs {@code sql} in a session of its own on {@code db}. */
    static void run(BorealDatabase db, String sql) throws Exception {
        SqlSession session = db.openSession("test").toCompletableFuture().get(30, TimeUnit.SECONDS);
        try {
            session.execute(sql, List.of()).toCompletableFuture().get(90, TimeUnit.SECONDS);
        } finally {
            session.close();
        }
    }

    @Override
    public void close() {
        for (int i = nodes.length - 1; i >= 0; i--) {
            if (nodes[i] != null) {
                leave(i);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
