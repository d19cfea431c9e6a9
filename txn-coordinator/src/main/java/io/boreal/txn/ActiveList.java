package io.boreal.txn;

import java.util.Arrays;

/**
 * The classic twin of the CTS log's read views: an InnoDB-style transaction system, a
 * mutex-guarded list of the active transaction ids that every read view copies. A view sees a
 * version when its writer is neither in the copy nor at or above the view's high limit — an id
 * comparison, as InnoDB's {@code ReadView::changes_visible}.
 *
 * <p>So that both kinds of view agree, the mutex also covers the listed transactions' commits:
 * a listed transaction takes its CSN and leaves the list in one step, and a view copies the list
 * and reads the clock in one step. A listed writer is then in a view's copy exactly when its CSN
 * is above the view's snapshot. Transactions begun while the CTS mode ruled are not listed; a
 * view judges them by their CSN, which is also checked for every writer (it costs one
 * comparison and keeps a view exact while the mode is being switched).
 *
 * <p>Thread-safety: every method may be called from any thread; all but view checks hold the
 * mutex — which is what this twin is here to measure.
 */
public final class ActiveList {

    private final CtsLog log;
    private final Object mutex = new Object();
    /** Listed ids, ascending (they are taken under the mutex), in {@code ids[0, size)}. */
    private long[] ids = new long[64];
    private int size;

    public ActiveList(CtsLog log) {
        this.log = log;
    }

    /**
     * A read view: the transaction that holds it, its snapshot, the first id it cannot see and
     * the ids active when it was taken (ascending, its own excluded).
     */
    public record View(long self, long snapshot, long highLimit, long[] active) {

        /** Whether a version written by {@code writer}, committed at {@code csn} ({@code > 0}), is visible. */
        public boolean sees(long writer, long csn) {
            if (writer >= highLimit || csn > snapshot) {
                return false;
            }
            return active.length == 0 || writer < active[0] || Arrays.binarySearch(active, writer) < 0;
        }
    }

    /** Begins a listed transaction and takes its read view. */
    public View begin() {
        synchronized (mutex) {
            long id = log.begin(true);
            long snapshot = log.snapshot(id);
            View view = new View(id, snapshot, log.lastId() + 1, Arrays.copyOf(ids, size));
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
            }
            ids[size++] = id;
            return view;
        }
    }

    /**
     * Commits a listed transaction: its CSN and its leaving the list are one step. Returns 0,
     * changing nothing, when the clock has no timestamp to give now (see {@link CtsLog#tryCommit}).
     */
    public long tryCommit(long id) {
        synchronized (mutex) {
            long csn = log.tryCommit(id);
            if (csn != 0) {
                remove(id);
            }
            return csn;
        }
    }

    /** A listed transaction ended without committing (rolled back or read only). */
    public void end(long id) {
        synchronized (mutex) {
            remove(id);
        }
    }

    /** How many transactions are listed. */
    public int size() {
        synchronized (mutex) {
            return size;
        }
    }

    private void remove(long id) {
        int at = Arrays.binarySearch(ids, 0, size, id);
        if (at >= 0) {
            System.arraycopy(ids, at + 1, ids, at, size - at - 1);
            size--;
        }
    }
}
