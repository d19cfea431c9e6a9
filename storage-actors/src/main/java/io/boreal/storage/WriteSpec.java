package io.boreal.storage;

import java.util.List;

/** What a write statement does in one partition. */
public sealed interface WriteSpec {

    /** Inserts full rows (every column present, keys already assigned). */
    record Insert(List<Object[]> rows) implements WriteSpec {
    }

    /** Replaces every matching row by {@code transform(row)}; the primary key must not change. */
    record Update(ReadSpec target, RowTransform transform) implements WriteSpec {
    }

    /** Deletes every matching row. */
    record Delete(ReadSpec target) implements WriteSpec {
    }

    /** Locks every matching row for the transaction and returns them ({@code SELECT … FOR UPDATE}). */
    record Lock(ReadSpec target) implements WriteSpec {
    }
}
