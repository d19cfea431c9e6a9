package io.boreal.actors.impl;

import java.util.ArrayList;
import java.util.List;

import io.boreal.storage.EngineException;
import io.boreal.storage.Partition;
import io.boreal.storage.ReadSpec;
import io.boreal.storage.TxnView;
import io.boreal.storage.WriteSpec;
import io.boreal.storage.schema.TableDef;

/**
 * The write protocol of a statement over its target partitions.
 *
 * <p>An autocommit statement with one target commits in the same round trip. Otherwise every
 * target applies its part for the transaction (uncommitted, locked) and the transaction
 * remembers the partitions written; an autocommit statement then commits — in two phases when
 * it wrote in several partitions ({@link Transactions}).
 */
final class Writes {

    /** One partition's part of a write statement. */
    record Part(int partition, WriteSpec spec) {
    }

    /** What a write statement produced. */
    interface Outcome {
        void accept(long count, List<Object[]> rows, Throwable error);
    }

    private final Session session;
    private final Engine engine;

    Writes(Session session, Engine engine) {
        this.session = session;
        this.engine = engine;
    }

    /** Whether a write names one primary key (or inserts, whose keys it knows). */
    private static boolean singleKey(WriteSpec spec) {
        ReadSpec target = spec instanceof WriteSpec.Update u ? u.target()
                : spec instanceof WriteSpec.Delete d ? d.target()
                : spec instanceof WriteSpec.Lock l ? l.target() : null;
        return target == null || target.index() == 0 && target.from() != null && target.from().equals(target.to());
    }

    void run(TableDef table, List<Part> parts, Outcome outcome) {
        Transactions txn = session.transactions;
        if (parts.isEmpty()) {
            outcome.accept(0, List.of(), null);
            return;
        }
        boolean commitNow = !txn.explicit() && parts.size() == 1;
        // An autocommit statement on one primary key reads and writes in one step at its leaf, so
        // it may read the latest committed row instead of a snapshot that a concurrent commit (one
        // it waited behind, say) would turn into a needless write conflict. A statement over
        // several rows reads them leaf by leaf while others commit: it keeps its snapshot.
        TxnView view = commitNow && singleKey(parts.get(0).spec())
                ? TxnView.latest(txn.view().transactionId()) : txn.view();
        // Under an admission cap, the statement's permit is given back while it waits for a row
        // lock, and once only the redo log is left to wait for, as InnoDB leaves
        // innodb_thread_concurrency for a lock wait and before its log flush.
        boolean reportProgress = session.holdsPermit();
        List<Session.Request> requests = new ArrayList<>(parts.size());
        for (Part part : parts) {
            requests.add(new Session.Request(engine.partition(table, part.partition()),
                    tag -> new Partition.Write(tag, view, part.spec(), commitNow, session.replies(), reportProgress,
                            txn.changedRowsIn(table.partitionId(part.partition())))));
        }
        // A write may queue for a row lock; one that commits in the same round trip waits for the redo log too.
        boolean blocking = session.blocks(Execution.WaitPath.LOCK_WAIT)
                || commitNow && session.blocks(Execution.WaitPath.LOG_FLUSH);
        session.send(blocking, requests, replies -> {
            if (commitNow) {
                Partition.Reply r = replies[0];
                if (r instanceof Partition.Written w) {
                    txn.endedByPartition(); // committed (or finished) there: its slot is the partition's to free
                    outcome.accept(w.count(), w.rows(), null);
                } else {
                    outcome.accept(0, List.of(), ((Partition.Failed) r).error());
                }
                return;
            }
            settle(table, parts, replies, outcome);
        });
    }

    /**
     * Every part answered. A failure after some part wrote: the statement must not half-apply,
     * so in an explicit transaction (or over several partitions) the transaction is rolled back;
     * an autocommit statement then ends, committing across its partitions if it wrote in several.
     */
    private void settle(TableDef table, List<Part> parts, Partition.Reply[] replies, Outcome outcome) {
        Transactions txn = session.transactions;
        long count = 0;
        List<Object[]> rows = new ArrayList<>();
        EngineException failure = null;
        boolean wrote = false;
        for (int i = 0; i < replies.length; i++) {
            if (replies[i] instanceof Partition.Written w) {
                count += w.count();
                rows.addAll(w.rows());
                if (w.count() > 0) {
                    int p = parts.get(i).partition();
                    txn.changedRows(table.partitionId(p), engine.partition(table, p));
                    wrote = true;
                }
            } else if (failure == null) {
                failure = ((Partition.Failed) replies[i]).error();
            }
        }
        if (failure != null) {
            if (wrote && (txn.explicit() || replies.length > 1)) {
                txn.rollback();
            }
            outcome.accept(0, List.of(), failure);
            return;
        }
        if (txn.explicit() || !wrote) {
            outcome.accept(count, rows, null);
            return;
        }
        long total = count;
        txn.end(true, error -> outcome.accept(error == null ? total : 0, rows, error));
    }
}
