package io.boreal.storage.journal.impl;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

import akka.persistence.PersistentRepr;
import akka.serialization.Serialization;

/**
 * Reads the events of one persistenceId back through the index: one positional read per
 * record, checksum verified again (bit rot since start-up fails the replay, it does not feed the
 * actor garbage), payload deserialized with the Akka serializer recorded with it.
 *
 * <p>Not thread-safe: one instance per replay (it keeps a read buffer).
 * TODO(perf): coalesce reads of records that sit next to each other in a segment.
 */
final class ReplayReader {

    private final SegmentTable segments;
    private final Serialization serialization;
    private final CRC32C crc = new CRC32C();
    private ByteBuffer buffer = ByteBuffer.allocate(4096).order(RecordDescriptor.ORDER);

    ReplayReader(SegmentTable segments, Serialization serialization) {
        this.segments = segments;
        this.serialization = serialization;
    }

    void replay(PersistenceIdEntries entries, long fromSeqNr, long toSeqNr, long max,
                Consumer<PersistentRepr> callback) throws IOException {
        PersistenceIdEntries.Slice slice = entries.slice(fromSeqNr, toSeqNr, max);
        for (int i = 0; i < slice.count; i++) {
            callback.accept(read(entries.persistenceId, slice.locations[i], slice.lengths[i]));
        }
    }

    private PersistentRepr read(String persistenceId, long location, int length) throws IOException {
        long segmentId = RecordDescriptor.segmentIdOf(location);
        long offset = RecordDescriptor.offsetOf(location);
        Segment segment = segments.get(segmentId);
        if (segment == null) {
            throw new IOException("journal segment " + segmentId + " of " + persistenceId + " is gone");
        }
        if (buffer.capacity() < length) {
            buffer = ByteBuffer.allocate(Math.max(length, buffer.capacity() * 2)).order(RecordDescriptor.ORDER);
        }
        buffer.clear().limit(length);
        segment.readFully(buffer, offset);
        byte[] a = buffer.array();
        crc.reset();
        crc.update(a, RecordDescriptor.CHECKED_FROM, length - RecordDescriptor.CHECKED_FROM);
        if (buffer.getInt(RecordDescriptor.LENGTH_OFFSET) != length
            || (int) crc.getValue() != buffer.getInt(RecordDescriptor.CRC_OFFSET)
            || buffer.get(RecordDescriptor.TYPE_OFFSET) != RecordDescriptor.TYPE_EVENT) {
            throw new IOException("journal record of " + persistenceId + " at " + segment.path + ":" + offset
                + " fails its checksum");
        }
        long seqNr = buffer.getLong(RecordDescriptor.SEQUENCE_NR_OFFSET);
        long timestamp = buffer.getLong(RecordDescriptor.TIMESTAMP_OFFSET);
        int serializerId = buffer.getInt(RecordDescriptor.SERIALIZER_ID_OFFSET);
        int q = RecordDescriptor.STRINGS_OFFSET;
        q += 2 + Short.toUnsignedInt(buffer.getShort(q)); // persistenceId: the caller's
        String writerUuid = string(a, q);
        q += 2 + Short.toUnsignedInt(buffer.getShort(q));
        String manifest = string(a, q);
        q += 2 + Short.toUnsignedInt(buffer.getShort(q));
        String serializerManifest = string(a, q);
        q += 2 + Short.toUnsignedInt(buffer.getShort(q));
        int payloadLength = buffer.getInt(q);
        byte[] payloadBytes = java.util.Arrays.copyOfRange(a, q + 4, q + 4 + payloadLength);
        Object payload = serialization.deserialize(payloadBytes, serializerId, serializerManifest).get();
        return PersistentRepr.apply(payload, seqNr, persistenceId, manifest, false, null, writerUuid)
            .withTimestamp(timestamp);
    }

    private String string(byte[] a, int at) {
        int n = Short.toUnsignedInt(buffer.getShort(at));
        return n == 0 ? "" : new String(a, at + 2, n, StandardCharsets.UTF_8);
    }
}
