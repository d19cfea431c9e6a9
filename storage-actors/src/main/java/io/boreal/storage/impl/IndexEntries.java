package io.boreal.storage.impl;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.boreal.storage.Key;
import io.boreal.storage.schema.IndexDef;

/**
 * Entries of secondary indexes: the indexed values followed by the primary key, so entries are
 * unique and a range of values finds the rows' keys in index order.
 */
final class IndexEntries {

    private IndexEntries() {
    }

    static Key entryKey(IndexDef index, Object[] row, Key pk) {
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

    /** Whether {@code row} has the indexed values {@code entry} starts with. */
    static boolean matches(IndexDef index, Object[] row, Key entry) {
        for (int i = 0; i < index.columns().size(); i++) {
            if (Key.compareValues(row[index.columns().get(i)], entry.get(i)) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether two rows have the same values in {@code index}'s columns. */
    static boolean sameValues(IndexDef index, Object[] a, Object[] b) {
        for (int column : index.columns()) {
            if (Key.compareValues(a[column], b[column]) != 0) {
                return false;
            }
        }
        return true;
    }

    /** The entries of {@code index} that some version of the chain from {@code head} still carries. */
    static Set<Key> carried(IndexDef index, Key pk, Version head) {
        Set<Key> entries = new HashSet<>();
        for (Version v = head; v != null; v = v.older) {
            if (v.row != null) {
                entries.add(entryKey(index, v.row, pk));
            }
        }
        return entries;
    }

    /** The pk of an entry of {@code index}. */
    static Key primaryKeyOf(IndexDef index, Key entry) {
        return entry.suffix(index.columns().size());
    }

}
