package io.boreal.storage.schema;

import java.util.ArrayList;
import java.util.List;

import io.boreal.storage.Key;
import io.boreal.transport.kryo.KryoMessage;

/**
 * A table's definition as every partition and session sees it. Immutable; DDL makes a new one.
 *
 * @param id           node-unique id, never reused (a table dropped and created again gets a
 *                     new id, so its partitions start empty)
 * @param name         lower-case name
 * @param columns      the columns in row order
 * @param primaryKey   positions of the primary-key columns
 * @param indexes      secondary indexes
 * @param partitioning how rows are spread over partitions
 */
public record TableDef(long id, String name, List<ColumnDef> columns, List<Integer> primaryKey,
                       List<IndexDef> indexes, Partitioning partitioning) implements KryoMessage {

    public int columnIndex(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        return -1;
    }

    public Key primaryKeyOf(Object[] row) {
        Object[] values = new Object[primaryKey.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = row[primaryKey.get(i)];
        }
        return Key.of(values);
    }

    public int autoIncrementColumn() {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).autoIncrement()) {
                return i;
            }
        }
        return -1;
    }

    public TableDef withIndex(IndexDef index) {
        List<IndexDef> more = new ArrayList<>(indexes);
        more.add(index);
        return new TableDef(id, name, columns, primaryKey, List.copyOf(more), partitioning);
    }

    /** The entity id of partition {@code number}: what sharding and the redo log are keyed by. */
    public String partitionId(int number) {
        return id + "-" + number;
    }
}
