package io.boreal.storage.journal.impl;

import java.util.concurrent.CompletableFuture;

/**
 * Forget every earlier record of one persistenceId in this log, then (when {@code highestSeqNr > 0})
 * restore its deleted-to and highest sequence number: the first step of copying a history taken
 * over from another node's log (the events follow as an ordinary {@link AppendBatch}).
 */
final class ResetRequest implements LogRequest {

    final PersistenceIdEntries owner;
    final long deletedTo;
    final long highestSeqNr;
    final CompletableFuture<Void> done = new CompletableFuture<>();

    ResetRequest(PersistenceIdEntries owner, long deletedTo, long highestSeqNr) {
        this.owner = owner;
        this.deletedTo = deletedTo;
        this.highestSeqNr = highestSeqNr;
    }

    @Override
    public void fail(Throwable cause) {
        done.completeExceptionally(cause);
    }
}
