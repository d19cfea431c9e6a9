package io.boreal.storage.impl;

import java.util.ArrayDeque;

import io.boreal.storage.Key;

/**
 * A partition's garbage of dead versions: deleted rows leave their leaves once no snapshot can
 * see them, and aborted or cut-off versions go when their key is tidied; index entries that
 * only those versions carried go with them.
 *
 * <p>Invariant: deletions are queued in commit order, so the queue's head is the first one the
 * low watermark passes.
 *
 * <p>Not thread-safe: owned by the partition actor.
 */
final class Tidying {

    /** A key deleted by a commit at {@code commitTs}, to remove from its leaf once no snapshot can see it. */
    private record Tombstone(Key key, long commitTs) {
    }

    private final TreeCalls calls;
    private final LeafDirectory primaryLeaves;
    private final SecondaryIndexes indexes;
    private final ArrayDeque<Tombstone> tombstones = new ArrayDeque<>();

    Tidying(TreeCalls calls, LeafDirectory primaryLeaves, SecondaryIndexes indexes) {
        this.calls = calls;
        this.primaryLeaves = primaryLeaves;
        this.indexes = indexes;
    }

    /** A commit at {@code commitTs} deleted {@code key}. */
    void deleted(Key key, long commitTs) {
        tombstones.add(new Tombstone(key, commitTs));
    }

    /** Deleted rows no snapshot can see any more leave their leaves. */
    void tidyDue(PartitionTrees trees, long watermark) {
        while (!tombstones.isEmpty() && tombstones.peek().commitTs() <= watermark) {
            tidy(trees, tombstones.poll().key(), watermark);
        }
    }

    /** Drops the dead versions of {@code key} (see {@link RowDecisions#tidy}) and the index entries only they carried. */
    void tidy(PartitionTrees trees, Key key, long watermark) {
        calls.operate(trees.primary(), primaryLeaves, key, RowDecisions.tidy(watermark), op -> {
            if (op.reply() instanceof RowDecisions.Tidied t && !t.dropped().isEmpty()) {
                indexes.removeUnbacked(trees, key, t.dropped(), t.survivors());
            }
        });
    }
}
