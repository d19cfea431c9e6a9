package io.boreal.storage.btree;

/**
 * What an {@link BTree.Operate} does to one key, decided at its leaf with the key's current
 * value: the one mutation primitive of a tree (insert, update, delete, lock and stamp are all
 * decisions). Runs inside the leaf's actor; must not block.
 */
@FunctionalInterface
public interface Decision {

    /**
     * @param current the key's value, or null when the key is absent
     * @return what to store and what to reply
     */
    Outcome decide(Object current);

    /**
     * @param store  {@link #KEEP} to leave the entry as it is, {@link #REMOVE} to delete it, or
     *               the new value
     * @param reply  what {@link BTree.Operated#reply()} carries back
     */
    record Outcome(Object store, Object reply) {
    }

    /** Leaves the entry as it is. */
    Object KEEP = new Object() {
        @Override
        public String toString() {
            return "KEEP";
        }
    };

    /** Deletes the entry. */
    Object REMOVE = new Object() {
        @Override
        public String toString() {
            return "REMOVE";
        }
    };

    /** Stores {@code value}, replying with the previous value. */
    static Decision put(Object value) {
        return current -> new Outcome(value, current);
    }

    /** Stores {@code value} only when the key is absent; replies true when it stored it. */
    static Decision insert(Object value) {
        return current -> current == null ? new Outcome(value, true) : new Outcome(KEEP, false);
    }

    /** Replies with the current value, changing nothing. */
    static Decision get() {
        return current -> new Outcome(KEEP, current);
    }

    /** Deletes the entry, replying with the value it had. */
    static Decision remove() {
        return current -> new Outcome(current == null ? KEEP : REMOVE, current);
    }
}
