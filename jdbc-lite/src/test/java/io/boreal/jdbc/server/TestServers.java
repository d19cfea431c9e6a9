package io.boreal.jdbc.server;

import java.util.UUID;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import io.boreal.actors.BorealDatabase;

/** An in-memory node and its server on a free port, for one test class; closing stops both. */
final class TestServers implements AutoCloseable {

    static final String USERS = """
            boreal.users { app { password = "s3cret" } }
            boreal.allow-unlisted-users = off
            """;

    final BorealDatabase db;
    final BorealServer server;

    private TestServers(BorealDatabase db, BorealServer server) {
        this.db = db;
        this.server = server;
    }

    /** {@code serverConfig}: HOCON for {@code boreal.server} and the node, over {@link #USERS}. */
    static TestServers start(String serverConfig) {
        Config config = ConfigFactory.parseString(serverConfig + "\n" + USERS)
                .withFallback(BorealDatabase.memoryConfig("server-test-" + UUID.randomUUID()));
        BorealDatabase db = BorealDatabase.start(config);
        try {
            ServerSettings settings = ServerSettings.from(db.node().system().settings().config()).withPort(0);
            return new TestServers(db, BorealServer.start(db, settings));
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    String url(String query) {
        return "jdbc:boreal://127.0.0.1:" + server.port() + "/?user=app&password=s3cret" + query;
    }

    String url() {
        return url("");
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            db.close();
        }
    }
}
