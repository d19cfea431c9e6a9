package io.boreal.actors;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Props;
import io.boreal.actors.impl.Engine;
import io.boreal.actors.impl.Session;
import io.boreal.actors.impl.SessionClient;
import io.boreal.sharding.BorealNode;

/**
 * A running Boreal node with its SQL layer: what an application embeds and what the in-process
 * JDBC URLs open. {@link #start(Config)} blocks until the node serves statements;
 * {@link #close()} blocks until the node is stopped. Every commit is durable before it is
 * acknowledged, so closing (or crashing) loses nothing acknowledged.
 *
 * <p>Thread-safety: all methods may be called from any thread.
 */
public final class BorealDatabase implements AutoCloseable {

    private final BorealNode node;
    private final Engine engine;
    private final AtomicLong sessions = new AtomicLong();

    private BorealDatabase(BorealNode node) {
        this.node = node;
        this.engine = new Engine(node);
    }

    /**
     * Starts a node from config (the application's config, falling back to reference.conf). A
     * node that fails to start is closed again: no actor system is left running.
     */
    public static BorealDatabase start(Config config) {
        BorealNode node = BorealNode.start(config);
        try {
            return new BorealDatabase(node);
        } catch (RuntimeException | Error e) {
            node.close();
            throw e;
        }
    }

    /**
     * Starts a node inside an application's ActorSystem, which must have been created from
     * {@link BorealNode#systemConfig}; {@link #close()} leaves that system running.
     */
    public static BorealDatabase start(akka.actor.typed.ActorSystem<?> system) {
        return new BorealDatabase(BorealNode.start(system));
    }

    /** Config of an in-process database that keeps nothing on disk ({@code jdbc:boreal:mem:NAME}). */
    public static Config memoryConfig(String name) {
        return ConfigFactory.parseMap(Map.of("boreal.storage.mode", "mem", "boreal.storage.name", name));
    }

    /** Config of an in-process durable database under {@code dir} ({@code jdbc:boreal:file:DIR}). */
    public static Config fileConfig(Path dir) {
        return ConfigFactory.parseMap(Map.of("boreal.storage.mode", "file",
                "boreal.storage.dir", dir.toAbsolutePath().normalize().toString()));
    }

    /** Opens a session for a user that needs no password (see {@link #openSession(String, String)}). */
    public CompletionStage<SqlSession> openSession(String user) {
        return openSession(user, null);
    }

    /**
     * Opens a session (one Session actor) once {@code user} is authenticated ({@code
     * boreal.users}). The stage fails with an {@link io.boreal.storage.EngineException}, 28P01
     * for a wrong password or a user that may not connect; the session is then stopped.
     * The password check is a wait like any other: under {@code execution_mode = blocking} the
     * session's own thread blocks on it.
     */
    public CompletionStage<SqlSession> openSession(String user, String password) {
        ActorRef<Session.Command> session = node.system().systemActorOf(Session.create(engine),
                "session-" + sessions.incrementAndGet(), Props.empty());
        SessionClient client = new SessionClient(session, node.system().scheduler());
        return client.authenticate(user, password).handle((done, error) -> {
            if (error != null) {
                client.close();
                throw error instanceof CompletionException c ? c : new CompletionException(error);
            }
            return (SqlSession) client;
        });
    }

    /** A name for logs and errors: the mem name or the directory. */
    public String name() {
        return node.settings().name();
    }

    /** The counters of the node's statement gate ({@code boreal.thread_concurrency}), for tests and benchmarks. */
    public AdmissionStats admissionStats() {
        return engine.admission().stats();
    }

    /** The node underneath, for applications and tests that need the cluster-level view. */
    public BorealNode node() {
        return node;
    }

    @Override
    public void close() {
        try {
            node.close();
        } finally {
            engine.close();
        }
    }
}
