package io.boreal.actors.impl;

import java.util.function.Consumer;

import io.boreal.sharding.BorealNode;
import io.boreal.storage.EngineException;
import io.boreal.storage.Partition;
import io.boreal.storage.TxnView;

/**
 * A session's transaction state. A transaction starts at the first statement after the previous
 * one ended, taking its snapshot then; in autocommit mode (and no BEGIN) it ends with its
 * statement. It remembers the one partition it wrote in, where COMMIT and ROLLBACK go.
 *
 * <p>Used only from its session's actor.
 */
final class Transactions {

    private final Session session;
    private final BorealNode node;
    private boolean autoCommit = true;
    private boolean begun;
    private boolean active;
    private long transactionId;
    private long snapshot;
    private PartitionRef writePartition;
    private String writePartitionId;

    Transactions(Session session, BorealNode node) {
        this.session = session;
        this.node = node;
    }

    /** True while statements belong to a transaction that outlives them. */
    boolean explicit() {
        return !autoCommit || begun;
    }

    /** The running transaction, started now if there is none. */
    TxnView view() {
        if (!active) {
            transactionId = node.timestamps().nextTransactionId();
            snapshot = node.snapshots().open(transactionId);
            active = true;
        }
        return new TxnView(transactionId, snapshot);
    }

    /** The running transaction's id, or 0 when none is running. */
    long activeId() {
        return active ? transactionId : 0;
    }

    String writePartitionId() {
        return writePartitionId;
    }

    void wrote(String partitionId, PartitionRef partition) {
        writePartitionId = partitionId;
        writePartition = partition;
    }

    /** The statement is over: an autocommit transaction ends with it (its writes are committed). */
    void statementDone() {
        if (!explicit()) {
            release();
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
        if (!active || writePartition == null) {
            release();
            then.accept(null);
            return;
        }
        if (!commit) {
            rollback();
            then.accept(null);
            return;
        }
        long id = transactionId;
        session.send(java.util.List.of(new Session.Request(writePartition,
                tag -> new Partition.Commit(tag, id, session.replies))), replies -> {
            release();
            then.accept(replies[0] instanceof Partition.Failed f ? f.error() : null);
        });
    }

    /** Undoes everything the transaction wrote and ends it. */
    void rollback() {
        if (active && writePartition != null) {
            session.tell(writePartition, new Partition.Abort(transactionId));
        }
        begun = false;
        release();
    }

    /** After an error that dooms the transaction (40001, 40P01, 55P03, a second partition). */
    void rollbackIfDoomed(Throwable error) {
        if (error instanceof EngineException e && explicit() && dooms(e)) {
            rollback();
        }
    }

    static boolean dooms(EngineException e) {
        return e.sqlState().startsWith("40") || e.sqlState().equals("55P03") || e.sqlState().equals("57014");
    }

    private void release() {
        if (active) {
            node.snapshots().release(transactionId);
        }
        active = false;
        writePartition = null;
        writePartitionId = null;
    }
}
