package io.boreal.transport.aeron;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The timestamp wire protocol between a node's {@link TimestampChannel} and the coordinator's
 * {@link TimestampServer}: fixed-layout messages, little-endian, read and written in place on
 * Agrona buffers by these static accessors (hand-written flyweights: four small messages do
 * not repay SBE's code generator in the build, and these allocate nothing either).
 *
 * <table>
 *   <caption>Messages (offset: field, type)</caption>
 *   <tr><th>message</th><th>type</th><th>direction</th><th>length</th><th>layout</th></tr>
 *   <tr><td>Connect</td><td>1</td><td>node → coordinator</td><td>16 + n</td>
 *       <td>0 type u16 · 2 version u16 · 4 node id i32 · 8 response stream id i32 ·
 *           12 channel length n i32 · 16 response channel, n ASCII bytes</td></tr>
 *   <tr><td>Request</td><td>2</td><td>node → coordinator</td><td>24</td>
 *       <td>0 type u16 · 2 version u16 · 4 node id i32 · 8 correlation id i64 · 16 count i32 ·
 *           20 flags i32 (bit 0: tracked)</td></tr>
 *   <tr><td>Range</td><td>3</td><td>coordinator → node</td><td>40</td>
 *       <td>0 type u16 · 2 version u16 · 4 count i32 · 8 correlation id i64 ·
 *           16 first timestamp i64 (the range is {@code [first, first + count)}) ·
 *           24 node id i32 · 28 reserved i32 · 32 completed i64</td></tr>
 *   <tr><td>Done</td><td>4</td><td>node → coordinator</td><td>24</td>
 *       <td>0 type u16 · 2 version u16 · 4 node id i32 · 8 first timestamp i64 of a tracked range ·
 *           16 reserved i64</td></tr>
 * </table>
 *
 * <p>Tracked ranges (global snapshots, for a cluster of several nodes). A tracked Request asks
 * for commit timestamps to be used at once (count 0: none, only the snapshot); the coordinator
 * counts a tracked range as in flight until its node sends Done for it (every commit stamped
 * with one of its timestamps is visible wherever it wrote). Every Range carries
 * {@code completed}: a timestamp below every tracked range in flight and at or below every
 * timestamp issued — a snapshot that sees every commit at or below it, wholly.
 *
 * <p>Rules: a node sends Connect once it has a publication to the coordinator and again before it
 * resends an unanswered Request (the coordinator may have restarted or moved and forgotten it);
 * a Request may overtake the first Connect. The coordinator answers each Request it can serve with
 * one Range on the node's response channel, and drops a Request from a node it has no Connect
 * from (issuing nothing for it). A Range every timestamp of which is greater
 * than any issued before is the coordinator's whole promise; a node ignores a Range for another
 * node (nodes attached to one driver may share an IPC stream) and one whose correlation id it no
 * longer waits for (the answer to a resent Request). Messages of another
 * version or type are dropped and counted.
 */
public final class TimestampWire {

    public static final int VERSION = 2;
    public static final int CONNECT = 1;
    public static final int REQUEST = 2;
    public static final int RANGE = 3;
    public static final int DONE = 4;

    public static final int REQUEST_LENGTH = 24;
    public static final int RANGE_LENGTH = 40;
    public static final int DONE_LENGTH = 24;
    /** Request flag: the range is tracked until its Done. */
    public static final int TRACKED = 1;
    static final int CONNECT_HEADER = 16;
    /** A response channel longer than this is refused at Connect. */
    public static final int MAX_CHANNEL_LENGTH = 512;

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final int TYPE = 0;
    private static final int VERSION_AT = 2;

    private TimestampWire() {
    }

    // ---- header ----------------------------------------------------------------------------------

    public static int type(DirectBuffer buffer, int offset) {
        return buffer.getShort(offset + TYPE, ORDER) & 0xFFFF;
    }

    public static int version(DirectBuffer buffer, int offset) {
        return buffer.getShort(offset + VERSION_AT, ORDER) & 0xFFFF;
    }

    private static void header(MutableDirectBuffer buffer, int offset, int type) {
        buffer.putShort(offset + TYPE, (short) type, ORDER);
        buffer.putShort(offset + VERSION_AT, (short) VERSION, ORDER);
    }

    // ---- Connect ---------------------------------------------------------------------------------

    /** Writes a Connect; returns its length. */
    public static int putConnect(MutableDirectBuffer buffer, int offset, int nodeId, String channel, int streamId) {
        byte[] ascii = channel.getBytes(StandardCharsets.US_ASCII);
        if (ascii.length > MAX_CHANNEL_LENGTH) {
            throw new IllegalArgumentException("response channel longer than " + MAX_CHANNEL_LENGTH + " bytes: " + channel);
        }
        header(buffer, offset, CONNECT);
        buffer.putInt(offset + 4, nodeId, ORDER);
        buffer.putInt(offset + 8, streamId, ORDER);
        buffer.putInt(offset + 12, ascii.length, ORDER);
        buffer.putBytes(offset + CONNECT_HEADER, ascii);
        return CONNECT_HEADER + ascii.length;
    }

    public static int connectNodeId(DirectBuffer buffer, int offset) {
        return buffer.getInt(offset + 4, ORDER);
    }

    public static int connectStreamId(DirectBuffer buffer, int offset) {
        return buffer.getInt(offset + 8, ORDER);
    }

    /** The response channel, or null when the length field disagrees with the message length. */
    public static String connectChannel(DirectBuffer buffer, int offset, int length) {
        int n = buffer.getInt(offset + 12, ORDER);
        if (n < 1 || n > MAX_CHANNEL_LENGTH || CONNECT_HEADER + n != length) {
            return null;
        }
        byte[] ascii = new byte[n];
        buffer.getBytes(offset + CONNECT_HEADER, ascii);
        return new String(ascii, StandardCharsets.US_ASCII);
    }

    // ---- Request ---------------------------------------------------------------------------------

    public static void putRequest(MutableDirectBuffer buffer, int offset, int nodeId, long correlationId, int count) {
        putRequest(buffer, offset, nodeId, correlationId, count, 0);
    }

    public static void putRequest(MutableDirectBuffer buffer, int offset, int nodeId, long correlationId, int count,
                                  int flags) {
        header(buffer, offset, REQUEST);
        buffer.putInt(offset + 4, nodeId, ORDER);
        buffer.putLong(offset + 8, correlationId, ORDER);
        buffer.putInt(offset + 16, count, ORDER);
        buffer.putInt(offset + 20, flags, ORDER);
    }

    public static int requestFlags(DirectBuffer buffer, int offset) {
        return buffer.getInt(offset + 20, ORDER);
    }

    public static int requestNodeId(DirectBuffer buffer, int offset) {
        return buffer.getInt(offset + 4, ORDER);
    }

    public static long requestCorrelationId(DirectBuffer buffer, int offset) {
        return buffer.getLong(offset + 8, ORDER);
    }

    public static int requestCount(DirectBuffer buffer, int offset) {
        return buffer.getInt(offset + 16, ORDER);
    }

    // ---- Range -----------------------------------------------------------------------------------

    public static void putRange(MutableDirectBuffer buffer, int offset, int nodeId, long correlationId, long first,
                                int count) {
        putRange(buffer, offset, nodeId, correlationId, first, count, 0);
    }

    public static void putRange(MutableDirectBuffer buffer, int offset, int nodeId, long correlationId, long first,
                                int count, long completed) {
        header(buffer, offset, RANGE);
        buffer.putInt(offset + 4, count, ORDER);
        buffer.putLong(offset + 8, correlationId, ORDER);
        buffer.putLong(offset + 16, first, ORDER);
        buffer.putInt(offset + 24, nodeId, ORDER);
        buffer.putInt(offset + 28, 0, ORDER);
        buffer.putLong(offset + 32, completed, ORDER);
    }

    public static long rangeCompleted(DirectBuffer buffer, int offset) {
        return buffer.getLong(offset + 32, ORDER);
    }

    public static int rangeNodeId(DirectBuffer buffer, int offset) {
        return buffer.getInt(offset + 24, ORDER);
    }

    public static int rangeCount(DirectBuffer buffer, int offset) {
        return buffer.getInt(offset + 4, ORDER);
    }

    public static long rangeCorrelationId(DirectBuffer buffer, int offset) {
        return buffer.getLong(offset + 8, ORDER);
    }

    public static long rangeFirst(DirectBuffer buffer, int offset) {
        return buffer.getLong(offset + 16, ORDER);
    }

    // ---- Done ------------------------------------------------------------------------------------

    public static void putDone(MutableDirectBuffer buffer, int offset, int nodeId, long first) {
        header(buffer, offset, DONE);
        buffer.putInt(offset + 4, nodeId, ORDER);
        buffer.putLong(offset + 8, first, ORDER);
        buffer.putLong(offset + 16, 0, ORDER);
    }

    public static int doneNodeId(DirectBuffer buffer, int offset) {
        return buffer.getInt(offset + 4, ORDER);
    }

    public static long doneFirst(DirectBuffer buffer, int offset) {
        return buffer.getLong(offset + 8, ORDER);
    }
}
