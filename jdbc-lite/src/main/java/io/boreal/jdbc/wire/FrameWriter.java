package io.boreal.jdbc.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes frames into one growable byte array, reused from frame to frame: {@link #begin} a frame,
 * put its fields, {@link #end} it (which fills in the length), then hand {@link #array()} up to
 * {@link #length()} to the socket and {@link #reset()}. Several frames may be written back to back.
 *
 * <p>Layout of a frame: {@code int32 length} (of what follows), {@code byte type}, payload; all
 * integers big-endian (see PROTOCOL.md).
 *
 * <p>Not thread-safe: one writer per connection side.
 */
public final class FrameWriter {

    private byte[] buf;
    private int pos;
    private int frameStart = -1;

    public FrameWriter(int initialCapacity) {
        buf = new byte[Math.max(64, initialCapacity)];
    }

    /** Starts a frame of {@code type}; the previous one must have ended. */
    public FrameWriter begin(byte type) {
        if (frameStart >= 0) {
            throw new IllegalStateException("frame not ended");
        }
        frameStart = pos;
        ensure(5);
        pos += 4;
        buf[pos++] = type;
        return this;
    }

    /** Ends the frame begun last, writing its length. */
    public void end() {
        int length = pos - frameStart - 4;
        buf[frameStart] = (byte) (length >>> 24);
        buf[frameStart + 1] = (byte) (length >>> 16);
        buf[frameStart + 2] = (byte) (length >>> 8);
        buf[frameStart + 3] = (byte) length;
        frameStart = -1;
    }

    /** Bytes written since the frame in progress began (its type and payload so far). */
    public int frameLength() {
        return frameStart < 0 ? 0 : pos - frameStart - 4;
    }

    public void reset() {
        pos = 0;
        frameStart = -1;
    }

    public byte[] array() {
        return buf;
    }

    public int length() {
        return pos;
    }

    public FrameWriter putByte(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
        return this;
    }

    public FrameWriter putBoolean(boolean v) {
        return putByte(v ? 1 : 0);
    }

    public FrameWriter putShort(int v) {
        ensure(2);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
        return this;
    }

    public FrameWriter putInt(int v) {
        ensure(4);
        buf[pos++] = (byte) (v >>> 24);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
        return this;
    }

    public FrameWriter putLong(long v) {
        putInt((int) (v >>> 32));
        return putInt((int) v);
    }

    public FrameWriter putDouble(double v) {
        return putLong(Double.doubleToRawLongBits(v));
    }

    /** An int32 byte count, then the bytes. */
    public FrameWriter putBytes(byte[] bytes) {
        putInt(bytes.length);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
        return this;
    }

    /** UTF-8 with an int32 byte count; null as count -1. */
    public FrameWriter putString(String s) {
        if (s == null) {
            return putInt(-1);
        }
        return putBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    private void ensure(int more) {
        if (pos + more > buf.length) {
            long wanted = Math.max((long) buf.length * 2, (long) pos + more);
            if (wanted > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("frame larger than 2 GiB");
            }
            buf = Arrays.copyOf(buf, (int) wanted);
        }
    }
}
