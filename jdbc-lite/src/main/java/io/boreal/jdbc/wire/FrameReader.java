package io.boreal.jdbc.wire;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/**
 * Reads the payload of one frame, checking every read against the frame's end: a field that
 * would run past it fails with {@link ProtocolException} ("truncated"), never with an index
 * error, and a count is never trusted beyond what the remaining bytes could hold, so a lying
 * length cannot make the reader allocate more than the frame's size.
 *
 * <p>Not thread-safe; {@link #wrap} reuses it for the next frame.
 */
public final class FrameReader {

    private byte[] buf;
    private int pos;
    private int limit;

    public FrameReader wrap(byte[] bytes, int offset, int length) {
        buf = bytes;
        pos = offset;
        limit = offset + length;
        return this;
    }

    public int remaining() {
        return limit - pos;
    }

    public byte getByte() throws ProtocolException {
        need(1);
        return buf[pos++];
    }

    public boolean getBoolean() throws ProtocolException {
        byte b = getByte();
        if (b != 0 && b != 1) {
            throw new ProtocolException("malformed frame: boolean byte " + b);
        }
        return b == 1;
    }

    public int getShort() throws ProtocolException {
        need(2);
        int v = ((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    public int getInt() throws ProtocolException {
        need(4);
        int v = ((buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16) | ((buf[pos + 2] & 0xff) << 8)
                | (buf[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    public long getLong() throws ProtocolException {
        long high = getInt();
        return (high << 32) | (getInt() & 0xffffffffL);
    }

    public double getDouble() throws ProtocolException {
        return Double.longBitsToDouble(getLong());
    }

    public byte[] getBytes() throws ProtocolException {
        int n = getInt();
        if (n < 0) {
            throw new ProtocolException("malformed frame: byte count " + n);
        }
        need(n);
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += n;
        return out;
    }

    /** A string of {@link FrameWriter#putString}; malformed UTF-8 is a protocol error. */
    public String getString() throws ProtocolException {
        int n = getInt();
        if (n == -1) {
            return null;
        }
        if (n < 0) {
            throw new ProtocolException("malformed frame: string length " + n);
        }
        need(n);
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buf, pos, n)).toString();
            pos += n;
            return s;
        } catch (CharacterCodingException e) {
            throw new ProtocolException("malformed frame: a string is not UTF-8");
        }
    }

    /** A non-null string. */
    public String getText(String what) throws ProtocolException {
        String s = getString();
        if (s == null) {
            throw new ProtocolException("malformed frame: " + what + " is missing");
        }
        return s;
    }

    /**
     * A count of items that take at least {@code minBytesEach} bytes each: refused when the
     * rest of the frame could not hold that many.
     */
    public int getCount(String what, int minBytesEach) throws ProtocolException {
        int n = getInt();
        if (n < 0 || (long) n * minBytesEach > remaining()) {
            throw new ProtocolException("malformed frame: " + what + " count " + n + " with " + remaining()
                    + " bytes left");
        }
        return n;
    }

    /** The whole frame must have been read: trailing bytes mean the peer and we disagree on its layout. */
    public void expectEnd(String frame) throws ProtocolException {
        if (pos != limit) {
            throw new ProtocolException("malformed frame: " + (limit - pos) + " bytes after the end of " + frame);
        }
    }

    private void need(int n) throws ProtocolException {
        if (n > limit - pos) {
            throw new ProtocolException("truncated frame: needs " + n + " more bytes, " + (limit - pos) + " left");
        }
    }
}
