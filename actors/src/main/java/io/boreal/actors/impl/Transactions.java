package io.boreal.actors.impl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import io.boreal.sharding.BorealNode;
import io.boreal.storage.EngineException;
import io.boreal.storage.Partition;
import io.boreal.storage.TxnView;
import io.boreal.txn.SlotRelease;
import io.boreal.txn.TxnSystem;

/**
 * A session's transaction: its slot in the node's CTS log and the partitions it wrote in. A
 * transaction starts at the first statement after the previous one ended, taking its read view
 * then (a snapshot timestamp, or under {@code boreal.mvcc = active_list} a copy of the active
 * list); in autocommit mode (and no BEGIN) it ends with its statement.
 *
 * <p>Commit. Nothing written: the slot is released. One partition: that partition logs the
 * redo record and takes the CSN ({@link Partition.Commit}). Several: two-phase commit —
 * every partition makes its writes durable as prepared, the decision is made durable in the
 * transaction's record ({@code TxnRecords}), the CSN is taken (every version turns visible at
 * once, in every partition) and the client hears of the commit; the partitions then stamp
 * their versions and log the outcome. A partition that restarts in doubt asks the record.
 *
 * <pre>
 *   COMMIT ──► Prepare ×n ──all Prepared──► Decide(commit) ──recorded──► CSN ──► reply
 *                  │                              │                         └──► CommitPrepared ×n
 *                  └──any Failed──────────────────┴──abort recorded──► Abort ×n ──► error
 * </pre>
 *
 * <p>Rollback: the slot says aborted at once (the versions die for every reader); each
 * partition stamps and tidies its versions, and the last one releases the slot.
 *
 * <p>Used only from its session's actor.
 */
final class Transactions {

    private final Session session;
    private final BorealNode node;
    private final TxnSystem txns;
    private boolean autoCommit = true;
    private boolean begun;
    private boolean active;
    private TxnView view;
    /** The partitions the transaction wrote in (or may have: a statement left unanswered there), by id. */
    private final Map<String, PartitionRef> written = new LinkedHashMap<>();
    /**
     * The partitions of {@link #written} that answered a write with rows changed, by id: each
     * must still hold the transaction's versions at its next request there.
     */
    private final java.util.Set<String> changed = new java.util.HashSet<>();
    /** Where a two-phase commit stands: the session's Close must not cut it after the decision was asked for. */
    private enum Phase { NONE, PREPARING, DECIDING }

    private Phase phase = Phase.NONE;
    /** Test hook ({@code boreal.crash-point}): where a two-phase commit halts the JVM, or "none". */
    private final String crashPoint;

    Transactions(Session session, BorealNode node) {
        this.session = session;
        this.node = node;
        this.txns = node.txns();
        this.crashPoint = node.system().settings().config().getString("boreal.crash-point");
    }

    /** True while statements belong to a transaction that outlives them. */
    boolean explicit() {
        return !autoCommit || begun;
    }

    /** The running transaction, started now if there is none. */
    TxnView view() {
        if (!active) {
            TxnSystem.Begun b;
            try {
                b = txns.begin(node.mvcc());
            } catch (IllegalStateException noSlot) {
                throw new EngineException("53000", "cannot begin a transaction: " + noSlot.getMessage());
            }
            view = new TxnView(b.id(), b.snapshot(), b.view());
            active = true;
        }
        return view;
    }

    /**
     * Under global snapshots, runs {@code then} once the next transaction's snapshot will see
     * every commit acknowledged anywhere before now (one round to the oracle, shared by the
     * node's sessions starting a transaction meanwhile); at once when a transaction runs or
     * snapshots are the node's own.
     */
    void beforeFirstStatement(Runnable then) {
        if (active || !txns.globalSnapshots()) {
            then.run();
            return;
        }
        CompletableFuture<Void> fresh = new CompletableFuture<>();
        txns.log().clock().freshSnapshot(() -> fresh.complete(null));
        session.await(Execution.WaitPath.TIMESTAMP, fresh, (v, e) -> then.run());
    }

    /** Whether a transaction runs: a statement of it has begun. */
    boolean running() {
        return active;
    }

    /**
     * Ends a transaction that has neither read nor written anything that counts (its only
     * statement was refused before it read), so that the next statement begins a new one at a
     * fresh snapshot; an explicit transaction stays open. False (and nothing done) when it has
     * partitions to roll back.
     */
    boolean restartUnused() {
        if (!written.isEmpty()) {
            return false; // a statement given up left partitions to roll back: the error stands
        }
        finish();
        return true;
    }

    /** The running transaction's id, or 0 when none is running. */
    long activeId() {
        return active ? view.transactionId() : 0;
    }

    /** Whether a write of the transaction changed rows in {@code partitionId}: that partition holds its versions. */
    boolean changedRowsIn(String partitionId) {
        return changed.contains(partitionId);
    }

    /** A write changed rows in {@code partition}: the transaction wrote there, and the partition holds its versions. */
    void changedRows(String partitionId, PartitionRef partition) {
        wrote(partitionId, partition);
        changed.add(partitionId);
    }

    void wrote(String partitionId, PartitionRef partition) {
        written.put(partitionId, partition);
    }

    /**
     * The one partition of an autocommit write committed or finished the transaction. A
     * partition of this node released the slot already (it may have a new owner, which finish
     * leaves alone); one of another node judged its versions by its own node's shadow, so the
     * slot here is ended now.
     */
    void endedByPartition() {
        endSlotAfterPartitionCommit();
        clear();
    }

    private void endSlotAfterPartitionCommit() {
        if (active) {
            txns.finish(view.transactionId());
        }
    }

    /** The statement is over: an autocommit transaction ends with it (what it left uncommitted is rolled back). */
    void statementDone() {
        if (!explicit()) {
            if (written.isEmpty()) {
                finish();
            } else {
                rollback();
            }
        }
    }

    /** BEGIN: commits what is open (as MySQL does), then statements join one transaction. */
    void begin(Consumer<Throwable> then) {
        end(true, error -> {
            begun = error == null;
            then.accept(error);
        });
    }

    void setAutoCommit(boolean on, Consumer<Throwable> then) {
        if (on && explicit()) {
            end(true, error -> {
                autoCommit = true;
                then.accept(error);
            });
        } else {
            autoCommit = on;
            then.accept(null);
        }
    }

    /** COMMIT or ROLLBACK of the open transaction, if any. */
    void end(boolean commit, Consumer<Throwable> then) {
        begun = false;
        if (!active || written.isEmpty()) {
            finish();
            then.accept(null);
        } else if (!commit) {
            rollback();
            then.accept(null);
        } else if (written.size() == 1) {
            commitOne(then);
        } else {
            commitTwoPhase(then);
        }
    }

    private void commitOne(Consumer<Throwable> then) {
        long id = view.transactionId();
        PartitionRef partition = written.values().iterator().next();
        session.send(session.blocks(Execution.WaitPath.LOG_FLUSH),
                List.of(new Session.Request(partition, tag -> new Partition.Commit(tag, id, session.replies()))),
                replies -> {
                    if (replies[0] instanceof Partition.Failed f) {
                        // Not committed: the partition refused (the transaction was rolled back), failed
                        // and stopped, or the wait timed out — then the partition decides the outcome.
                        rollback();
                        then.accept(f.error());
                        return;
                    }
                    endSlotAfterPartitionCommit();
                    clear();
                    then.accept(null);
                });
    }

    private void commitTwoPhase(Consumer<Throwable> then) {
        long id = view.transactionId();
        txns.log().prepare(id);
        phase = Phase.PREPARING;
        List<Session.Request> prepares = new ArrayList<>(written.size());
        for (PartitionRef partition : written.values()) {
            prepares.add(new Session.Request(partition, tag -> new Partition.Prepare(tag, id, session.replies())));
        }
        session.send(session.blocks(Execution.WaitPath.LOG_FLUSH), prepares, replies -> {
            for (Partition.Reply reply : replies) {
                if (reply instanceof Partition.Failed f) {
                    abortEverywhere();
                    then.accept(f.error());
                    return;
                }
            }
            crashIfAt("after-prepare");
            phase = Phase.DECIDING;
            decide(then);
        });
    }

    /**
     * Every participant has prepared: record COMMIT, then commit. Under global snapshots the
     * commit timestamp is taken first and recorded with the decision, so that a partition which
     * recovers the transaction in doubt, or decides it after this node died, stamps it at
     * exactly the timestamp its other partitions have — no snapshot sees it in some and not in
     * others. That is safe before the slot says committed: no snapshot passes a tracked
     * timestamp before this node reports it used, after every partition stamped it.
     */
    private void decide(Consumer<Throwable> then) {
        long id = view.transactionId();
        long commitTs = 0;
        if (stampsAhead()) {
            commitTs = txns.tryReserveCommit();
            if (commitTs == 0) {
                CompletableFuture<Void> ready = new CompletableFuture<>();
                txns.whenTimestamps(() -> ready.complete(null));
                session.await(Execution.WaitPath.TIMESTAMP, ready, (v, e) -> decide(then));
                return;
            }
        }
        long reserved = commitTs;
        session.decide(id, written.size(), reserved, decision -> {
            if (!decision.commit()) {
                if (reserved != 0) {
                    txns.committed(reserved); // used by nobody: snapshots may pass it
                }
                abortEverywhere();
                then.accept(new EngineException("40000", "transaction " + id
                        + " was rolled back: its record holds an abort (a participant recovered it in doubt)"));
                return;
            }
            crashIfAt("after-decision");
            if (reserved != 0) {
                txns.commitAt(id, reserved);
                stamp(reserved, then);
            } else {
                commitDecided(then);
            }
        });
    }

    /** Whether the commit timestamp is taken before the decision (see {@link #decide}). */
    private boolean stampsAhead() {
        return txns.globalSnapshots() && !txns.log().listed(view.transactionId());
    }

    /** The decision is durable: take the CSN (every version turns visible), then tell the partitions. */
    private void commitDecided(Consumer<Throwable> then) {
        long id = view.transactionId();
        long commitTs = txns.tryCommit(id);
        if (commitTs == 0) {
            CompletableFuture<Void> ready = new CompletableFuture<>();
            txns.whenTimestamps(() -> ready.complete(null));
            session.await(Execution.WaitPath.TIMESTAMP, ready, (v, e) -> commitDecided(then));
            return;
        }
        stamp(commitTs, then);
    }

    /** The CSN is published: the partitions stamp the transaction's versions with it. */
    private void stamp(long commitTs, Consumer<Throwable> then) {
        long id = view.transactionId();
        SlotRelease release = new SlotRelease(txns.log(), id, written.size());
        if (txns.globalSnapshots()) {
            // The commit is visible everywhere once every partition has stamped it: only then may
            // snapshots pass its timestamp, and only then does the client hear of it.
            List<Session.Request> stamps = new ArrayList<>(written.size());
            for (PartitionRef partition : written.values()) {
                stamps.add(new Session.Request(partition,
                        tag -> new Partition.CommitPrepared(id, commitTs, release, tag, session.replies())));
            }
            clear();
            session.send(session.blocks(Execution.WaitPath.OTHER), stamps, replies -> {
                // Decided and durable, so committed whatever the answers. Snapshots may pass the
                // timestamp only once every partition has stamped it. One that moves meanwhile
                // is sent phase two again (the first may be lost in the move; the slot was
                // counted down when it was): its new home serves the commit's rows at or above
                // its timestamp, which comes with it (see PartitionActor#resolved). So is one whose
                // node left, until it answers from its new home (Session#resendStamps). One that
                // never answered (the statement timed out) takes the outcome from the record when
                // it recovers, and meanwhile the range stays in flight at the oracle until it expires.
                boolean everywhere = true;
                for (Partition.Reply reply : replies) {
                    everywhere &= reply instanceof Partition.Stamped;
                }
                if (!everywhere) {
                    then.accept(null);
                    return;
                }
                txns.committed(commitTs);
                CompletableFuture<Void> visible = new CompletableFuture<>();
                txns.whenVisible(commitTs, () -> visible.complete(null));
                session.await(Execution.WaitPath.TIMESTAMP, visible, (v, e) -> then.accept(null));
            }, tag -> new Partition.CommitPrepared(id, commitTs, SlotRelease.elsewhere(id), tag, session.replies()));
            return;
        }
        for (PartitionRef partition : written.values()) {
            session.tell(partition, new Partition.CommitPrepared(id, commitTs, release));
        }
        txns.committed(commitTs);
        clear();
        then.accept(null);
    }

    /**
     * Undoes everything the transaction wrote and ends it — unless a partition already began
     * its one-partition commit (a COMMIT whose answer timed out), which then decides.
     */
    void rollback() {
        begun = false;
        if (!active) {
            return;
        }
        if (written.isEmpty()) {
            finish();
            return;
        }
        if (phase == Phase.PREPARING) {
            abortEverywhere(); // this session prepared it and no decision was asked for: presumed abort
            return;
        }
        txns.tryAbort(view.transactionId());
        tellAbort();
    }

    /**
     * True from the moment a two-phase commit asks for its decision until it has acted on it:
     * the record may already say COMMIT, so nobody may roll the transaction back meanwhile.
     */
    boolean deciding() {
        return phase == Phase.DECIDING;
    }

    /** The two-phase commit failed, or its record holds an abort: the coordinator aborts. */
    private void abortEverywhere() {
        txns.abort(view.transactionId());
        tellAbort();
    }

    private void tellAbort() {
        long id = view.transactionId();
        SlotRelease release = new SlotRelease(txns.log(), id, written.size());
        for (PartitionRef partition : written.values()) {
            session.tell(partition, new Partition.Abort(id, release));
        }
        clear();
    }

    /** Halts the JVM at {@code point} when the crash-test hook names it (as SIGKILL would end it). */
    private void crashIfAt(String point) {
        if (crashPoint.equals(point)) {
            System.err.println("boreal.crash-point: halting " + point + " of transaction " + view.transactionId());
            System.err.flush();
            Runtime.getRuntime().halt(137);
        }
    }

    /** After an error that dooms the transaction (40001, 40P01, 55P03, 57014). */
    void rollbackIfDoomed(Throwable error) {
        if (error instanceof EngineException e && explicit() && dooms(e)) {
            rollback();
        }
    }

    static boolean dooms(EngineException e) {
        return e.sqlState().startsWith("40") || e.sqlState().equals("55P03") || e.sqlState().equals("57014");
    }

    /** Ends a transaction that left no version anywhere (or whose commit a partition already made). */
    private void finish() {
        if (active) {
            txns.finish(view.transactionId());
        }
        clear();
    }

    private void clear() {
        phase = Phase.NONE;
        active = false;
        view = null;
        written.clear();
        changed.clear();
    }
}
