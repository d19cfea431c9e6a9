package io.boreal.jdbc.server.impl;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.boreal.jdbc.server.ServerSettings;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;

/** The handlers of an accepted connection: TLS (if on), idle detection, frames, the protocol. */
public final class ServerPipeline extends ChannelInitializer<SocketChannel> {

    private final ServerSettings settings;
    private final SslContext tls;
    private final Supplier<ClientConnection> connections;

    public ServerPipeline(ServerSettings settings, SslContext tls, Supplier<ClientConnection> connections) {
        this.settings = settings;
        this.tls = tls;
        this.connections = connections;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        if (tls != null) {
            channel.pipeline().addLast("tls", tls.newHandler(channel.alloc()));
        }
        channel.pipeline()
                .addLast("idle", new IdleStateHandler(settings.idleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS))
                .addLast("frames", new FrameDecoder(settings.maxFrameBytes()))
                .addLast("protocol", connections.get());
    }
}
