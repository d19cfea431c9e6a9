package io.boreal.storage;

import io.boreal.txn.ActiveList;

/**
 * Who is asking, as a partition needs to know: the transaction (whose own writes it sees and
 * whose locks it holds) and its read view — its snapshot timestamp and, under the
 * {@code active_list} twin, the copy of the active list it took ({@code activeList}, null
 * under CTS).
 */
public record TxnView(long transactionId, long snapshot, ActiveList.View activeList) {

    public TxnView(long transactionId, long snapshot) {
        this(transactionId, snapshot, null);
    }

    /**
     * A view of the latest committed rows, for a statement that runs whole inside one partition
     * actor (an autocommit single-partition statement): nothing can commit while it runs, so the
     * latest state is a consistent snapshot, and it never meets a write conflict.
     */
    public static TxnView latest(long transactionId) {
        return new TxnView(transactionId, Long.MAX_VALUE, null);
    }

    /** Whether a version {@code writer} committed at {@code csn} ({@code > 0}) is visible. */
    public boolean sees(long writer, long csn) {
        return activeList == null ? csn <= snapshot : activeList.sees(writer, csn);
    }
}
