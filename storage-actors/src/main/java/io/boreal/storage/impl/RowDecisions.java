package io.boreal.storage.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

import io.boreal.storage.RowPredicate;
import io.boreal.storage.TxnView;
import io.boreal.txn.CtsLog;

import io.boreal.storage.btree.Decision;

/**
 * The MVCC rules of a partition, as decisions its primary index's leaves apply to a key's
 * version chain (and the two its secondary indexes' leaves apply to entries). Each runs inside
 * the leaf's actor, atomically for its key: checking a row's lock and installing a version is
 * one step, so no two transactions can both take a row.
 *
 * <p>Primary leaf value: the newest {@link Version}. Secondary leaf value: the sequence number
 * ({@code Long}) of the last write that put the entry; a removal names a sequence number and
 * removes only an entry put before it, so a late removal never takes back a newer put.
 */
final class RowDecisions {

    private RowDecisions() {
    }

    /** Answers of {@link #write}. */
    sealed interface WriteResult {
    }

    /**
     * The version is in place.
     *
     * @param previous what the leaf held before (to put back if the statement fails elsewhere)
     * @param before   the row the writer saw before (null for an insert)
     * @param dropped  rows of versions cut off below the low watermark (their index entries may go)
     */
    record Applied(Version installed, Version previous, Object[] before, List<Object[]> dropped)
            implements WriteResult {

        /** The row written (null: deleted). */
        Object[] row() {
            return installed.row;
        }
    }

    /** No row the writer sees matched: nothing written. */
    record Missing() implements WriteResult {
    }

    /**
     * Another transaction holds the row. {@code undone} is the holder's count of undone
     * statements when the leaf saw the lock: if it has grown since, the lock may be gone.
     */
    record Locked(long holder, int undone) implements WriteResult {
    }

    /** A transaction that committed after the writer's snapshot changed the row (40001). */
    record Conflict() implements WriteResult {
    }

    /** An insert met a row that exists for the writer. */
    record Duplicate() implements WriteResult {
    }

    /** The row changed since the writer read it, within what its snapshot allows: read it again. */
    record Changed() implements WriteResult {
    }

    /** Who writes: the transaction's view, and the log its versions are judged by. */
    record Writer(TxnView view, CtsLog log) {
        long id() {
            return view.transactionId();
        }
    }

    /**
     * Makes {@code row} (null: delete) {@code writer}'s version of the key.
     *
     * @param insert    the key must hold no row the writer can see
     * @param expected  for an update, delete or lock: the version the writer's read saw; the
     *                  row must still be that version (else {@link Changed} or {@link Conflict})
     * @param watermark versions older than the newest one committed at or below it are cut off
     */
    static Decision write(Writer writer, Object[] row, boolean insert, Version expected, long watermark) {
        return unlockedFor(writer, (previous, head) -> install(writer, previous, head, row,
                expected == null ? null : expected.row, insert, expected, watermark));
    }

    /**
     * An update, delete or lock of one row, read and written in one step at its leaf (a
     * statement on one primary key): the row the writer sees, if it passes {@code filter},
     * becomes {@code change}'s result (null: delete). Answers {@link Missing} when there is no
     * such row.
     */
    static Decision writeAt(Writer writer, RowPredicate filter, UnaryOperator<Object[]> change, long watermark) {
        return unlockedFor(writer, (previous, head) -> {
            Version source = head == null ? null : head.visibleTo(writer.view());
            if (source == null || source.row == null || !filter.test(source.row)) {
                return new Decision.Outcome(Decision.KEEP, new Missing());
            }
            return install(writer, previous, head, change.apply(source.row), source.row, false, source, watermark);
        });
    }

    /**
     * A decision that answers {@link Locked} when another transaction holds the row, and
     * otherwise hands {@code then} what the leaf holds and its live head (aborted heads skipped).
     */
    private static Decision unlockedFor(Writer writer, BiFunction<Version, Version, Decision.Outcome> then) {
        return current -> {
            Version previous = (Version) current;
            Version head = previous == null ? null : previous.live();
            if (head != null && head.lockedAgainst(writer.id())) {
                return new Decision.Outcome(Decision.KEEP, new Locked(head.writer, writer.log().undone(head.writer)));
            }
            return then.apply(previous, head);
        };
    }

    private static Decision.Outcome install(Writer writer, Version previous, Version head, Object[] row,
                                            Object[] before, boolean insert, Version expected, long watermark) {
        boolean mine = head != null && head.by(writer.id()) && head.commitTs() == 0;
        Version base = mine ? head.older : head;
        Version committed = base == null ? null : base.latestCommitted();
        TxnView view = writer.view();
        boolean newerThanSnapshot = view.snapshot() != Long.MAX_VALUE && committed != null
                && !view.sees(committed.writer, committed.commitTs());
        if (insert) {
            Object[] existing = mine ? head.row : committed == null ? null : committed.row;
            if (existing != null) {
                return new Decision.Outcome(Decision.KEEP, new Duplicate());
            }
        } else if (head != expected && !newerThanSnapshot) {
            return new Decision.Outcome(Decision.KEEP, new Changed());
        }
        if (newerThanSnapshot) {
            return new Decision.Outcome(Decision.KEEP, new Conflict());
        }
        Version installed = Version.written(row, writer.id(), writer.log(), base);
        return new Decision.Outcome(installed, new Applied(installed, previous, before, cut(installed, watermark)));
    }

    /** Answer of {@link #tidy}: the rows dropped, and the chain left (null: the key is gone). */
    record Tidied(List<Object[]> dropped, Version survivors) {
    }

    /** Puts {@code previous} back where {@code installed} is (a failed statement's undo). */
    static Decision restore(Version installed, Version previous) {
        return current -> {
            if (current != installed) {
                return new Decision.Outcome(Decision.KEEP, Boolean.FALSE);
            }
            return new Decision.Outcome(previous == null ? Decision.REMOVE : previous, Boolean.TRUE);
        };
    }

    /**
     * Tidies a chain: drops aborted heads and versions no snapshot at or above {@code watermark}
     * sees, and the key itself when all that is left is a deletion every snapshot sees.
     */
    static Decision tidy(long watermark) {
        return current -> {
            if (current == null) {
                return new Decision.Outcome(Decision.KEEP, new Tidied(List.of(), null));
            }
            Version raw = (Version) current;
            Version head = raw.live();
            List<Object[]> dropped = new ArrayList<>();
            for (Version v = raw; v != head; v = v.older) {
                if (v.row != null) {
                    dropped.add(v.row);
                }
            }
            if (head == null) {
                return new Decision.Outcome(Decision.REMOVE, new Tidied(dropped, null));
            }
            long ts = head.commitTs();
            if (ts > 0 && ts <= watermark && head.row == null) {
                for (Version v = head.older; v != null; v = v.older) {
                    if (v.row != null) {
                        dropped.add(v.row);
                    }
                }
                return new Decision.Outcome(Decision.REMOVE, new Tidied(dropped, null));
            }
            dropped.addAll(cut(head, watermark));
            return new Decision.Outcome(head == raw ? Decision.KEEP : head, new Tidied(dropped, head));
        };
    }

    /**
     * Cuts the chain below the newest version committed at or below {@code watermark} (below
     * {@code from}); answers the rows cut off.
     */
    private static List<Object[]> cut(Version from, long watermark) {
        for (Version v = from; v != null; v = v.older) {
            long ts = v.commitTs();
            if (ts > 0 && ts <= watermark) {
                Version rest = v.older;
                if (rest == null) {
                    return List.of();
                }
                v.older = null;
                List<Object[]> dropped = new ArrayList<>();
                for (Version d = rest; d != null; d = d.older) {
                    if (d.row != null) {
                        dropped.add(d.row);
                    }
                }
                return dropped;
            }
        }
        return List.of();
    }

    /** Secondary entry: present, put by write number {@code sequence}. */
    static Decision putEntry(long sequence) {
        return current -> new Decision.Outcome(current == null || (Long) current < sequence ? sequence : Decision.KEEP,
                Boolean.TRUE);
    }

    /** Secondary entry: removed, unless a write numbered after {@code sequence} put it. */
    static Decision removeEntry(long sequence) {
        return current -> new Decision.Outcome(current != null && (Long) current < sequence ? Decision.REMOVE
                : Decision.KEEP, Boolean.TRUE);
    }
}
