package io.boreal.jdbc.server;

import java.io.File;
import java.util.concurrent.CountDownLatch;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import io.boreal.actors.BorealDatabase;

/**
 * Runs one node that serves the network until the JVM is stopped:
 * {@code java … io.boreal.jdbc.server.ServerMain [CONFIG-FILE]}. Settings come from the file, then
 * {@code -D} system properties, then reference.conf; the server is on unless the file turns it
 * off. Prints {@value #READY} followed by {@code host:port} once it serves (what tests and
 * scripts wait for).
 */
public final class ServerMain {

    public static final String READY = "Boreal server listening on ";

    private ServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Config file = args.length > 0 ? ConfigFactory.parseFile(new File(args[0])) : ConfigFactory.empty();
        Config config = ConfigFactory.systemProperties().withFallback(file);
        Running node = start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stopped.countDown();
        }, "boreal-node-shutdown"));
        stopped.await();
    }

    /** A started database and, unless turned off, its server. */
    public record Running(BorealDatabase db, BorealServer server) implements AutoCloseable {
        @Override
        public void close() {
            try {
                if (server != null) {
                    server.close();
                }
            } finally {
                db.close();
            }
        }
    }

    /** Starts a node from {@code config} and its server unless {@code boreal.server.enabled} is set off there. */
    public static Running start(Config config) {
        BorealDatabase db = BorealDatabase.start(config);
        try {
            ServerSettings settings = ServerSettings.from(db.node().system().settings().config());
            boolean off = config.hasPath("boreal.server.enabled") && !config.getBoolean("boreal.server.enabled");
            BorealServer server = off ? null : BorealServer.start(db, settings);
            if (server != null) {
                System.out.println(READY + server.host() + ":" + server.port());
            }
            return new Running(db, server);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }
}
