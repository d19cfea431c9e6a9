package io.boreal.storage;

/**
 * Which rows of a partition a statement wants: a key range of one index, then a filter.
 *
 * @param index  0 for the primary key, i + 1 for the table's i-th secondary index
 * @param from   lower bound (a {@link Key} or {@link Key#before}/{@link Key#after} bound), null
 *               for the start of the index
 * @param to     upper bound, null for the end
 * @param filter the condition every returned row satisfies (the whole WHERE clause: the range
 *               only narrows what is looked at)
 * @param limit  stop after this many matching rows, or -1
 */
public record ReadSpec(int index, Key from, Key to, RowPredicate filter, int limit) {

    /** Exactly one primary key. */
    public static ReadSpec primaryKey(Key key, RowPredicate filter) {
        return new ReadSpec(0, key, key, filter, -1);
    }
}
