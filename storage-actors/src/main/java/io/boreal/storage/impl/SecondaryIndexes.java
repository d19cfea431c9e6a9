package io.boreal.storage.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.boreal.storage.Key;
import io.boreal.storage.schema.IndexDef;

/**
 * Keeps a partition's secondary index trees in step with its rows: puts the entries of new
 * values (the statement is answered once every index has them, so the transaction's own next
 * read through an index finds its write), and removes entries no version carries any more.
 *
 * <p>Every put and removal is numbered: an entry keeps the number of the put that made it, and a
 * removal only removes an entry put before it ({@link RowDecisions#putEntry},
 * {@link RowDecisions#removeEntry}). Removals are not awaited, so one may arrive after a later
 * put of the same entry; the numbers keep that put.
 *
 * <p>Not thread-safe: owned by the partition actor.
 */
final class SecondaryIndexes {

    private final TreeCalls calls;
    private long sequence;

    SecondaryIndexes(TreeCalls calls) {
        this.calls = calls;
    }

    /**
     * Puts the entries that {@code applied} versions bring (values that differ from the row they
     * replace) and runs {@code then} once every index has them.
     */
    void put(PartitionTrees trees, List<Key> keys, List<RowDecisions.Applied> applied, Runnable then) {
        List<IndexDef> indexes = trees.table().indexes();
        List<Integer> entryIndexes = new ArrayList<>();
        List<Key> entries = new ArrayList<>();
        for (int t = 0; t < keys.size(); t++) {
            RowDecisions.Applied a = applied.get(t);
            Object[] row = a.row();
            if (!a.dropped().isEmpty()) {
                removeUnbacked(trees, keys.get(t), a.dropped(), a.installed());
            }
            for (int i = 0; row != null && i < indexes.size(); i++) {
                IndexDef index = indexes.get(i);
                if (a.before() == null || !IndexEntries.sameValues(index, a.before(), row)) {
                    entryIndexes.add(i);
                    entries.add(IndexEntries.entryKey(index, row, keys.get(t)));
                }
            }
        }
        TreeCalls.Gather acks = new TreeCalls.Gather(entries.size(), replies -> then.run());
        for (int e = 0; e < entries.size(); e++) {
            int slot = e;
            calls.operate(trees.secondary(entryIndexes.get(e)), null, entries.get(e),
                    RowDecisions.putEntry(++sequence), op -> acks.set(slot, op.reply()));
        }
    }

    /**
     * Removes the entries of {@code droppedRows} (versions cut off from {@code key}'s chain) that
     * no version left ({@code survivors} on; null: none) still carries.
     */
    void removeUnbacked(PartitionTrees trees, Key key, List<Object[]> droppedRows, Version survivors) {
        List<IndexDef> indexes = trees.table().indexes();
        for (int i = 0; i < indexes.size(); i++) {
            IndexDef index = indexes.get(i);
            Set<Key> kept = IndexEntries.carried(index, key, survivors);
            for (Object[] row : droppedRows) {
                Key entry = IndexEntries.entryKey(index, row, key);
                if (kept.add(entry)) {
                    calls.operate(trees.secondary(i), null, entry, RowDecisions.removeEntry(++sequence), op -> { });
                }
            }
        }
    }
}
