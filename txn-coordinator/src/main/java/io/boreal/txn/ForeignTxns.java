package io.boreal.txn;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The state, on this node, of transactions begun on other nodes that wrote here: what this
 * node's {@link CtsLog} answers for an id of another node's incarnation. A foreign transaction's
 * slot is in its own node's log; its versions here are judged by this shadow instead, which its
 * partitions here move along the same states (active → prepared → committing → committed, or
 * aborted) as they learn of them by message.
 *
 * <p>Lifetime: an entry is made by the first partition here that installs a version of the
 * transaction ({@link #join}) and removed when the last of those partitions has stamped its
 * versions with the outcome ({@link #leave}); after that the id is {@link CtsLog#FORGOTTEN},
 * which makes a reader take the version's stamp. A transaction that only read here has none.
 *
 * <p>Invariants: a state moves only forward (see {@link CtsLog}); a CSN never changes once set;
 * {@code holders} counts the partitions here holding unstamped versions of the transaction.
 *
 * <p>Thread-safety: every method may be called from any thread (partition actors, leaf actors).
 */
final class ForeignTxns {

    private static final class Entry {
        final AtomicLong state = new AtomicLong(CtsLog.ACTIVE);
        final AtomicInteger holders = new AtomicInteger();
        final AtomicInteger undone = new AtomicInteger();
        /** Its snapshot: its age, for deadlock prevention across nodes ({@link CtsLog#age}). */
        volatile long snapshot = Long.MAX_VALUE;
    }

    private final ConcurrentHashMap<Long, Entry> entries = new ConcurrentHashMap<>();

    /** A partition here installs versions of {@code id} (begun at {@code snapshot}): it holds them until {@link #leave}. */
    void join(long id, long snapshot) {
        entries.compute(id, (k, e) -> {
            Entry entry = e == null ? new Entry() : e;
            entry.holders.incrementAndGet();
            entry.snapshot = Math.min(entry.snapshot, snapshot);
            return entry;
        });
    }

    /** The snapshot {@code id} joined with; {@link Long#MAX_VALUE} when it holds nothing here. */
    long snapshot(long id) {
        Entry e = entries.get(id);
        return e == null ? Long.MAX_VALUE : e.snapshot;
    }

    /** A partition here stamped its versions of {@code id} (or holds none any more). */
    void leave(long id) {
        entries.computeIfPresent(id, (k, e) -> e.holders.decrementAndGet() <= 0 ? null : e);
    }

    long status(long id) {
        Entry e = entries.get(id);
        if (e == null) {
            return CtsLog.FORGOTTEN;
        }
        while (true) {
            long state = e.state.get();
            if (state != CtsLog.COMMITTING) {
                return state;
            }
            Thread.onSpinWait();
        }
    }

    boolean tryPrepare(long id) {
        Entry e = entries.get(id);
        return e != null && e.state.compareAndSet(CtsLog.ACTIVE, CtsLog.PREPARED);
    }

    /** Takes the commit timestamp from {@code clock} as {@link CtsLog#tryCommit} does; 0 when none now. */
    long tryCommit(long id, TimestampSource clock) {
        Entry e = entries.get(id);
        if (e == null) {
            throw new IllegalStateException("foreign transaction " + id + " holds no versions on this node");
        }
        long before = e.state.getAndSet(CtsLog.COMMITTING);
        long csn = 0;
        try {
            csn = clock.tryNextCommit();
        } finally {
            e.state.set(csn == 0 ? before : csn);
        }
        return csn;
    }

    /** Its coordinator committed it at {@code csn}. */
    void committed(long id, long csn) {
        Entry e = entries.get(id);
        if (e != null) {
            e.state.set(csn);
        }
    }

    void abort(long id) {
        Entry e = entries.get(id);
        if (e != null) {
            e.state.set(CtsLog.ABORTED);
        }
    }

    boolean tryAbort(long id) {
        Entry e = entries.get(id);
        return e != null && e.state.compareAndSet(CtsLog.ACTIVE, CtsLog.ABORTED);
    }

    void statementUndone(long id) {
        Entry e = entries.get(id);
        if (e != null) {
            e.undone.incrementAndGet();
        }
    }

    int undone(long id) {
        Entry e = entries.get(id);
        return e == null ? 0 : e.undone.get();
    }

    /** Foreign transactions with versions here now. */
    int size() {
        return entries.size();
    }
}
