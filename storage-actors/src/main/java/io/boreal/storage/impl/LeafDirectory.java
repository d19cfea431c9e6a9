package io.boreal.storage.impl;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import akka.actor.typed.ActorRef;
import io.boreal.storage.Key;
import io.boreal.storage.btree.BTree;
import io.boreal.storage.btree.IndexTree;

/**
 * Where a partition last saw each leaf of a tree, by the leaf's low key, with its range then:
 * requests for a key inside a known range go straight to that leaf instead of down from the
 * root, so an operation costs one page visit while the directory is right. It is only ever a
 * hint. A leaf's low key never changes, and its high key only shrinks (a split), so a stale
 * entry sends a request to a page that moves it right or back to the root; the answer then
 * teaches the directory the leaf's current range. Ascending inserts (AUTO_INC) find the
 * rightmost leaf here without a root visit.
 *
 * <p>Size: at most one entry per leaf. Thread-safety: {@link #learn} is called by the partition
 * actor only; {@link #entryFor} from any thread (sessions' direct reads), which may see a
 * moment-old range: a hint either way.
 */
final class LeafDirectory {

    private record Leaf(ActorRef<BTree.Command> page, Key high) {
    }

    private final ConcurrentSkipListMap<Key, Leaf> byLow = new ConcurrentSkipListMap<>();
    /** The leftmost leaf (its low key is open). */
    private volatile Leaf leftmost;

    /** The page to send a request for {@code key} to: its leaf if known, else the root. */
    ActorRef<BTree.Command> entryFor(Key key, IndexTree tree) {
        Map.Entry<Key, Leaf> floor = byLow.floorEntry(key);
        Leaf leaf = floor != null ? floor.getValue() : leftmost;
        if (leaf != null && (leaf.high() == null || key.compareTo(leaf.high()) < 0)) {
            return leaf.page();
        }
        return tree.root();
    }

    /**
     * Learns the range of the leaf that answered, when the request did not enter there. A
     * request that did needs no update: if that leaf split since, requests for its old upper
     * part move right and the answer from the new sibling is learned (the sibling's low key
     * then wins the floor lookup).
     */
    void learn(BTree.Operated answer) {
        if (answer.hops() <= 1) {
            return;
        }
        Leaf leaf = new Leaf(answer.leaf(), answer.high());
        if (answer.low() == null) {
            leftmost = leaf;
        } else {
            byLow.put(answer.low(), leaf);
        }
    }
}
