package io.boreal.storage.impl;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The transactions a partition rolled back lately, oldest first, at most {@link #CAPACITY}: a
 * statement of one that was still in the trees when the abort came must not start a new record
 * for it (its versions would stay locked), and a commit of one must fail.
 *
 * <p>Not thread-safe: owned by the partition actor.
 */
final class RecentlyAborted {

    static final int CAPACITY = 65_536;

    private final Set<Long> ids = new LinkedHashSet<>();

    void add(long transactionId) {
        ids.add(transactionId);
        if (ids.size() > CAPACITY) {
            ids.remove(ids.iterator().next());
        }
    }

    boolean contains(long transactionId) {
        return ids.contains(transactionId);
    }
}
