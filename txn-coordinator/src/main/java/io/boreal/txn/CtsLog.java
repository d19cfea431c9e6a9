package io.boreal.txn;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The node's commit timestamp log (PolarTrans' CTS log): a ring of transaction slots, the slot
 * of transaction {@code id} being {@code id mod N}. A slot holds its owner's id, its state —
 * active, prepared, committing, committed with its commit sequence number (CSN), aborted — and
 * the snapshot of its read view while it is open. Versions name their writer by id only; a
 * reader judges an unstamped version here, then stamps it (see {@link #status}).
 *
 * <p>Begin and commit take no lock: begin claims a slot with one CAS, commit is two volatile
 * writes (committing, then the CSN), and a read view is one snapshot timestamp. Committing one
 * slot makes a transaction's versions in every partition of the node visible at once.
 *
 * <p>Slot reuse. A slot is given to a new owner only when no version still needs the previous
 * one: it was released (every version it wrote is stamped with its outcome, or it wrote none),
 * or it committed at or below the low watermark (every open snapshot sees it). So a reader that
 * finds its writer's slot owned by a later transaction knows the writer committed long enough
 * ago to be visible to every snapshot — {@link #FORGOTTEN}. A transaction that aborted without
 * being released keeps its slot: begin skips it.
 *
 * <p>Transactions of other nodes. An id of another node's incarnation has no slot here; every
 * method answers for it from {@link ForeignTxns}, the shadow its partitions here keep.
 *
 * <p>Invariants: an owner's state moves active → (prepared →) committing → committed, or
 * active/prepared → aborted; a CSN never changes once set; a slot's owner only grows; a slot
 * is claimed by changing its owner first, so {@link #status} validates what it read by reading
 * the owner again. A slot being claimed has the negated id of its next owner.
 *
 * <p>Thread-safety: every method may be called from any thread; methods that change a
 * transaction's state are called by the one party that runs that transaction's commit.
 * Known gap: {@link #release}, {@link #finish}, {@link #tryAbort} and {@link #tryPrepare} check
 * the owner, then act; a slot reclaimed between the two (which takes a full lap of the ring by
 * other begins inside those few instructions) would be acted on under its new owner. Folding the
 * owner into the state word would close it.
 */
public final class CtsLog {

    /** Open, writing or reading; its versions are locks. */
    public static final long ACTIVE = 0;
    /** Its commit timestamp is being taken; readers wait the few instructions until it is set. */
    public static final long COMMITTING = -1;
    /** Rolled back: its versions are as if absent. */
    public static final long ABORTED = -2;
    /** Prepared in a two-phase commit: still uncommitted, its versions still locks. */
    public static final long PREPARED = -3;
    /** Answer of {@link #status} for a writer whose slot has a later owner: committed long ago. */
    public static final long FORGOTTEN = -4;

    /** A snapshot being taken: the low watermark cannot be computed past it yet. */
    private static final long PENDING = Long.MIN_VALUE;
    private static final int RELEASED = 1;
    private static final int LISTED = 2;
    private static final long REFRESH_NS = 50_000_000L;
    /** The snapshot of a slot whose owner has ended: it holds the low watermark back no more. */
    private static final long ENDED = Long.MAX_VALUE;

    private final TimestampSource clock;
    private final int mask;
    private final AtomicLongArray owners;
    private final AtomicLongArray states;
    private final AtomicLongArray snapshots;
    /** Bits: released (no version needs the owner), listed (it is in an {@link ActiveList}). */
    private final AtomicIntegerArray flags;
    /** Statements of the owner undone after a refusal: a lock met before one may be gone. */
    private final AtomicIntegerArray undone;
    private final AtomicLong ids = new AtomicLong();
    private final long incarnation;
    private final AtomicLong skipped = new AtomicLong();
    /** Under global snapshots: the clock as it was a while ago, the oldest snapshot another node may still read at. */
    private final LaggingClock lagging = new LaggingClock(FOREIGN_SNAPSHOT_LAG_NS, REFRESH_NS);
    /** Transactions of other nodes that wrote here: every method given one of their ids answers from it. */
    private final ForeignTxns foreign = new ForeignTxns();
    private volatile long watermark = TimestampSource.RECOVERED;
    private volatile long watermarkAtNs = System.nanoTime() - REFRESH_NS;
    /** One thread scans at a time; the others take the last value. */
    private final java.util.concurrent.atomic.AtomicBoolean scanning = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Under global snapshots, how long a snapshot of another node is kept readable here: the low
     * watermark stays at or below what this node's clock said that long ago. A transaction of
     * another node reading at a snapshot below the watermark is refused (40001, snapshot too
     * old) rather than shown rows its snapshot should not see.
     */
    public static final long FOREIGN_SNAPSHOT_LAG_NS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);

    /** Transaction ids of one incarnation of the node: its number sits above these bits. */
    public static final int ID_BITS = 40;

    /**
     * @param slots       a power of two, larger than the number of transactions ever open at once
     * @param incarnation the node's start count (durable): ids start at {@code incarnation << }{@link #ID_BITS},
     *                    so no id repeats across restarts
     */
    public CtsLog(TimestampSource clock, int slots, long incarnation) {
        if (Integer.bitCount(slots) != 1 || slots < 2) {
            throw new IllegalArgumentException("the CTS log's slot count must be a power of two: " + slots);
        }
        this.clock = clock;
        this.mask = slots - 1;
        this.owners = new AtomicLongArray(slots);
        this.states = new AtomicLongArray(slots);
        this.snapshots = new AtomicLongArray(slots);
        this.flags = new AtomicIntegerArray(slots);
        this.undone = new AtomicIntegerArray(slots);
        this.incarnation = incarnation;
        this.ids.set(incarnation << ID_BITS);
        for (int s = 0; s < slots; s++) {
            states.set(s, ABORTED); // never used: free
            flags.set(s, RELEASED);
            snapshots.set(s, ENDED);
        }
    }

    public TimestampSource clock() {
        return clock;
    }

    private int slot(long id) {
        return (int) (id & mask);
    }

    /**
     * Starts a transaction: a fresh id whose slot is claimed, active, with its snapshot taken.
     *
     * @throws IllegalStateException when no slot is free (more open transactions than slots)
     */
    public long begin() {
        return begin(false);
    }

    /** {@link #begin()}, marking the transaction as one an {@link ActiveList} also tracks. */
    long begin(boolean listed) {
        for (int tries = 0; ; tries++) {
            long id = ids.incrementAndGet();
            int s = slot(id);
            long previous = owners.get(s);
            if (previous < 0 || !reusable(s, tries == mask / 2)) { // once half a lap was skipped, look again
                skipped.incrementAndGet();
                if (tries > 2 * (long) mask) {
                    throw new IllegalStateException("the CTS log has no free slot: " + (mask + 1)
                            + " transactions are open or not yet released");
                }
                continue;
            }
            // Claimed in two steps: a negative owner says "being claimed", so no other begin judges
            // the slot by the previous owner's flags and state while they are being reset.
            if (!owners.compareAndSet(s, previous, -id)) {
                continue; // a begin one lap ahead took it
            }
            undone.set(s, 0);
            flags.set(s, listed ? LISTED : 0);
            snapshots.set(s, PENDING);
            states.set(s, ACTIVE);
            owners.set(s, id);
            snapshots.set(s, clock.snapshot()); // read after the slot is active: see lowWatermark
            return id;
        }
    }

    private boolean reusable(int s, boolean refresh) {
        if ((flags.get(s) & RELEASED) != 0) {
            return true;
        }
        long state = states.get(s);
        return state > 0 && state <= (refresh ? refreshWatermark() : lowWatermark());
    }

    /** The snapshot {@code id} took at {@link #begin}. */
    public long snapshot(long id) {
        return snapshots.get(slot(id));
    }

    /** Whether {@code id} was begun here, in this incarnation of the node (ids carry it). */
    public boolean isLocal(long id) {
        return id >>> ID_BITS == incarnation;
    }

    /** The last id handed out. */
    public long lastId() {
        return ids.get();
    }

    /**
     * The outcome of {@code id} as its versions should be judged: its CSN ({@code > 0}),
     * {@link #ACTIVE}, {@link #PREPARED}, {@link #ABORTED}, or {@link #FORGOTTEN} when the slot
     * has a later owner (the caller rereads its version's stamp, which is set before a release,
     * and else treats the writer as committed before every open snapshot). Waits out a commit in
     * progress.
     */
    public long status(long id) {
        if (!isLocal(id)) {
            return foreign.status(id);
        }
        int s = slot(id);
        while (true) {
            if (owners.get(s) != id) {
                return FORGOTTEN;
            }
            long state = states.get(s);
            if (owners.get(s) != id) {
                return FORGOTTEN;
            }
            if (state != COMMITTING) {
                return state;
            }
            Thread.onSpinWait();
        }
    }

    /** True while {@code id} is open: active or prepared (its versions are its row locks). */
    public boolean open(long id) {
        long state = status(id);
        return state == ACTIVE || state == PREPARED;
    }

    public boolean listed(long id) {
        int s = slot(id);
        return owners.get(s) == id && (flags.get(s) & LISTED) != 0;
    }

    /** Two-phase commit: {@code id} is prepared everywhere it wrote. */
    public void prepare(long id) {
        states.set(owned(id), PREPARED);
    }

    /**
     * Commits {@code id}: takes its commit timestamp and publishes it; returns the CSN, or 0 when
     * the clock has none to give now ({@code id} is left as it was: retry once
     * {@link TimestampSource#whenAvailable} says so).
     *
     * <p>The slot says committing while the timestamp is taken: a reader that meets it then
     * waits the few instructions until it is set, since a snapshot taken just after the
     * timestamp was issued must see the commit every time it looks, not only after it is set.
     */
    public long tryCommit(long id) {
        if (!isLocal(id)) {
            return foreign.tryCommit(id, clock);
        }
        int s = owned(id);
        long before = states.get(s);
        states.set(s, COMMITTING);
        long csn = 0;
        try {
            csn = clock.tryNextCommit();
        } finally {
            states.set(s, csn == 0 ? before : csn); // never leave readers spinning on COMMITTING
        }
        if (csn != 0) {
            snapshots.set(s, ENDED);
        }
        return csn;
    }

    /**
     * Commits the prepared {@code id} at {@code csn}, taken from the clock before its decision was
     * durable (see {@code TxnSystem#tryReserveCommit}). No committing state is needed: under
     * global snapshots no snapshot reaches {@code csn} before its node reports it used, which
     * happens after this.
     */
    public void commitAt(long id, long csn) {
        int s = owned(id);
        states.set(s, csn);
        snapshots.set(s, ENDED);
    }

    /**
     * A partition starts the one-partition commit of {@code id}: from now on it commits,
     * whatever its session does. False when the session rolled it back first.
     */
    public boolean tryPrepare(long id) {
        if (!isLocal(id)) {
            return foreign.tryPrepare(id);
        }
        int s = slot(id);
        return owners.get(s) == id && states.compareAndSet(s, ACTIVE, PREPARED);
    }

    /** Rolls {@code id} back, whatever its state (its two-phase commit's coordinator decided so). */
    public void abort(long id) {
        if (!isLocal(id)) {
            foreign.abort(id);
            return;
        }
        int s = owned(id);
        states.set(s, ABORTED);
        snapshots.set(s, ENDED);
    }

    /**
     * Rolls {@code id} back unless a partition started committing it ({@link #tryPrepare}), in
     * which case that partition decides and this returns false.
     */
    public boolean tryAbort(long id) {
        if (!isLocal(id)) {
            return foreign.tryAbort(id);
        }
        int s = slot(id);
        if (owners.get(s) == id && states.compareAndSet(s, ACTIVE, ABORTED)) {
            snapshots.set(s, ENDED);
            return true;
        }
        return false;
    }

    /**
     * No version needs {@code id}'s slot any more: every version it wrote is stamped with its
     * outcome (or it wrote none, or it committed). A transaction that ends without writing is
     * aborted and released in one call ({@link #finish}).
     */
    public void release(long id) {
        if (!isLocal(id)) {
            foreign.leave(id);
            return;
        }
        int s = slot(id);
        if (owners.get(s) == id) {
            flags.getAndUpdate(s, f -> f | RELEASED);
        }
    }

    /**
     * Ends {@code id}, which left no version anywhere: aborted (if still active) and released.
     * A transaction a partition is committing ({@link #tryPrepare}) is left to that partition.
     */
    public void finish(long id) {
        if (!isLocal(id)) {
            return; // a foreign transaction ends here with its partitions' releases
        }
        int s = slot(id);
        if (owners.get(s) == id && (states.compareAndSet(s, ACTIVE, ABORTED) || states.get(s) != PREPARED)) {
            snapshots.set(s, ENDED);
            flags.getAndUpdate(s, f -> f | RELEASED);
        }
    }

    private int owned(long id) {
        int s = slot(id);
        if (owners.get(s) != id) {
            throw new IllegalStateException("transaction " + id + " does not own its CTS slot any more");
        }
        return s;
    }

    /** A statement of {@code id} put back what it had installed. */
    public void statementUndone(long id) {
        if (!isLocal(id)) {
            foreign.statementUndone(id);
            return;
        }
        int s = slot(id);
        if (owners.get(s) == id) {
            undone.incrementAndGet(s);
        }
    }

    public int undone(long id) {
        return isLocal(id) ? undone.get(slot(id)) : foreign.undone(id);
    }

    /**
     * A partition of this node installs versions of {@code id}, a transaction of another node
     * reading at {@code snapshot}:
     * from now until it {@link #release}s them, this log answers for {@code id} from its shadow
     * ({@link ForeignTxns}). Nothing for a local id.
     */
    public void joined(long id, long snapshot) {
        if (!isLocal(id)) {
            foreign.join(id, snapshot == Long.MAX_VALUE ? clock.snapshot() : snapshot);
        }
    }

    /**
     * Whether {@code requester} (reading at {@code requesterSnapshot}; {@link Long#MAX_VALUE}
     * counts as now) is younger than {@code holder}:
     * by snapshot, then id. A total order on open transactions, so a rule that only lets the
     * older wait for the younger (wait-die) can form no cycle, whichever nodes the waits are on.
     */
    public boolean younger(long requester, long requesterSnapshot, long holder) {
        long mine = requesterSnapshot == Long.MAX_VALUE ? clock.snapshot() : requesterSnapshot;
        long theirs = isLocal(holder) ? snapshots.get(slot(holder)) : foreign.snapshot(holder);
        return mine != theirs ? mine > theirs : requester > holder;
    }

    /** A partition of this node holds no version of {@code id}, a transaction of another node, any more. */
    public void left(long id) {
        if (!isLocal(id)) {
            foreign.leave(id);
        }
    }

    /** {@code id}, a transaction of another node, was rolled back there. */
    public void abortedElsewhere(long id) {
        if (!isLocal(id)) {
            foreign.abort(id);
        }
    }

    /** {@code id}, a transaction of another node, committed there at {@code csn}. */
    public void committedElsewhere(long id, long csn) {
        if (!isLocal(id)) {
            foreign.committed(id, csn);
        }
    }

    /** Transactions of other nodes with versions on this node now. */
    public int foreignTransactions() {
        return foreign.size();
    }

    /** How many ids begin skipped because their slot's owner was still needed. */
    public long skippedSlots() {
        return skipped.get();
    }

    /**
     * A timestamp at or below every snapshot an open or future transaction of this node holds
     * (under global snapshots, and of another node unless it is older than
     * {@link #FOREIGN_SNAPSHOT_LAG_NS}): a version
     * older than the newest one committed at or below it is invisible to all. Recomputed at
     * most every few milliseconds by scanning the slots; a stale value is only lower, which
     * delays purging and slot reuse and never purges too much.
     */
    public long lowWatermark() {
        if (System.nanoTime() - watermarkAtNs > REFRESH_NS && scanning.compareAndSet(false, true)) {
            try {
                return refreshWatermark();
            } finally {
                scanning.set(false);
            }
        }
        return watermark;
    }

    /**
     * Scans the slots' snapshots, one array read in order (an ended owner's snapshot is
     * {@link #ENDED}, above everything). A begin that the scan misses marked its snapshot
     * pending after the scan read it, hence after the scan read the clock, and took its snapshot
     * after that: at or above the clock value the scan starts from. A snapshot still being taken
     * stops the scan (the last value stands). An owner that ended just before the scan and has
     * not yet marked its snapshot ended only holds the watermark lower, which is safe.
     */
    private long refreshWatermark() {
        long min = clock.snapshot();
        long now = System.nanoTime();
        watermarkAtNs = now; // at most one scan per interval, whatever it finds
        if (clock.global()) {
            min = lagging.lagged(now, min);
        }
        for (int s = 0; s <= mask; s++) {
            long snapshot = snapshots.get(s);
            if (snapshot == PENDING) {
                return watermark;
            }
            if (snapshot < min) {
                min = snapshot;
            }
        }
        if (min > watermark) {
            watermark = min;
        }
        return watermark;
    }
}
