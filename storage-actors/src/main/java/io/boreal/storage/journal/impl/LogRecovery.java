package io.boreal.storage.journal.impl;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import io.boreal.storage.journal.JournalCorruptedException;
import io.boreal.storage.journal.JournalCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up scan: reads every segment in id order, checks every record's CRC, and rebuilds
 * the {@link JournalIndex} and the {@link SegmentTable}.
 *
 * <p>What a bad record means depends on where it is:
 * <ul>
 *   <li>in the last segment it is a torn tail (the unacknowledged end of the last write cycle,
 *       or a half-written AtomicWrite): the segment is truncated at the start of the record's
 *       AtomicWrite, with a WARN naming file and offset, and writing resumes there;</li>
 *   <li>in any other segment it cannot come from a crash, since a segment is forced before its
 *       successor gets a byte: {@link JournalCorruptedException}, and the journal does not start.</li>
 * </ul>
 */
final class LogRecovery {

    private static final Logger log = LoggerFactory.getLogger(LogRecovery.class);

    private final JournalSettings settings;
    private final JournalIndex index;
    private final SegmentTable segments;
    private final JournalCounters counters;
    private final CRC32C crc = new CRC32C();
    private ByteBuffer buffer = ByteBuffer.allocate(1 << 20).order(RecordDescriptor.ORDER);
    /** File offset of {@code buffer[0]}. */
    private long bufferStart;

    // the AtomicWrite being read: applied to the index only once its last record checks
    private int groupCount;
    private long groupStart;
    private PersistenceIdEntries groupOwner;
    private int groupNextRemaining;
    private long[] groupSeqNrs = new long[16];
    private long[] groupLocations = new long[16];
    private int[] groupLengths = new int[16];
    // persistenceIds with events / delete markers in the segment being scanned
    private final List<PersistenceIdEntries> scannedEventOwners = new ArrayList<>();
    private final List<PersistenceIdEntries> scannedMarkerOwners = new ArrayList<>();

    long recoveredRecords;
    long truncatedBytes;
    /** The segment writing continues in, and where. */
    Segment active;
    long activeEnd;

    /** Reads another node's log: never repairs, stops at the first incomplete record of its last segment. */
    private final boolean readOnly;
    private final Path dir;

    LogRecovery(JournalSettings settings, JournalIndex index, SegmentTable segments, JournalCounters counters) {
        this(settings, settings.dir(), index, segments, counters, false);
    }

    private LogRecovery(JournalSettings settings, Path dir, JournalIndex index, SegmentTable segments,
                        JournalCounters counters, boolean readOnly) {
        this.settings = settings;
        this.dir = dir;
        this.index = index;
        this.segments = segments;
        this.counters = counters;
        this.readOnly = readOnly;
    }

    /**
     * A scan of the log in {@code dir}, which another process may be appending to: what it holds
     * up to its last complete record goes into {@code index} and {@code segments}; nothing is
     * changed on disk.
     */
    static void readOnly(JournalSettings settings, Path dir, JournalIndex index, SegmentTable segments,
                         JournalCounters counters) throws IOException {
        new LogRecovery(settings, dir, index, segments, counters, true).run();
    }

    void run() throws IOException {
        List<Long> ids = segmentIds(dir);
        if (ids.isEmpty()) {
            if (!readOnly) {
                createFirstSegment(1);
            }
            return;
        }
        for (int i = 0; i < ids.size(); i++) {
            long id = ids.get(i);
            boolean last = i == ids.size() - 1;
            Path path = dir.resolve(RecordDescriptor.segmentFileName(id));
            long end = scan(path, id, last);
            Segment segment = new Segment(id, path);
            // owner lists were filled against this id during the scan; move them onto the segment
            segment.eventOwners.addAll(scannedEventOwners);
            segment.markerOwners.addAll(scannedMarkerOwners);
            scannedEventOwners.clear();
            scannedMarkerOwners.clear();
            segments.add(segment);
            if (last && !readOnly) {
                active = segment;
                activeEnd = end;
            } else {
                segment.seal();
            }
        }
    }

    static List<Long> segmentIds(Path dir) throws IOException {
        List<Long> ids = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(f -> {
                long id = RecordDescriptor.segmentId(f.getFileName().toString());
                if (id >= 0) {
                    ids.add(id);
                }
            });
        }
        ids.sort(null);
        return ids;
    }

    private void createFirstSegment(long id) throws IOException {
        Path path = settings.dir().resolve(RecordDescriptor.segmentFileName(id));
        LogWriter.createSegmentFile(path, id, settings.fsync() ? counters : null).close();
        active = new Segment(id, path);
        activeEnd = RecordDescriptor.SEGMENT_HEADER_LENGTH;
        segments.add(active);
    }

    /** Scans one segment; returns the end of its valid records. */
    private long scan(Path path, long segmentId, boolean last) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            bufferStart = 0;
            buffer.clear().limit(0);
            if (!fill(channel, size, 0, RecordDescriptor.SEGMENT_HEADER_LENGTH)) {
                return badHeader(path, segmentId, last, size, "segment shorter than its header");
            }
            String headerProblem = RecordDescriptor.checkSegmentHeader(buffer, segmentId);
            if (headerProblem != null) {
                return badHeader(path, segmentId, last, size, headerProblem);
            }
            groupCount = 0;
            long position = RecordDescriptor.SEGMENT_HEADER_LENGTH;
            while (position < size) {
                String problem = readRecord(channel, size, position, segmentId);
                if (problem != null) {
                    long cut = groupCount > 0 ? groupStart : position;
                    return badRecord(path, last, size, cut, problem);
                }
                position += buffer.getInt((int) (position - bufferStart) + RecordDescriptor.LENGTH_OFFSET);
            }
            if (groupCount > 0) {
                return badRecord(path, last, size, groupStart, "AtomicWrite incomplete at the end of the segment");
            }
            return size;
        }
    }

    /**
     * Reads, checks and applies the record at {@code position}; returns why it is bad, or null.
     * On success the record is in {@link #buffer} at {@code position - bufferStart}.
     */
    private String readRecord(FileChannel channel, long size, long position, long segmentId) throws IOException {
        if (!fill(channel, size, position, 8)) {
            return "record header cut short";
        }
        int at = (int) (position - bufferStart);
        int length = buffer.getInt(at + RecordDescriptor.LENGTH_OFFSET);
        if (length < RecordDescriptor.MIN_RECORD_LENGTH || length > size - position) {
            return "record length " + length + " out of range";
        }
        if (!fill(channel, size, position, length)) {
            return "record cut short";
        }
        at = (int) (position - bufferStart);
        byte[] a = buffer.array();
        crc.reset();
        crc.update(a, at + RecordDescriptor.CHECKED_FROM, length - RecordDescriptor.CHECKED_FROM);
        if ((int) crc.getValue() != buffer.getInt(at + RecordDescriptor.CRC_OFFSET)) {
            return "CRC mismatch";
        }
        int end = at + length;
        int q = at + RecordDescriptor.STRINGS_OFFSET;
        int pidLength = Short.toUnsignedInt(buffer.getShort(q));
        int pidAt = q + 2;
        q = pidAt + pidLength;
        for (int field = 0; field < 3 && q + 2 <= end; field++) {
            q += 2 + Short.toUnsignedInt(buffer.getShort(q));
        }
        if (q + 4 > end || q + 4 + (long) buffer.getInt(q) != end) {
            return "field lengths disagree with the record length";
        }
        byte type = buffer.get(at + RecordDescriptor.TYPE_OFFSET);
        int remaining = buffer.getInt(at + RecordDescriptor.REMAINING_OFFSET);
        long seqNr = buffer.getLong(at + RecordDescriptor.SEQUENCE_NR_OFFSET);
        long highestOrTimestamp = buffer.getLong(at + RecordDescriptor.TIMESTAMP_OFFSET);
        String persistenceId = new String(a, pidAt, pidLength, StandardCharsets.UTF_8);
        if (type == RecordDescriptor.TYPE_EVENT) {
            return onEvent(persistenceId, remaining, seqNr, RecordDescriptor.location(segmentId, position), length,
                position, segmentId);
        } else if (type == RecordDescriptor.TYPE_DELETE) {
            if (groupCount > 0) {
                return "delete marker inside an AtomicWrite";
            }
            PersistenceIdEntries owner = index.getOrCreate(persistenceId);
            owner.applyDelete(seqNr, highestOrTimestamp);
            owner.encodedHighestSeqNr = Math.max(owner.encodedHighestSeqNr, highestOrTimestamp);
            owner.encodedDeletedTo = Math.max(owner.encodedDeletedTo, seqNr);
            if (owner.lastMarkerSegmentId != segmentId) {
                owner.lastMarkerSegmentId = segmentId;
                scannedMarkerOwners.add(owner);
            }
            recoveredRecords++;
            return null;
        } else if (type == RecordDescriptor.TYPE_RESET) {
            if (groupCount > 0) {
                return "reset marker inside an AtomicWrite";
            }
            PersistenceIdEntries owner = index.getOrCreate(persistenceId);
            owner.reset();
            owner.encodedHighestSeqNr = 0;
            owner.encodedDeletedTo = 0;
            recoveredRecords++;
            return null;
        }
        return "unknown record type " + type;
    }

    private String onEvent(String persistenceId, int remaining, long seqNr, long location, int length, long position,
                           long segmentId) {
        if (remaining < 0) {
            return "negative group count";
        }
        if (groupCount == 0) {
            groupStart = position;
            groupOwner = index.getOrCreate(persistenceId);
        } else if (remaining != groupNextRemaining || !groupOwner.persistenceId.equals(persistenceId)) {
            return "broken AtomicWrite (expected " + groupNextRemaining + " more records of " + groupOwner.persistenceId + ")";
        }
        if (groupCount == groupSeqNrs.length) {
            groupSeqNrs = java.util.Arrays.copyOf(groupSeqNrs, groupCount * 2);
            groupLocations = java.util.Arrays.copyOf(groupLocations, groupCount * 2);
            groupLengths = java.util.Arrays.copyOf(groupLengths, groupCount * 2);
        }
        groupSeqNrs[groupCount] = seqNr;
        groupLocations[groupCount] = location;
        groupLengths[groupCount] = length;
        groupCount++;
        groupNextRemaining = remaining - 1;
        if (remaining == 0) {
            PersistenceIdEntries owner = groupOwner;
            for (int i = 0; i < groupCount; i++) {
                owner.append(groupSeqNrs[i], groupLocations[i], groupLengths[i]);
                owner.encodedHighestSeqNr = Math.max(owner.encodedHighestSeqNr, groupSeqNrs[i]);
            }
            if (owner.lastEventSegmentId != segmentId) {
                owner.lastEventSegmentId = segmentId;
                scannedEventOwners.add(owner);
            }
            recoveredRecords += groupCount;
            groupCount = 0;
            groupOwner = null;
        }
        return null;
    }

    /** Makes {@code [position, position + n)} available in {@link #buffer}; false if the file ends first. */
    private boolean fill(FileChannel channel, long size, long position, int n) throws IOException {
        if (position + n > size) {
            return false;
        }
        if (position >= bufferStart && position + n <= bufferStart + buffer.limit()) {
            return true;
        }
        if (n > buffer.capacity()) {
            int capacity = n > (1 << 30) ? n : Integer.highestOneBit(n - 1) << 1;
            buffer = ByteBuffer.allocate(capacity).order(RecordDescriptor.ORDER);
        }
        buffer.clear();
        int want = (int) Math.min(buffer.capacity(), size - position);
        buffer.limit(want);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                break;
            }
        }
        buffer.limit(buffer.position()).position(0);
        bufferStart = position;
        return buffer.limit() >= n;
    }

    private long badHeader(Path path, long segmentId, boolean last, long size, String problem) throws IOException {
        if (!last || size > RecordDescriptor.SEGMENT_HEADER_LENGTH) {
            throw new JournalCorruptedException(path, 0, problem);
        }
        if (readOnly) {
            return RecordDescriptor.SEGMENT_HEADER_LENGTH; // its writer is creating it
        }
        // a segment created just before a crash: no record was written before its header was forced
        log.warn("journal segment {}: {} at offset 0; rewriting the header of the empty last segment", path, problem);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.truncate(0);
            ByteBuffer header = RecordDescriptor.segmentHeader(segmentId);
            while (header.hasRemaining()) {
                channel.write(header, header.position());
            }
            if (settings.fsync()) {
                channel.force(true);
            }
        }
        truncatedBytes += size;
        return RecordDescriptor.SEGMENT_HEADER_LENGTH;
    }

    private long badRecord(Path path, boolean last, long size, long cut, String problem) throws IOException {
        if (!last) {
            throw new JournalCorruptedException(path, cut, problem);
        }
        if (readOnly) { // the end its writer is appending now, or its torn tail: the writer repairs it
            groupCount = 0;
            groupOwner = null;
            return cut;
        }
        log.warn("journal segment {}: torn tail at offset {} ({}); truncating {} bytes", path, cut, problem,
            size - cut);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.truncate(cut);
            if (settings.fsync()) {
                channel.force(true);
            }
        }
        truncatedBytes += size - cut;
        groupCount = 0;
        groupOwner = null;
        return cut;
    }
}
