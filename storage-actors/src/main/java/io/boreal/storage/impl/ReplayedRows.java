package io.boreal.storage.impl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.boreal.storage.Key;

/**
 * A partition's rows as its redo log replays them, with the images of two-phase transactions
 * put in their place.
 *
 * <p>Why not apply a prepared transaction's images when its outcome is read: the outcome is
 * logged after its commit took effect, and by then a later transaction may have written the
 * same key and logged its own image — before the outcome. Commit order per key is the order of
 * the writers' first records (a prepared writer holds the key's lock from before its
 * {@code Prepared} record until it has an outcome, so any record of the key logged after it is
 * a later write). So for each key this keeps the prepared images logged since its last
 * committed one, in log order; the key's value is the last of them whose transaction
 * committed, decided once all of them are.
 *
 * <p>Not thread-safe: used by the redo log's replay, then by its partition while it resolves
 * transactions recovered in doubt.
 */
public final class ReplayedRows {

    /** A prepared transaction's image of one key, and its outcome once known (null before). */
    private static final class Tentative {
        final long transactionId;
        final Object[] image;
        Boolean commit;

        Tentative(long transactionId, Object[] image) {
            this.transactionId = transactionId;
            this.image = image;
        }
    }

    private final TreeMap<Key, Object[]> rows = new TreeMap<>();
    private final Map<Key, List<Tentative>> tentative = new HashMap<>();
    /** Prepared transactions whose outcome the log has not given yet, in log order. */
    private final Map<Long, RedoLog.Prepared> undecided = new LinkedHashMap<>();

    /** Committed images, in order (null: deleted); a later image of a key replaces everything before it. */
    void committed(List<Key> keys, List<Object[]> images) {
        for (int i = 0; i < keys.size(); i++) {
            tentative.remove(keys.get(i));
            put(keys.get(i), images.get(i));
        }
    }

    void prepared(RedoLog.Prepared prepared) {
        undecided.put(prepared.transactionId(), prepared);
        for (int i = 0; i < prepared.keys().size(); i++) {
            tentative.computeIfAbsent(prepared.keys().get(i), k -> new ArrayList<>())
                    .add(new Tentative(prepared.transactionId(), prepared.rows().get(i)));
        }
    }

    /** The outcome of a prepared transaction (from the log, or from its record when in doubt). */
    void decided(long transactionId, boolean commit) {
        RedoLog.Prepared prepared = undecided.remove(transactionId);
        if (prepared == null) {
            return;
        }
        for (Key key : prepared.keys()) {
            List<Tentative> images = tentative.get(key);
            if (images == null) {
                continue; // a later committed image replaced it
            }
            for (Tentative t : images) {
                if (t.transactionId == transactionId) {
                    t.commit = commit;
                }
            }
            settle(key, images);
        }
    }

    /** Once every tentative image of {@code key} is decided, the last committed one is the row. */
    private void settle(Key key, List<Tentative> images) {
        Tentative last = null;
        for (Tentative t : images) {
            if (t.commit == null) {
                return;
            }
            if (t.commit) {
                last = t;
            }
        }
        tentative.remove(key);
        if (last != null) {
            put(key, last.image);
        }
    }

    private void put(Key key, Object[] image) {
        if (image == null) {
            rows.remove(key);
        } else {
            rows.put(key, image);
        }
    }

    /** The transactions prepared here with no outcome in the log. */
    public Set<Long> inDoubt() {
        return undecided.keySet();
    }

    /** The rows; only once no transaction is in doubt. */
    TreeMap<Key, Object[]> rows() {
        if (!undecided.isEmpty()) {
            throw new IllegalStateException(undecided.size() + " transactions are still in doubt");
        }
        return rows;
    }
}
