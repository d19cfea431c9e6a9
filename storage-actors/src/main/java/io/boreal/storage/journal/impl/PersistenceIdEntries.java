package io.boreal.storage.journal.impl;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * The index of one persistenceId: where each of its live events is in the log, its highest
 * sequence number and how far it is deleted.
 *
 * <pre>
 *   seqNrs     [ 4 | 5 | 6 | 9 ]        live entries are [start, end); sorted unless "ordered" is false
 *   locations  [ s1:96 | s1:512 | s2:32 | s2:800 ]   segment id &lt;&lt; 32 | offset
 *   lengths    [ 81 | 81 | 90 | 84 ]
 *   highestSeqNr = 9 (never lowered, not even by deletes), deletedTo = 3
 * </pre>
 *
 * <p>Concurrency: the published state (entries, highest, deletedTo) is guarded by {@code this};
 * only the log writer (or recovery, before the writer starts) changes it, and only with data
 * already durable, so a reader never sees an event that a crash could take back. Readers copy a
 * {@link Slice} under the lock and read the files outside it. Fields marked "writer only" are
 * touched by the log writer thread alone (the recovery thread hands them over before the writer
 * starts, a happens-before edge through {@link Thread#start()}).
 */
final class PersistenceIdEntries {

    final String persistenceId;
    /** UTF-8 of {@link #persistenceId}, encoded once. */
    final byte[] persistenceIdUtf8;

    // guarded by this
    private long[] seqNrs = new long[4];
    private long[] locations = new long[4];
    private int[] lengths = new int[4];
    private int start;
    private int end;
    private boolean ordered = true;
    private long highestSeqNr;
    private long deletedTo;

    /** The last write submitted for this id; a highest-sequence-nr read waits for it. */
    volatile CompletableFuture<?> pendingWrite;

    /**
     * Shared journals: the fence epoch this node holds for the id ({@link Fences}), -1 while it
     * holds none. The writer acknowledges a write of the id only while the epoch is still the newest.
     */
    volatile long tenure = -1;

    // writer only: state as encoded, ahead of the published state by at most one write cycle
    long encodedHighestSeqNr;
    long encodedDeletedTo;
    long lastEventSegmentId = -1;
    long lastMarkerSegmentId = -1;
    private String cachedWriterUuid;
    private byte[] cachedWriterUuidUtf8;

    PersistenceIdEntries(String persistenceId) {
        this.persistenceId = persistenceId;
        this.persistenceIdUtf8 = persistenceId.getBytes(StandardCharsets.UTF_8);
    }

    /** Writer only: the UTF-8 of a writer UUID, cached because one actor incarnation writes many events. */
    byte[] writerUuidUtf8(String writerUuid) {
        if (!writerUuid.equals(cachedWriterUuid)) {
            cachedWriterUuid = writerUuid;
            cachedWriterUuidUtf8 = writerUuid.getBytes(StandardCharsets.UTF_8);
        }
        return cachedWriterUuidUtf8;
    }

    synchronized void append(long seqNr, long location, int length) {
        if (seqNr > highestSeqNr) {
            highestSeqNr = seqNr;
        }
        if (seqNr <= deletedTo) {
            return; // a stale writer's event below a delete: deleted on arrival, as on recovery
        }
        if (end == seqNrs.length) {
            grow();
        }
        if (end > start && seqNrs[end - 1] >= seqNr) {
            ordered = false; // a second writer of the same id; Akka's replay filter sorts it out
        }
        seqNrs[end] = seqNr;
        locations[end] = location;
        lengths[end] = length;
        end++;
    }

    /** Applies a delete marker: deleted-to only grows, highest never shrinks. */
    synchronized void applyDelete(long toSeqNr, long highestWhenDeleted) {
        if (highestWhenDeleted > highestSeqNr) {
            highestSeqNr = highestWhenDeleted;
        }
        if (toSeqNr <= deletedTo) {
            return;
        }
        deletedTo = toSeqNr;
        if (ordered) {
            while (start < end && seqNrs[start] <= deletedTo) {
                start++;
            }
        } else {
            int kept = start;
            for (int i = start; i < end; i++) {
                if (seqNrs[i] > deletedTo) {
                    seqNrs[kept] = seqNrs[i];
                    locations[kept] = locations[i];
                    lengths[kept] = lengths[i];
                    kept++;
                }
            }
            end = kept;
        }
        if (start == end) {
            start = 0;
            end = 0;
            ordered = true;
        }
    }

    /** Forgets every event, the deletes and the highest sequence number (a RESET marker). */
    synchronized void reset() {
        start = 0;
        end = 0;
        ordered = true;
        highestSeqNr = 0;
        deletedTo = 0;
    }

    synchronized long highestSeqNr() {
        return highestSeqNr;
    }

    synchronized long deletedTo() {
        return deletedTo;
    }

    synchronized int liveEntries() {
        return end - start;
    }

    /** The live entries with {@code from <= seqNr <= to}, at most {@code max} of them, in log order. */
    synchronized Slice slice(long fromSeqNr, long toSeqNr, long max) {
        int first = start;
        if (ordered) {
            first = Arrays.binarySearch(seqNrs, start, end, fromSeqNr);
            first = first >= 0 ? first : -first - 1;
        }
        int capacity = (int) Math.min(max, end - first);
        Slice slice = new Slice(Math.max(capacity, 0));
        for (int i = first; i < end && slice.count < capacity; i++) {
            long seqNr = seqNrs[i];
            if (seqNr > toSeqNr) {
                if (ordered) {
                    break;
                }
                continue;
            }
            if (seqNr >= fromSeqNr) {
                slice.add(seqNr, locations[i], lengths[i]);
            }
        }
        return slice;
    }

    private void grow() {
        int live = end - start;
        if (start > 0 && live < seqNrs.length / 2) {
            System.arraycopy(seqNrs, start, seqNrs, 0, live);
            System.arraycopy(locations, start, locations, 0, live);
            System.arraycopy(lengths, start, lengths, 0, live);
        } else {
            int capacity = seqNrs.length * 2;
            long[] s = new long[capacity];
            long[] l = new long[capacity];
            int[] n = new int[capacity];
            System.arraycopy(seqNrs, start, s, 0, live);
            System.arraycopy(locations, start, l, 0, live);
            System.arraycopy(lengths, start, n, 0, live);
            seqNrs = s;
            locations = l;
            lengths = n;
        }
        start = 0;
        end = live;
    }

    /** A copy of index entries taken for one replay. */
    static final class Slice {
        final long[] seqNrs;
        final long[] locations;
        final int[] lengths;
        int count;

        Slice(int capacity) {
            seqNrs = new long[capacity];
            locations = new long[capacity];
            lengths = new int[capacity];
        }

        void add(long seqNr, long location, int length) {
            seqNrs[count] = seqNr;
            locations[count] = location;
            lengths[count] = length;
            count++;
        }
    }
}
