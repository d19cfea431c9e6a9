package io.boreal.storage.schema;

import java.util.List;
import java.util.Objects;

import io.boreal.transport.kryo.KryoMessage;

/**
 * How a table's rows are spread over its partitions: by HASH or RANGE of some primary-key
 * columns. Because the partitioning columns are part of the primary key, a row never moves
 * between partitions unless its key changes, and a lookup by full key goes to one partition.
 *
 * @param kind       HASH or RANGE
 * @param columns    positions (in the row) of the partitioning columns, a subset of the key
 * @param count      number of partitions
 * @param upperBounds for RANGE: the exclusive upper bound of each partition but the last
 *                    (the last takes everything above, MAXVALUE); empty for HASH
 */
public record Partitioning(Kind kind, List<Integer> columns, int count, List<Object> upperBounds)
        implements KryoMessage {

    public enum Kind { HASH, RANGE }

    public static Partitioning hash(List<Integer> columns, int count) {
        return new Partitioning(Kind.HASH, List.copyOf(columns), count, List.of());
    }

    /** The partition of a row. */
    public int partitionOfRow(Object[] row) {
        if (kind == Kind.RANGE) {
            return rangePartition(row[columns.get(0)]);
        }
        int h = 1;
        for (int column : columns) {
            h = 31 * h + Objects.hashCode(row[column]);
        }
        return Math.floorMod(mix(h), count);
    }

    /**
     * The partition holding the rows whose partitioning columns have these values, or -1 when
     * the values do not pin one down (a missing value).
     */
    public int partitionOfValues(Object[] values) {
        if (kind == Kind.RANGE) {
            return rangePartition(values[0]);
        }
        int h = 1;
        for (Object value : values) {
            h = 31 * h + Objects.hashCode(value);
        }
        return Math.floorMod(mix(h), count);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private int rangePartition(Object value) {
        for (int i = 0; i < upperBounds.size(); i++) {
            if (value == null || ((Comparable) value).compareTo(upperBounds.get(i)) < 0) {
                return i;
            }
        }
        return upperBounds.size();
    }

    /** Spreads sequential keys (AUTO_INCREMENT) evenly while staying stable across JVMs. */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h;
    }
}
