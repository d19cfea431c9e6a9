package io.boreal.txn;

/**
 * The node's transaction system: the CTS log every transaction has a slot in, and the
 * active-transaction list of the classic twin ({@code boreal.mvcc = active_list}), which only
 * the transactions begun under that mode join. Whoever runs a transaction's commit goes
 * through here, so a listed one leaves the list as it commits.
 *
 * <p>Thread-safety: as {@link CtsLog} and {@link ActiveList}.
 */
public final class TxnSystem {

    /** How read views are taken: one snapshot timestamp, or a copy of the active list. */
    public enum Mvcc { CTS, ACTIVE_LIST }

    /**
     * A begun transaction: its id, its snapshot, and under the twin its read view (null for a
     * CTS read view, which is the snapshot alone).
     */
    public record Begun(long id, long snapshot, ActiveList.View view) {
    }

    private final CtsLog log;
    private final ActiveList list;
    private final WaitForGraph waitsFor = new WaitForGraph();

    /** @param incarnation the node's start count, so transaction ids never repeat across restarts */
    public TxnSystem(TimestampSource clock, int slots, long incarnation) {
        this.log = new CtsLog(clock, slots, incarnation);
        this.list = new ActiveList(log);
    }

    public CtsLog log() {
        return log;
    }

    public ActiveList activeList() {
        return list;
    }

    /** Who waits for whom across the node's partitions (deadlock detection). */
    public WaitForGraph waitsFor() {
        return waitsFor;
    }

    public Begun begin(Mvcc mode) {
        if (mode == Mvcc.ACTIVE_LIST) {
            ActiveList.View view = list.begin();
            return new Begun(view.self(), view.snapshot(), view);
        }
        long id = log.begin();
        return new Begun(id, log.snapshot(id), null);
    }

    /**
     * Commits {@code id}; returns its CSN (its versions are visible to later snapshots at once),
     * or 0 when no timestamp can be had now: nothing changed, try again once
     * {@link #whenTimestamps} runs its callback.
     */
    public long tryCommit(long id) {
        return log.listed(id) ? list.tryCommit(id) : log.tryCommit(id);
    }

    /**
     * A commit timestamp taken ahead of {@code id}'s two-phase decision, to be published with
     * {@link #commitAt} once the decision is durable (or reported {@link #committed} unused);
     * only under global snapshots, whose horizon keeps every snapshot below it until then. 0
     * when none can be had now: try again once {@link #whenTimestamps} runs its callback.
     */
    public long tryReserveCommit() {
        return log.clock().tryNextCommit();
    }

    /** Commits the prepared {@code id} at {@code csn}, from {@link #tryReserveCommit}. */
    public void commitAt(long id, long csn) {
        log.commitAt(id, csn);
    }

    /**
     * The commit stamped {@code commitTs} is visible in every partition it wrote (see
     * {@link TimestampSource#committed}): called once per timestamp {@link #tryCommit} gave.
     */
    public void committed(long commitTs) {
        log.clock().committed(commitTs);
    }

    /** See {@link TimestampSource#whenVisible}. */
    public void whenVisible(long commitTs, Runnable ready) {
        log.clock().whenVisible(commitTs, ready);
    }

    /** Whether snapshots are the cluster's global ones (see {@link TimestampSource#global}). */
    public boolean globalSnapshots() {
        return log.clock().global();
    }

    /** Runs {@code ready} once a commit may find a timestamp again (on any thread). */
    public void whenTimestamps(Runnable ready) {
        log.clock().whenAvailable(ready);
    }

    /**
     * Rolls {@code id} back, whatever its state (a two-phase commit's coordinator); its slot
     * stays taken until {@link #release} says no version names it.
     */
    public void abort(long id) {
        log.abort(id);
        if (log.listed(id)) {
            list.end(id);
        }
    }

    /** Rolls {@code id} back unless a partition is committing it ({@link CtsLog#tryAbort}). */
    public boolean tryAbort(long id) {
        if (!log.tryAbort(id)) {
            return false;
        }
        if (log.listed(id)) {
            list.end(id);
        }
        return true;
    }

    /** See {@link CtsLog#release}. */
    public void release(long id) {
        log.release(id);
    }

    /** Ends {@code id}, which left no version (read only, or every statement undone). */
    public void finish(long id) {
        boolean listed = log.listed(id); // before finishing: the slot may be reused right after
        log.finish(id);
        if (listed && log.status(id) != CtsLog.PREPARED) {
            list.end(id);
        }
    }

    public long lowWatermark() {
        return log.lowWatermark();
    }
}
