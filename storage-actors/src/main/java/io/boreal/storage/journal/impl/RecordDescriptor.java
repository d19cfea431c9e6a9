package io.boreal.storage.journal.impl;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * On-disk layout of the journal: segment files of records. All integers little-endian.
 *
 * <p>A segment file {@code NNNNNNNNNNNNNNNNNNNN.journal} (20-digit segment id, ids increase,
 * gaps left by reclaimed segments are normal) starts with a header:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                        Magic "BRJL"                           |  0
 *  +---------------------------------------------------------------+
 *  |                        Format Version                         |  4
 *  +---------------------------------------------------------------+
 *  |                        Segment Id                             |  8
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                     CRC32C of bytes [0, 16)                   | 16
 *  +---------------------------------------------------------------+
 *  |                        Reserved (12 bytes, zero)             ...| 20
 *  +---------------------------------------------------------------+  32
 * </pre>
 *
 * followed by records, back to back, each one self-checking:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                        Record Length                          |  0  whole record, header included
 *  +---------------------------------------------------------------+
 *  |                 CRC32C of bytes [8, Record Length)            |  4
 *  +---------------+---------------+-------------------------------+
 *  |     Type      |   Flags (0)   |         Reserved (0)          |  8  1 = EVENT, 2 = DELETE marker
 *  +---------------+---------------+-------------------------------+
 *  |                    Remaining In Group                         | 12  EVENT: records that follow in its AtomicWrite
 *  +---------------------------------------------------------------+
 *  |                    Sequence Nr                                | 16  EVENT: its sequenceNr
 *  |                                                               |     DELETE: deleted-to (inclusive)
 *  +---------------------------------------------------------------+
 *  |                    Timestamp                                  | 24  EVENT: PersistentRepr.timestamp
 *  |                                                               |     DELETE: highest sequenceNr when written
 *  +---------------------------------------------------------------+
 *  |                    Serializer Id                              | 32  Akka serializer of the payload
 *  +-------------------------------+-------------------------------+
 *  |  PersistenceId Length (u16)   |   PersistenceId (UTF-8)      ...| 36
 *  +-------------------------------+-------------------------------+
 *  |  Writer UUID Length (u16)     |   Writer UUID (UTF-8)        ...|
 *  +-------------------------------+-------------------------------+
 *  |  Event Manifest Length (u16)  |   PersistentRepr.manifest    ...|  event-adapter manifest
 *  +-------------------------------+-------------------------------+
 *  |  Serializer Manifest Len (u16)|   Serializer manifest        ...|
 *  +-------------------------------+-------------------------------+
 *  |                    Payload Length                             |
 *  +---------------------------------------------------------------+
 *  |                    Payload (serialized event)                ...|
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>Atomicity: an {@code AtomicWrite} of n events is n EVENT records written back to back in
 * one segment, whose Remaining In Group fields count down n-1 ... 0. Recovery accepts the group
 * only when the record with 0 is present and every record of it checks: a torn group vanishes
 * whole. A DELETE marker (persistenceId, deleted-to, highest) is durable before a delete is
 * acknowledged; it also carries the highest sequence number, so that state survives when the
 * segments holding the deleted events are reclaimed.
 *
 * <p>A RESET marker (persistenceId only, laid out as a DELETE marker with zeros) forgets every
 * earlier record of its persistenceId in this log. A journal on a shared directory writes one
 * when it takes over a persistenceId whose newest history is in another node's log, then copies
 * that history after it (see {@link Fences}).
 */
final class RecordDescriptor {

    static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    static final int SEGMENT_MAGIC = 0x4C4A5242; // "BRJL" read little-endian
    static final int FORMAT_VERSION = 1;
    static final int SEGMENT_HEADER_LENGTH = 32;
    static final String SEGMENT_SUFFIX = ".journal";

    static final byte TYPE_EVENT = 1;
    static final byte TYPE_DELETE = 2;
    static final byte TYPE_RESET = 3;

    static final int LENGTH_OFFSET = 0;
    static final int CRC_OFFSET = 4;
    static final int CHECKED_FROM = 8;
    static final int TYPE_OFFSET = 8;
    static final int REMAINING_OFFSET = 12;
    static final int SEQUENCE_NR_OFFSET = 16;
    static final int TIMESTAMP_OFFSET = 24;
    static final int SERIALIZER_ID_OFFSET = 32;
    static final int STRINGS_OFFSET = 36;

    /** Four u16 string lengths and the u32 payload length. */
    static final int LENGTH_FIELDS = 4 * 2 + 4;
    /** The smallest record: all strings and the payload empty. */
    static final int MIN_RECORD_LENGTH = STRINGS_OFFSET + LENGTH_FIELDS;
    static final int MAX_STRING_LENGTH = 0xFFFF;
    /** Room for a record header with the four longest strings; the write buffer is never smaller. */
    static final int MAX_HEADER_LENGTH = MIN_RECORD_LENGTH + 4 * MAX_STRING_LENGTH;

    private RecordDescriptor() {
    }

    static String segmentFileName(long segmentId) {
        return String.format("%020d%s", segmentId, SEGMENT_SUFFIX);
    }

    /** The segment id of a file name, or -1 when the name is not a segment's. */
    static long segmentId(String fileName) {
        if (!fileName.endsWith(SEGMENT_SUFFIX) || fileName.length() != 20 + SEGMENT_SUFFIX.length()) {
            return -1;
        }
        long id = 0;
        for (int i = 0; i < 20; i++) {
            char c = fileName.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            id = id * 10 + (c - '0');
        }
        return id;
    }

    static int recordLength(int pidLength, int writerUuidLength, int manifestLength, int serializerManifestLength,
                            int payloadLength) {
        return MIN_RECORD_LENGTH + pidLength + writerUuidLength + manifestLength + serializerManifestLength
            + payloadLength;
    }

    /** A location in the log: segment id in the high 32 bits, byte offset in the low 32. */
    static long location(long segmentId, long offset) {
        return (segmentId << 32) | (offset & 0xFFFF_FFFFL);
    }

    static long segmentIdOf(long location) {
        return location >>> 32;
    }

    static long offsetOf(long location) {
        return location & 0xFFFF_FFFFL;
    }

    /** Length in bytes of {@code s} as UTF-8; allocates only for non-ASCII strings. */
    static int utf8Length(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                return s.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return n;
    }

    /** Puts {@code s} as u16 length + UTF-8 bytes; allocates only for non-ASCII strings. */
    static void putString(ByteBuffer buffer, String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                putBytes(buffer, s.getBytes(StandardCharsets.UTF_8));
                return;
            }
        }
        buffer.putShort((short) n);
        for (int i = 0; i < n; i++) {
            buffer.put((byte) s.charAt(i));
        }
    }

    static void putBytes(ByteBuffer buffer, byte[] utf8) {
        buffer.putShort((short) utf8.length);
        buffer.put(utf8);
    }

    static ByteBuffer segmentHeader(long segmentId) {
        ByteBuffer header = ByteBuffer.allocate(SEGMENT_HEADER_LENGTH).order(ORDER);
        header.putInt(0, SEGMENT_MAGIC).putInt(4, FORMAT_VERSION).putLong(8, segmentId);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(header.array(), 0, 16);
        header.putInt(16, (int) crc.getValue());
        return header;
    }

    /** Why a segment header read from disk is not the one of {@code segmentId}, or null if it is. */
    static String checkSegmentHeader(ByteBuffer header, long segmentId) {
        ByteBuffer expected = segmentHeader(segmentId);
        for (int i = 0; i < 20; i++) {
            if (header.get(i) != expected.get(i)) {
                return "bad segment header (magic, version, id or checksum)";
            }
        }
        return null;
    }
}
