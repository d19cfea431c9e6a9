package io.boreal.storage.journal.impl;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One segment file of the log and what is known about it.
 *
 * <p>Reads are positional on a read-only channel shared by all replaying threads. An interrupted
 * reader closes a {@link FileChannel} for everyone, so a closed channel is reopened once and the
 * read retried. The owner lists serve segment reclamation: they name every persistenceId with a
 * record in the segment and, once the segment is sealed, the highest sequence number each may
 * have in it. They are touched by the recovery thread, then by the log writer only.
 */
final class Segment {

    final long id;
    final Path path;
    private volatile FileChannel reader;
    private volatile boolean closed;

    // writer only
    final List<PersistenceIdEntries> eventOwners = new ArrayList<>();
    final List<PersistenceIdEntries> markerOwners = new ArrayList<>();
    private long[] ownerMaxSeqNrs;

    Segment(long id, Path path) throws IOException {
        this.id = id;
        this.path = path;
        this.reader = FileChannel.open(path, StandardOpenOption.READ);
    }

    /** Reads exactly {@code dst.remaining()} bytes at {@code position}. */
    void readFully(ByteBuffer dst, long position) throws IOException {
        try {
            readFully(reader, dst, position);
        } catch (ClosedChannelException e) {
            FileChannel reopened = reopen(e);
            readFully(reopened, dst, position);
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer dst, long position) throws IOException {
        int mark = dst.position();
        while (dst.hasRemaining()) {
            int n = channel.read(dst, position + dst.position() - mark);
            if (n < 0) {
                throw new EOFException("end of segment at " + (position + dst.position() - mark));
            }
        }
    }

    private synchronized FileChannel reopen(ClosedChannelException cause) throws IOException {
        if (closed) {
            throw new IOException("segment " + path + " was closed (reclaimed, or the journal stopped)", cause);
        }
        FileChannel current = reader;
        if (!current.isOpen()) {
            reader = FileChannel.open(path, StandardOpenOption.READ);
        }
        return reader;
    }

    /** Writer only: records the owners' highest sequence numbers when the segment stops growing. */
    void seal() {
        ownerMaxSeqNrs = new long[eventOwners.size()];
        for (int i = 0; i < ownerMaxSeqNrs.length; i++) {
            ownerMaxSeqNrs[i] = eventOwners.get(i).encodedHighestSeqNr;
        }
    }

    boolean isSealed() {
        return ownerMaxSeqNrs != null;
    }

    /** Writer only: sealed, and every event in it is deleted. */
    boolean isReclaimable() {
        if (ownerMaxSeqNrs == null) {
            return false;
        }
        for (int i = 0; i < ownerMaxSeqNrs.length; i++) {
            if (eventOwners.get(i).deletedTo() < ownerMaxSeqNrs[i]) {
                return false;
            }
        }
        return true;
    }

    synchronized void close() throws IOException {
        closed = true;
        reader.close();
    }
}
