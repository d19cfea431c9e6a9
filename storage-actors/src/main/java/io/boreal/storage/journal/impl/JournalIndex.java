package io.boreal.storage.journal.impl;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

/**
 * persistenceId -> {@link PersistenceIdEntries}, the in-memory index of the whole log, rebuilt
 * by the start-up scan. Entries are created on the first write (or delete) of an id and never
 * removed while the journal runs: they hold the highest sequence number, which Akka requires to
 * outlive deletes.
 */
final class JournalIndex {

    private final ConcurrentHashMap<String, PersistenceIdEntries> byPersistenceId = new ConcurrentHashMap<>();

    PersistenceIdEntries get(String persistenceId) {
        return byPersistenceId.get(persistenceId);
    }

    PersistenceIdEntries getOrCreate(String persistenceId) {
        PersistenceIdEntries entries = byPersistenceId.get(persistenceId);
        return entries != null ? entries : byPersistenceId.computeIfAbsent(persistenceId, PersistenceIdEntries::new);
    }

    Collection<PersistenceIdEntries> all() {
        return byPersistenceId.values();
    }

    int size() {
        return byPersistenceId.size();
    }
}
