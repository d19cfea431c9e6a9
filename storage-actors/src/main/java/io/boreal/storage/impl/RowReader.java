package io.boreal.storage.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.boreal.storage.EngineException;
import io.boreal.storage.Key;
import io.boreal.storage.Partition;
import io.boreal.storage.ReadSpec;
import io.boreal.storage.TxnView;
import io.boreal.storage.btree.BTree;
import io.boreal.storage.btree.Decision;
import io.boreal.storage.btree.IndexTree;
import io.boreal.storage.schema.IndexDef;

/**
 * Finds the rows of a {@link ReadSpec} visible to a transaction, in index order, through the
 * partition's trees: a primary key is one leaf request; a primary range is one scan whose leaves
 * judge visibility and the filter themselves; a secondary range scans the index, then asks the
 * primary leaves for each row (readers recheck a row against its entry, since an entry outlives
 * the version that put it until the chain is tidied).
 *
 * <p>Not thread-safe: used by the partition actor (the result goes to a continuation), except
 * {@link #directRead}, which any thread may call.
 */
final class RowReader {

    /** A visible row: its key, the version it was read from, and its values. */
    record Seen(Key key, Version source, Object[] row) {
    }

    private final TreeCalls calls;
    private final LeafDirectory primaryLeaves;

    RowReader(TreeCalls calls, LeafDirectory primaryLeaves) {
        this.calls = calls;
        this.primaryLeaves = primaryLeaves;
    }

    /**
     * Answers a read request. A primary key lookup is answered by its leaf, straight to the
     * requester; anything else is gathered here first.
     */
    void answer(PartitionTrees trees, Partition.Read read) {
        if (!directRead(trees.primary(), read)) {
            read(trees, read.spec(), read.txn(), seen -> {
                List<Object[]> rows = new ArrayList<>(seen.size());
                for (Seen s : seen) {
                    rows.add(s.row());
                }
                Partition.Reply reply;
                try {
                    reply = new Partition.Rows(read.tag(), read.answer(rows));
                } catch (RuntimeException e) {
                    reply = new Partition.Failed(read.tag(), new TreeCalls.Failure(e).asEngineException());
                }
                read.replyTo().tell(reply);
            }, error -> read.replyTo().tell(new Partition.Failed(read.tag(), error)));
        }
    }

    /**
     * Sends a primary-key read to its leaf, which answers the requester; false when {@code read}
     * is not one. Any thread may call it (see {@link Partition.DirectReads}).
     */
    boolean directRead(IndexTree primary, Partition.Read read) {
        ReadSpec spec = read.spec();
        if (!isPoint(spec)) {
            return false;
        }
        calls.forward(primary, spec.from(), current -> {
            Partition.Reply reply;
            try {
                Seen seen = visible(spec.from(), (Version) current, read.txn(), spec);
                reply = new Partition.Rows(read.tag(), read.answer(seen == null || spec.limit() == 0 ? List.of()
                        : List.<Object[]>of(seen.row())));
            } catch (RuntimeException e) {
                reply = new Partition.Failed(read.tag(), new TreeCalls.Failure(e).asEngineException());
            }
            Partition.Reply answer = reply;
            return new Decision.Outcome(Decision.KEEP, new BTree.Forward(() -> read.replyTo().tell(answer)));
        });
        return true;
    }

    /** Whether {@code spec} names one primary key. */
    static boolean isPoint(ReadSpec spec) {
        return spec.index() == 0 && spec.from() != null && spec.from().equals(spec.to());
    }

    /**
     * Reads {@code spec} as {@code view} sees it; {@code then} gets the rows, or {@code failed}
     * the error a filter raised.
     */
    void read(PartitionTrees trees, ReadSpec spec, TxnView view, Consumer<List<Seen>> then,
              Consumer<EngineException> failed) {
        if (spec.from() != null && spec.to() != null && spec.from().compareTo(spec.to()) > 0) {
            then.accept(List.of());
            return;
        }
        int limit = spec.limit() < 0 ? Integer.MAX_VALUE : spec.limit();
        if (isPoint(spec)) {
            calls.operate(trees.primary(), primaryLeaves, spec.from(), Decision.get(), op -> {
                if (op.reply() instanceof TreeCalls.Failure f) {
                    failed.accept(f.asEngineException());
                    return;
                }
                List<Seen> found = new ArrayList<>(1);
                try {
                    Seen seen = visible(spec.from(), (Version) op.reply(), view, spec);
                    if (seen != null && limit > 0) {
                        found.add(seen);
                    }
                } catch (EngineException e) {
                    failed.accept(e);
                    return;
                }
                then.accept(found);
            });
            return;
        }
        if (spec.index() == 0) {
            calls.scan(trees.primary(), primaryLeaves, spec.from(), spec.to(), spec.limit(),
                    (key, value) -> visible(key, (Version) value, view, spec), result -> {
                        if (result.failure() != null) {
                            failed.accept(result.failure().asEngineException());
                            return;
                        }
                        List<Seen> found = new ArrayList<>(result.entries().size());
                        for (Map.Entry<Key, Object> e : result.entries()) {
                            found.add((Seen) e.getValue());
                        }
                        then.accept(found);
                    });
            return;
        }
        IndexDef index = trees.table().indexes().get(spec.index() - 1);
        IndexTree secondary = trees.secondary(spec.index() - 1);
        calls.scan(secondary, null, spec.from(), spec.to(), -1, BTree.Select.ALL, result -> {
            List<Map.Entry<Key, Object>> entries = result.entries();
            TreeCalls.Gather rows = new TreeCalls.Gather(entries.size(), heads -> {
                List<Seen> found = new ArrayList<>();
                try {
                    for (int i = 0; i < heads.length && found.size() < limit; i++) {
                        Key entry = entries.get(i).getKey();
                        if (heads[i] instanceof TreeCalls.Failure f) {
                            throw f.asEngineException();
                        }
                        Seen seen = visible(IndexEntries.primaryKeyOf(index, entry), (Version) heads[i], view, spec);
                        if (seen != null && IndexEntries.matches(index, seen.row(), entry)) {
                            found.add(seen);
                        }
                    }
                } catch (EngineException e) {
                    failed.accept(e);
                    return;
                }
                then.accept(found);
            });
            for (int i = 0; i < entries.size(); i++) {
                int slot = i;
                calls.operate(trees.primary(), primaryLeaves, IndexEntries.primaryKeyOf(index, entries.get(i).getKey()),
                        Decision.get(), op -> rows.set(slot, op.reply()));
            }
        });
    }

    /**
     * The row of a chain {@code view} sees, if it passes the spec's filter (for a secondary
     * index, the caller also checks the entry). Runs in a leaf during scans.
     */
    private static Seen visible(Key key, Version chain, TxnView view, ReadSpec spec) {
        Version head = chain == null ? null : chain.live();
        if (head == null) {
            return null;
        }
        Version source = head.visibleTo(view);
        Object[] row = source == null ? null : source.row;
        return row != null && spec.filter().test(row) ? new Seen(key, source, row) : null;
    }
}
