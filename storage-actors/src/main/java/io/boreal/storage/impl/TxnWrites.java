package io.boreal.storage.impl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.boreal.txn.SlotRelease;

/**
 * What one transaction has written in a partition: each key's last image (its redo record), the
 * versions it installed (stamped with its outcome when it ends), and the statements of it still
 * in the trees.
 *
 * <p>Invariant: the versions are stamped, and the transaction's slot release counted down, only
 * once no statement of it is in the trees — so no version of it is left unstamped behind.
 *
 * <p>Not thread-safe: owned by the partition actor.
 */
final class TxnWrites {

    final long transactionId;
    final Map<io.boreal.storage.Key, Object[]> images = new LinkedHashMap<>();
    final List<Version> versions = new ArrayList<>();
    /** Prepared here in a two-phase commit (its images are durable, its outcome not yet). */
    boolean prepared;
    /** Its one-partition commit is on its way to the redo log: it will commit, whatever comes. */
    boolean committing;
    /** Rolled back while a statement was in the trees: stamp and release when it is out. */
    SlotRelease abortedWith;
    private int statementsInTrees;

    TxnWrites(long transactionId) {
        this.transactionId = transactionId;
    }

    boolean aborted() {
        return abortedWith != null;
    }

    void statementSent() {
        statementsInTrees++;
    }

    /** A statement is out of the trees; true when the transaction has none left there. */
    boolean statementBack() {
        return --statementsInTrees == 0;
    }

    boolean statementsInTrees() {
        return statementsInTrees > 0;
    }

    /** The transaction ended: every version it left records {@code outcome} (a CSN, or aborted). */
    void stamp(long outcome) {
        for (Version v : versions) {
            v.stamp(outcome);
        }
    }
}
