package io.boreal.storage.journal.impl;

import java.util.concurrent.CompletableFuture;

/** Delete the events of one persistenceId up to {@code toSeqNr} (clamped to its highest when written). */
final class DeleteRequest implements LogRequest {

    final PersistenceIdEntries owner;
    final long toSeqNr;
    final CompletableFuture<Void> done = new CompletableFuture<>();

    DeleteRequest(PersistenceIdEntries owner, long toSeqNr) {
        this.owner = owner;
        this.toSeqNr = toSeqNr;
    }

    @Override
    public void fail(Throwable cause) {
        done.completeExceptionally(cause);
    }
}
