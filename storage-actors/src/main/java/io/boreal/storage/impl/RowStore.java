package io.boreal.storage.impl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

import io.boreal.storage.Key;
import io.boreal.storage.ReadSpec;
import io.boreal.storage.TxnView;
import io.boreal.storage.schema.IndexDef;
import io.boreal.storage.schema.TableDef;

/**
 * A partition's rows: the primary index (key to version chain) and the secondary indexes
 * (entries of indexed values + primary key), all in memory, owned by one partition actor.
 *
 * <p>One mutation primitive: {@link #write(Key, Object[], long)} puts a transaction's
 * uncommitted version at the head of a chain; {@link #stamp} and {@link #undo} finish it. The
 * partition checks locks and conflicts before calling it.
 *
 * <p>Secondary entries are added when a version with new indexed values is written and removed
 * only when no version left in the chain carries those values, so a reader of an old snapshot
 * still finds the row; readers recheck the row's values against the entry.
 *
 * <p>Not thread-safe: the partition actor is its only user. This is the foundation's sorted
 * structure; the B-link tree of page actors replaces it behind the same operations.
 */
final class RowStore {

    private final NavigableMap<Key, Version> primary = new TreeMap<>();
    private final List<NavigableMap<Key, Boolean>> secondary = new ArrayList<>();
    private TableDef table;

    RowStore(TableDef table) {
        this.table = table;
        for (int i = 0; i < table.indexes().size(); i++) {
            secondary.add(new TreeMap<>());
        }
    }

    int size() {
        return primary.size();
    }

    /** Loads committed rows (recovery): every row becomes one version stamped {@code commitTs}. */
    void load(Map<Key, Object[]> rows, long commitTs) {
        for (Map.Entry<Key, Object[]> e : rows.entrySet()) {
            primary.put(e.getKey(), new Version(e.getValue(), 0, commitTs, null));
            addEntries(e.getKey(), e.getValue());
        }
    }

    /** Adds a secondary index and fills it from every version of every row. */
    void addIndex(TableDef newTable) {
        this.table = newTable;
        NavigableMap<Key, Boolean> entries = new TreeMap<>();
        IndexDef index = newTable.indexes().get(newTable.indexes().size() - 1);
        for (Map.Entry<Key, Version> e : primary.entrySet()) {
            for (Version v = e.getValue(); v != null; v = v.older) {
                if (v.row != null) {
                    entries.put(entryKey(index, v.row, e.getKey()), Boolean.TRUE);
                }
            }
        }
        secondary.add(entries);
    }

    Version chain(Key key) {
        return primary.get(key);
    }

    /**
     * Visits, in index order, each row visible to {@code view} in the spec's range that passes
     * its filter, as (primary key, row), until the limit.
     */
    void scan(ReadSpec spec, TxnView view, RowVisitor visitor) {
        int limit = spec.limit() < 0 ? Integer.MAX_VALUE : spec.limit();
        int found = 0;
        if (spec.index() == 0) {
            for (Map.Entry<Key, Version> e : range(primary, spec).entrySet()) {
                Object[] row = e.getValue().visibleTo(view.transactionId(), view.snapshot());
                if (row != null && spec.filter().test(row)) {
                    visitor.visit(e.getKey(), row);
                    if (++found >= limit) {
                        return;
                    }
                }
            }
            return;
        }
        IndexDef index = table.indexes().get(spec.index() - 1);
        int width = index.columns().size();
        for (Key entry : range(secondary.get(spec.index() - 1), spec).keySet()) {
            Key pk = entry.suffix(width);
            Version chain = primary.get(pk);
            Object[] row = chain == null ? null : chain.visibleTo(view.transactionId(), view.snapshot());
            if (row != null && matches(index, row, entry) && spec.filter().test(row)) {
                visitor.visit(pk, row);
                if (++found >= limit) {
                    return;
                }
            }
        }
    }

    private static <V> NavigableMap<Key, V> range(NavigableMap<Key, V> map, ReadSpec spec) {
        if (spec.from() != null && spec.to() != null) {
            if (spec.from().compareTo(spec.to()) > 0) {
                return new TreeMap<>();
            }
            return map.subMap(spec.from(), true, spec.to(), true);
        }
        if (spec.from() != null) {
            return map.tailMap(spec.from(), true);
        }
        if (spec.to() != null) {
            return map.headMap(spec.to(), true);
        }
        return map;
    }

    /**
     * The mutation primitive: makes {@code row} (null = delete) the transaction's version of the
     * row, replacing its earlier uncommitted version if it has one. The caller has checked that
     * no other transaction holds the row.
     */
    void write(Key key, Object[] row, long transactionId) {
        Version head = primary.get(key);
        if (head != null && !head.committed()) {
            head.row = row;
        } else {
            primary.put(key, new Version(row, transactionId, 0, head));
        }
        if (row != null) {
            addEntries(key, row);
        }
    }

    /**
     * Commits the transaction's version of {@code key} at {@code commitTs}, then drops the
     * versions no snapshot at or above {@code lowWatermark} can see.
     */
    void stamp(Key key, long commitTs, long lowWatermark) {
        Version head = primary.get(key);
        head.commitTs = commitTs;
        purge(key, head, lowWatermark);
    }

    /** Removes the transaction's uncommitted version of {@code key}. */
    void undo(Key key) {
        Version head = primary.get(key);
        Set<IndexEntry> before = entriesOf(key, head);
        if (head.older == null) {
            primary.remove(key);
        } else {
            primary.put(key, head.older);
        }
        removeEntriesNoLongerBacked(key, before, head.older);
    }

    private void purge(Key key, Version head, long lowWatermark) {
        Version keep = head;
        while (keep != null && keep.commitTs > lowWatermark) {
            keep = keep.older;
        }
        if (keep == null || (keep.older == null && !(keep == head && head.row == null))) {
            return; // nothing old enough to drop
        }
        Set<IndexEntry> before = entriesOf(key, head);
        keep.older = null;
        Version survivors = head;
        if (head == keep && head.row == null) {
            primary.remove(key); // a deletion every snapshot sees: the row is gone for good
            survivors = null;
        }
        removeEntriesNoLongerBacked(key, before, survivors);
    }

    private void removeEntriesNoLongerBacked(Key key, Set<IndexEntry> before, Version survivors) {
        if (secondary.isEmpty()) {
            return;
        }
        before.removeAll(entriesOf(key, survivors));
        for (IndexEntry entry : before) {
            secondary.get(entry.index()).remove(entry.key());
        }
    }

    /** An entry of secondary index number {@code index}. */
    private record IndexEntry(int index, Key key) {
    }

    private Set<IndexEntry> entriesOf(Key key, Version chain) {
        Set<IndexEntry> entries = new HashSet<>();
        List<IndexDef> indexes = table.indexes();
        for (Version v = chain; v != null; v = v.older) {
            if (v.row == null) {
                continue;
            }
            for (int i = 0; i < indexes.size(); i++) {
                entries.add(new IndexEntry(i, entryKey(indexes.get(i), v.row, key)));
            }
        }
        return entries;
    }

    private void addEntries(Key key, Object[] row) {
        List<IndexDef> indexes = table.indexes();
        for (int i = 0; i < indexes.size(); i++) {
            secondary.get(i).put(entryKey(indexes.get(i), row, key), Boolean.TRUE);
        }
    }

    private static Key entryKey(IndexDef index, Object[] row, Key pk) {
        int width = index.columns().size();
        Object[] values = new Object[width + pk.size()];
        for (int i = 0; i < width; i++) {
            values[i] = row[index.columns().get(i)];
        }
        for (int i = 0; i < pk.size(); i++) {
            values[width + i] = pk.get(i);
        }
        return Key.of(values);
    }

    private static boolean matches(IndexDef index, Object[] row, Key entry) {
        for (int i = 0; i < index.columns().size(); i++) {
            if (Key.compareValues(row[index.columns().get(i)], entry.get(i)) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Receives the rows of a scan. */
    @FunctionalInterface
    interface RowVisitor {
        void visit(Key primaryKey, Object[] row);
    }
}
