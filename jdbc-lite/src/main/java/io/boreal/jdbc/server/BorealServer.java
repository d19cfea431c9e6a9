package io.boreal.jdbc.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.boreal.actors.BorealDatabase;
import io.boreal.jdbc.server.impl.ClientConnection;
import io.boreal.jdbc.server.impl.ServerCounters;
import io.boreal.jdbc.server.impl.ServerPipeline;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The network face of a node: serves {@code jdbc:boreal://host:port} clients (the protocol is in
 * {@code jdbc-lite/PROTOCOL.md}). Each connection feeds one engine session, the same
 * {@link io.boreal.actors.SqlSession} the in-process driver uses, so SQLStates, execution modes
 * and the statement scheduler behave alike in-process and remote.
 *
 * <p>Why Netty: a few event-loop threads serve every connection (no thread per client), with the
 * JDK's {@code SSLEngine} behind its TLS handler; writes from the engine's reply go out without a
 * thread in between waiting. Akka Streams TCP would do the same with one more actor hop per frame.
 *
 * <p>Lifecycle: {@link #start} binds (port 0 picks a free one, see {@link #port()}); {@link #close()}
 * stops accepting, closes every connection (their sessions roll back) and stops the threads. The
 * database stays open: whoever started it closes it.
 */
public final class BorealServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BorealServer.class);

    private final EventLoopGroup acceptor;
    private final EventLoopGroup workers;
    private final Channel listening;
    private final ServerCounters counters;
    private final InetSocketAddress address;

    private BorealServer(EventLoopGroup acceptor, EventLoopGroup workers, Channel listening, ServerCounters counters) {
        this.acceptor = acceptor;
        this.workers = workers;
        this.listening = listening;
        this.counters = counters;
        this.address = (InetSocketAddress) listening.localAddress();
    }

    /** Serves {@code db} with the settings of its node's {@code boreal.server}. */
    public static BorealServer start(BorealDatabase db) {
        return start(db, ServerSettings.from(db.node().system().settings().config()));
    }

    public static BorealServer start(BorealDatabase db, ServerSettings settings) {
        SslContext tls = settings.tls() == null ? null : sslContext(settings.tls());
        int threads = settings.ioThreads() > 0 ? settings.ioThreads()
                : Math.min(2, Runtime.getRuntime().availableProcessors());
        EventLoopGroup acceptor = new NioEventLoopGroup(1, new DefaultThreadFactory("boreal-server-accept", true));
        EventLoopGroup workers = new NioEventLoopGroup(threads, new DefaultThreadFactory("boreal-server-io", true));
        ServerCounters counters = new ServerCounters();
        try {
            Channel channel = new ServerBootstrap().group(acceptor, workers).channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ServerPipeline(settings, tls, () -> new ClientConnection(db, settings, counters)))
                    .bind(settings.host(), settings.port()).syncUninterruptibly().channel();
            BorealServer server = new BorealServer(acceptor, workers, channel, counters);
            LOG.info("Boreal server for {} listening on {}:{}{}", db.name(), settings.host(), server.port(),
                    tls == null ? "" : " (TLS)");
            return server;
        } catch (RuntimeException e) {
            acceptor.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IllegalStateException("cannot listen on " + settings.host() + ":" + settings.port() + ": " + e, e);
        }
    }

    /** The port it listens on (the one picked, when configured as 0). */
    public int port() {
        return address.getPort();
    }

    public String host() {
        return address.getHostString();
    }

    /** Connections open now. */
    public int openConnections() {
        return counters.connections.get();
    }

    /** Engine sessions held for connections now. */
    public int openSessions() {
        return counters.sessions.get();
    }

    @Override
    public void close() {
        listening.close().syncUninterruptibly();
        acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static SslContext sslContext(ServerSettings.Tls tls) {
        try (InputStream in = Files.newInputStream(Path.of(tls.keyStore()))) {
            KeyStore store = KeyStore.getInstance(tls.keyStoreType());
            char[] password = tls.keyStorePassword().toCharArray();
            store.load(in, password);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            return SslContextBuilder.forServer(keys).sslProvider(SslProvider.JDK).build();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("boreal.server.tls: cannot load key store " + tls.keyStore() + ": " + e, e);
        }
    }
}
