package io.boreal.storage.impl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import akka.actor.typed.ActorRef;
import io.boreal.storage.EngineException;
import io.boreal.storage.Key;
import io.boreal.storage.btree.BTree;
import io.boreal.storage.btree.Decision;
import io.boreal.storage.btree.IndexTree;

/**
 * A partition's requests to its index trees, each with the continuation to run when its answer
 * comes back as a message: the partition never waits for a page, it registers what to do next
 * and goes on with other work.
 *
 * <p>Each request carries an id; decisions and scan selections are wrapped so that their answer
 * names it, and so that an exception inside one (a filter failing on a row) travels back as a
 * {@link Failure} instead of stopping the page. A scan's chunks, which come from different
 * leaves and may arrive out of order, are put back in order before its continuation runs once.
 *
 * <p>Not thread-safe: owned by the partition actor; continuations run in its message handlers.
 */
final class TreeCalls {

    /** What the wrapped decision or selection answers: the request's id and the real answer. */
    record Tagged(long id, Object reply) {
    }

    /** A decision or a scan's selection threw; the page kept its state. */
    record Failure(RuntimeException error) {
        EngineException asEngineException() {
            return error instanceof EngineException e ? e : EngineException.internal(error.toString(), error);
        }
    }

    private final ActorRef<BTree.Operated> operatedTo;
    private final ActorRef<BTree.ScanChunk> chunksTo;
    private final LeafDirectory forwardedLeaves;
    private final Map<Long, Pending> operations = new HashMap<>();
    private final Map<Long, ScanGather> scans = new HashMap<>();
    private long nextId;

    private record Pending(LeafDirectory leaves, Consumer<BTree.Operated> then) {
    }

    /** Whether no operation or scan sent through here waits for its answer. */
    boolean idle() {
        return operations.isEmpty() && scans.isEmpty();
    }

    /**
     * @param forwardedLeaves the directory that learns from requests sent with {@link #forward}
     *                        (they carry no id to say which tree they were for)
     */
    TreeCalls(ActorRef<BTree.Operated> operatedTo, ActorRef<BTree.ScanChunk> chunksTo, LeafDirectory forwardedLeaves) {
        this.operatedTo = operatedTo;
        this.chunksTo = chunksTo;
        this.forwardedLeaves = forwardedLeaves;
    }

    /**
     * Sends {@code decision} for {@code key} into {@code tree}, at the leaf {@code leaves} knows
     * for it (or the root; {@code leaves} may be null) and teaches {@code leaves} the leaf that
     * answered; {@code then} gets the answer, whose reply is the decision's (or a {@link Failure}).
     */
    void operate(IndexTree tree, LeafDirectory leaves, Key key, Decision decision, Consumer<BTree.Operated> then) {
        long id = ++nextId;
        operations.put(id, new Pending(leaves, then));
        ActorRef<BTree.Command> entry = leaves == null ? tree.root() : leaves.entryFor(key, tree);
        entry.tell(new BTree.Operate(key, current -> {
            try {
                Decision.Outcome outcome = decision.decide(current);
                return new Decision.Outcome(outcome.store(), new Tagged(id, outcome.reply()));
            } catch (RuntimeException e) {
                return new Decision.Outcome(Decision.KEEP, new Tagged(id, new Failure(e)));
            }
        }, operatedTo));
    }

    /**
     * Sends a decision that answers with a {@link BTree.Forward} (delivering its result itself,
     * errors included) into the tree whose leaves {@code forwardedLeaves} knows. Nothing comes
     * back here but what the directory learns. Unlike the other methods, any thread may call it.
     */
    void forward(IndexTree tree, Key key, Decision decision) {
        forwardedLeaves.entryFor(key, tree).tell(new BTree.Operate(key, decision, operatedTo));
    }

    /**
     * Scans {@code [from, to]} (bounds inclusive, null: open) through {@code select}, starting at
     * the leaf {@code leaves} knows for {@code from} (or the root; {@code leaves} may be null);
     * {@code then} gets the selected entries in key order, once, or the first {@link Failure} a
     * selection met.
     */
    void scan(IndexTree tree, LeafDirectory leaves, Key from, Key to, int limit, BTree.Select select,
              Consumer<ScanResult> then) {
        long id = ++nextId;
        scans.put(id, new ScanGather(then));
        BTree.Select guarded = (key, value) -> {
            try {
                return select.select(key, value);
            } catch (RuntimeException e) {
                return new Failure(e);
            }
        };
        ActorRef<BTree.Command> entry = leaves == null || from == null ? tree.root() : leaves.entryFor(from, tree);
        entry.tell(new BTree.Scan(id, from, to, true, limit, guarded, chunksTo, 0));
    }

    /** Hands an answer to its continuation. */
    void onOperated(BTree.Operated operated) {
        if (!(operated.reply() instanceof Tagged tagged)) {
            forwardedLeaves.learn(operated);
            return;
        }
        Pending pending = operations.remove(tagged.id());
        if (pending.leaves() != null) {
            pending.leaves().learn(operated);
        }
        pending.then().accept(new BTree.Operated(operated.key(), tagged.reply(), operated.hops(), operated.leaf(),
                operated.low(), operated.high()));
    }

    /** Adds a chunk to its scan; runs the continuation when every chunk is in. */
    void onChunk(BTree.ScanChunk chunk) {
        ScanGather gather = scans.get(chunk.scanId());
        if (gather != null && gather.add(chunk)) {
            scans.remove(chunk.scanId());
            gather.then.accept(gather.result());
        }
    }

    /** A scan's entries in key order, or the failure one selection met. */
    record ScanResult(List<Map.Entry<Key, Object>> entries, Failure failure) {
    }

    /** The chunks of one scan, by sequence number, until the last one and all before it are in. */
    private static final class ScanGather {
        final Consumer<ScanResult> then;
        final TreeMap<Integer, List<Map.Entry<Key, Object>>> chunks = new TreeMap<>();
        int last = -1;

        ScanGather(Consumer<ScanResult> then) {
            this.then = then;
        }

        boolean add(BTree.ScanChunk chunk) {
            chunks.put(chunk.sequence(), chunk.entries());
            if (chunk.done()) {
                last = chunk.sequence();
            }
            return last >= 0 && chunks.size() == last + 1;
        }

        ScanResult result() {
            List<Map.Entry<Key, Object>> all = new ArrayList<>();
            for (List<Map.Entry<Key, Object>> entries : chunks.values()) {
                for (Map.Entry<Key, Object> e : entries) {
                    if (e.getValue() instanceof Failure f) {
                        return new ScanResult(List.of(), f);
                    }
                    all.add(e);
                }
            }
            return new ScanResult(all, null);
        }
    }

    /** Collects the answers of {@code n} requests; runs {@code then} with all of them, in order. */
    static final class Gather {
        private final Object[] replies;
        private final Consumer<Object[]> then;
        private int missing;

        Gather(int n, Consumer<Object[]> then) {
            this.replies = new Object[n];
            this.missing = n;
            this.then = then;
            if (n == 0) {
                then.accept(replies);
            }
        }

        void set(int i, Object reply) {
            replies[i] = reply;
            if (--missing == 0) {
                then.accept(replies);
            }
        }
    }
}
