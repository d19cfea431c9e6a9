package io.boreal.jdbc.impl.remote;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;

import io.boreal.jdbc.wire.Frame;
import io.boreal.jdbc.wire.FrameCodec;
import io.boreal.jdbc.wire.FrameReader;
import io.boreal.jdbc.wire.FrameWriter;
import io.boreal.jdbc.wire.ProtocolException;

/**
 * One socket to a server, read and written by the thread that makes a call (no thread of the
 * driver's own): {@link #send} a frame, {@link #receive} the reply. Writes are serialized by a
 * lock so that a Cancel from another thread goes out whole between the caller's frames.
 *
 * <p>Thread-safety: {@link #receive} by one thread at a time (the caller holding the session's
 * call lock); {@link #send} and {@link #close} from any thread.
 */
final class WireChannel implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final FrameWriter writer = new FrameWriter(4096);
    private final FrameReader reader = new FrameReader();
    private byte[] inbound = new byte[4096];

    WireChannel(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
        this.out = socket.getOutputStream();
    }

    void send(Frame frame) throws IOException {
        synchronized (writer) {
            writer.reset();
            FrameCodec.write(writer, frame);
            out.write(writer.array(), 0, writer.length());
            out.flush();
        }
    }

    /** The next frame; {@code timeoutMs} bounds the wait (0: none). */
    Frame receive(int timeoutMs) throws IOException, ProtocolException {
        socket.setSoTimeout(timeoutMs);
        int length;
        try {
            length = in.readInt();
        } catch (EOFException e) {
            throw new SocketException("the server closed the connection");
        }
        if (length < 1) {
            throw new ProtocolException("a frame length of " + length + " from the server");
        }
        if (length > inbound.length) {
            inbound = new byte[Math.max(length, inbound.length * 2)];
        }
        in.readFully(inbound, 0, length);
        return FrameCodec.read(reader.wrap(inbound, 0, length));
    }

    boolean isClosed() {
        return socket.isClosed();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a socket that failed already
        }
    }
}
