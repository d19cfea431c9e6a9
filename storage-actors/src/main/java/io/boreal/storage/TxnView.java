package io.boreal.storage;

/**
 * Who is asking, as a partition needs to know: the transaction (whose own writes it sees and
 * whose locks it holds) and its snapshot (which committed versions it sees).
 */
public record TxnView(long transactionId, long snapshot) {

    /**
     * A view of the latest committed rows, for a statement that runs whole inside one partition
     * actor (an autocommit single-partition statement): nothing can commit while it runs, so the
     * latest state is a consistent snapshot, and it never meets a write conflict.
     */
    public static TxnView latest(long transactionId) {
        return new TxnView(transactionId, Long.MAX_VALUE);
    }
}
