package io.boreal.storage.impl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.boreal.storage.EngineException;
import io.boreal.storage.Key;
import io.boreal.storage.Partition;
import io.boreal.storage.WriteSpec;
import io.boreal.storage.schema.TableDef;

/**
 * The rows a write statement changes in a partition and their new values (null = delete),
 * found before anything is changed so a statement applies whole or not at all.
 */
final class WriteTargets {

    private final List<Key> keys = new ArrayList<>();
    private final List<Object[]> newRows = new ArrayList<>();
    private final boolean insert;

    private WriteTargets(boolean insert) {
        this.insert = insert;
    }

    static WriteTargets find(TableDef table, RowStore rows, Partition.Write write) {
        WriteSpec spec = write.spec();
        if (spec instanceof WriteSpec.Insert insert) {
            WriteTargets targets = new WriteTargets(true);
            Set<Key> seen = new HashSet<>();
            for (Object[] row : insert.rows()) {
                Key key = table.primaryKeyOf(row);
                if (!seen.add(key)) {
                    throw EngineException.duplicateKey(table.name() + ".primary", key);
                }
                targets.add(key, row);
            }
            return targets;
        }
        WriteTargets targets = new WriteTargets(false);
        if (spec instanceof WriteSpec.Update update) {
            rows.scan(update.target(), write.txn(), (pk, row) -> {
                Object[] changed = update.transform().apply(row);
                if (!table.primaryKeyOf(changed).equals(pk)) {
                    throw EngineException.notSupported("changing a primary key is not supported yet ("
                            + table.name() + ", key " + pk + "); delete and insert the row instead");
                }
                targets.add(pk, changed);
            });
        } else if (spec instanceof WriteSpec.Delete delete) {
            rows.scan(delete.target(), write.txn(), (pk, row) -> targets.add(pk, null));
        } else if (spec instanceof WriteSpec.Lock lock) {
            rows.scan(lock.target(), write.txn(), (pk, row) -> targets.add(pk, row));
        }
        return targets;
    }

    private void add(Key key, Object[] row) {
        keys.add(key);
        newRows.add(row);
    }

    int size() {
        return keys.size();
    }

    Key key(int i) {
        return keys.get(i);
    }

    Object[] newRow(int i) {
        return newRows.get(i);
    }

    List<Object[]> newRows() {
        return newRows;
    }

    boolean isInsert() {
        return insert;
    }
}
