package io.boreal.jdbc.server.impl;

import java.util.List;

import io.boreal.jdbc.wire.Frame;
import io.boreal.jdbc.wire.FrameCodec;
import io.boreal.jdbc.wire.FrameReader;
import io.boreal.jdbc.wire.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * Cuts the inbound bytes into frames and decodes each ({@link FrameCodec}). A length prefix
 * past the maximum, or a frame that does not decode, is passed on as a {@link Violation} (the
 * connection answers it and closes); every byte after it is dropped unread.
 */
final class FrameDecoder extends ByteToMessageDecoder {

    /** The stream broke the protocol: what to tell the client. */
    record Violation(String message) {
    }

    private final int maxFrameBytes;
    private final FrameReader reader = new FrameReader();
    private boolean broken;

    FrameDecoder(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (broken) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.readableBytes() >= 4) {
            int length = in.getInt(in.readerIndex());
            if (length < 1 || length > maxFrameBytes) {
                fail(in, out, length < 1 ? "a frame length of " + length + " bytes"
                        : "a frame of " + length + " bytes exceeds the maximum of " + maxFrameBytes);
                return;
            }
            if (in.readableBytes() < 4 + length) {
                return;
            }
            in.skipBytes(4);
            byte[] bytes = new byte[length];
            in.readBytes(bytes);
            try {
                out.add(FrameCodec.read(reader.wrap(bytes, 0, length)));
            } catch (ProtocolException e) {
                fail(in, out, e.getMessage());
                return;
            }
        }
    }

    private void fail(ByteBuf in, List<Object> out, String message) {
        broken = true;
        in.skipBytes(in.readableBytes());
        out.add(new Violation(message));
    }

    static boolean fromClient(Frame frame) {
        return !(frame instanceof Frame.Welcome || frame instanceof Frame.Error || frame instanceof Frame.Done
                || frame instanceof Frame.UpdateCount || frame instanceof Frame.RowsStart
                || frame instanceof Frame.RowsMore || frame instanceof Frame.Prepared
                || frame instanceof Frame.BatchCounts || frame instanceof Frame.BatchError
                || frame instanceof Frame.Pong);
    }
}
