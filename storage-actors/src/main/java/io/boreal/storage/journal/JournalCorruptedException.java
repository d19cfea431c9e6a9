package io.boreal.storage.journal;

import java.nio.file.Path;

/**
 * A journal directory holds damage that cannot be a torn write: a record that fails its checksum
 * or does not parse anywhere but at the tail of the last segment. The journal refuses to start
 * rather than silently dropping acknowledged events; an operator restores the directory or moves
 * the damaged segment away.
 */
public final class JournalCorruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path segment;
    private final long offset;

    public JournalCorruptedException(Path segment, long offset, String reason) {
        super("journal segment " + segment + " is corrupt at offset " + offset + ": " + reason
            + " (not the tail of the last segment, so not a torn write; refusing to start)");
        this.segment = segment;
        this.offset = offset;
    }

    public Path segment() {
        return segment;
    }

    public long offset() {
        return offset;
    }
}
