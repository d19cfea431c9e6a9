package io.boreal.storage.btree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.boreal.storage.Key;

/**
 * Checks the structure of a tree that has stopped changing, from the pages' own
 * {@link BTree.Describe} answers:
 *
 * <pre>
 *   level 1   [P: low=∅ | s1 | high=h] ──right──► [Q ...] ──► ... last: high=∅, right=∅
 *               /        \
 *   level 0  [c0] ─► [c1] ─► [c1'] ─► [first child of Q] ...
 *            low=∅   low=s1  (only reachable by c1's right link: a half-finished split)
 * </pre>
 *
 * A page's bounds come from its level's right-link chain: low = its left neighbour's high key,
 * high = its own. Checked: each level is one chain from the leftmost page (the first child of
 * the level above's leftmost page), its last page without high key or right link, high keys
 * rising along it; keys (or separators) sorted and within [low, high); an inner page's children
 * are on the chain of the level below, in order, one level down, and child j starts exactly at
 * the separator its parent gives it (low = separator j-1, the page's own low for j = 0); leaves
 * are the pages of level 0. Pages on a chain that no parent lists are half-finished splits:
 * allowed, and counted.
 *
 * <p>Because pages answer one at a time while SMO messages may still travel (B-link parents
 * learn of splits after the fact), the checker first takes snapshots until two in a row are
 * equal, then checks that one. Use it only when no request is in flight.
 */
final class TreeChecker {

    /**
     * What the check found.
     *
     * @param height             levels, leaves included (1: the root is a leaf)
     * @param pagesPerLevel      from the root's level down to the leaves
     * @param leafKeys           every key, in order
     * @param halfFinishedSplits pages reachable only through a left sibling's right link
     * @param leafSizes          how many keys each leaf holds, left to right
     */
    record Shape(int height, List<Integer> pagesPerLevel, List<Key> leafKeys, int halfFinishedSplits,
                 List<Integer> leafSizes) {

        int fullestLeaf() {
            return leafSizes.stream().mapToInt(Integer::intValue).max().orElse(0);
        }

        long leavesOverCapacity(int capacity) {
            return leafSizes.stream().filter(size -> size > capacity).count();
        }
    }

    private record Snapshot(ActorRef<BTree.Command> root, List<List<BTree.PageState>> levels) {
    }

    private static final int MAX_ROUNDS = 200;

    private final TestProbe<BTree.PageState> probe;

    TreeChecker(ActorTestKit kit) {
        this.probe = kit.createTestProbe(BTree.PageState.class);
    }

    /** Validates the tree; {@code context} (the seed, the test step) prefixes every failure. */
    Shape check(IndexTree tree, String context) {
        Snapshot snapshot = stableSnapshot(tree, context);
        return validate(snapshot, context);
    }

    /** {@link #check}, and every split is complete: each page is listed by its parent. */
    Shape checkComplete(IndexTree tree, String context) {
        Shape shape = check(tree, context);
        assertEquals(0, shape.halfFinishedSplits(), context + ": the tree is quiet but "
                + shape.halfFinishedSplits() + " split(s) never reached their parent; pages per level "
                + shape.pagesPerLevel());
        return shape;
    }

    private Snapshot stableSnapshot(IndexTree tree, String context) {
        Snapshot previous = snapshot(tree, context);
        for (int round = 0; round < MAX_ROUNDS; round++) {
            sleepQuietly(round == 0 ? 0 : 5);
            Snapshot next = snapshot(tree, context);
            if (next.equals(previous)) {
                return next;
            }
            previous = next;
        }
        fail(context + ": the tree kept changing for " + MAX_ROUNDS + " snapshots with no request in flight");
        return null;
    }

    private Snapshot snapshot(IndexTree tree, String context) {
        ActorRef<BTree.Command> root = tree.root();
        Map<ActorRef<BTree.Command>, BTree.PageState> described = new HashMap<>();
        List<List<BTree.PageState>> levels = new ArrayList<>();
        List<BTree.PageState> level = chain(root, described, context);
        levels.add(level);
        while (level.get(0).level() > 0) {
            List<ActorRef<BTree.Command>> children = new ArrayList<>();
            level.forEach(page -> children.addAll(page.children()));
            if (children.isEmpty()) {
                fail(context + ": inner level " + level.get(0).level() + " has no children");
            }
            describeAll(children, described, context);
            level = chain(level.get(0).children().isEmpty() ? children.get(0) : level.get(0).children().get(0),
                    described, context);
            levels.add(level);
            if (levels.size() > 64) {
                fail(context + ": more than 64 levels; a child loop?");
            }
        }
        return new Snapshot(root, levels);
    }

    /** The level's pages from {@code leftmost} along the right links. */
    private List<BTree.PageState> chain(ActorRef<BTree.Command> leftmost,
                                        Map<ActorRef<BTree.Command>, BTree.PageState> described, String context) {
        List<BTree.PageState> chain = new ArrayList<>();
        Set<ActorRef<BTree.Command>> seen = new HashSet<>();
        for (ActorRef<BTree.Command> page = leftmost; page != null; ) {
            if (!seen.add(page)) {
                fail(context + ": the right links of level " + chain.get(0).level() + " loop back to " + page);
            }
            BTree.PageState state = described.get(page);
            if (state == null) {
                state = describe(page, context);
                described.put(page, state);
            }
            chain.add(state);
            page = state.right();
        }
        return chain;
    }

    private BTree.PageState describe(ActorRef<BTree.Command> page, String context) {
        page.tell(new BTree.Describe(probe.getRef()));
        BTree.PageState state = probe.receiveMessage(TreeClient.WAIT);
        assertEquals(page, state.page(), context + ": a page described itself as another");
        return state;
    }

    private void describeAll(List<ActorRef<BTree.Command>> pages,
                             Map<ActorRef<BTree.Command>, BTree.PageState> described, String context) {
        Set<ActorRef<BTree.Command>> asked = new HashSet<>();
        for (ActorRef<BTree.Command> page : pages) {
            assertNotNull(page, context + ": an inner page lists a null child");
            if (!described.containsKey(page) && asked.add(page)) {
                page.tell(new BTree.Describe(probe.getRef()));
            }
        }
        for (BTree.PageState state : probe.receiveSeveralMessages(asked.size(), TreeClient.WAIT)) {
            assertTrue(asked.contains(state.page()), context + ": a page described itself as another");
            described.put(state.page(), state);
        }
    }

    private static Shape validate(Snapshot snapshot, String context) {
        List<List<BTree.PageState>> levels = snapshot.levels();
        int rootLevel = levels.get(0).get(0).level();
        assertEquals(levels.size(), rootLevel + 1, context + ": the root is at level " + rootLevel
                + " but the tree has " + levels.size() + " levels");
        int halfFinished = levels.get(0).size() - 1;
        List<Integer> pagesPerLevel = new ArrayList<>();
        for (int i = 0; i < levels.size(); i++) {
            List<BTree.PageState> level = levels.get(i);
            pagesPerLevel.add(level.size());
            checkChain(level, rootLevel - i, context);
            if (i > 0) {
                halfFinished += checkChildren(levels.get(i - 1), level, context);
            }
        }
        List<Key> leafKeys = new ArrayList<>();
        List<Integer> leafSizes = new ArrayList<>();
        for (BTree.PageState leaf : levels.get(levels.size() - 1)) {
            leafKeys.addAll(leaf.keys());
            leafSizes.add(leaf.keys().size());
        }
        return new Shape(levels.size(), pagesPerLevel, leafKeys, halfFinished, leafSizes);
    }

    private static void checkChain(List<BTree.PageState> chain, int level, String context) {
        Key low = null;
        for (int i = 0; i < chain.size(); i++) {
            BTree.PageState page = chain.get(i);
            String where = context + ": level " + level + " page " + i + " " + describe(page);
            assertEquals(level, page.level(), where + ": on the chain of level " + level);
            boolean last = i == chain.size() - 1;
            if (last) {
                assertNull(page.highKey(), where + ": the last page of a level has no high key");
                assertNull(page.right(), where + ": the last page of a level has no right link");
            } else {
                assertNotNull(page.highKey(), where + ": only the last page of a level lacks a high key");
                assertNotNull(page.right(), where + ": only the last page of a level lacks a right link");
                if (low != null) {
                    assertTrue(low.compareTo(page.highKey()) < 0, where + ": high keys rise along the chain, "
                            + "left neighbour's is " + low);
                }
            }
            if (level == 0) {
                assertTrue(page.children().isEmpty(), where + ": a leaf has no children");
            } else {
                assertEquals(page.keys().size() + 1, page.children().size(),
                        where + ": an inner page has one child more than separators");
            }
            checkKeys(page.keys(), low, page.highKey(), where);
            low = page.highKey();
        }
    }

    /** Sorted, no duplicate, each within [low, high). */
    private static void checkKeys(List<Key> keys, Key low, Key high, String where) {
        Key previous = null;
        for (Key key : keys) {
            assertNotNull(key, where + ": a null key");
            if (previous != null) {
                assertTrue(previous.compareTo(key) < 0, where + ": keys out of order or repeated: "
                        + previous + " then " + key);
            }
            if (low != null) {
                assertTrue(low.compareTo(key) <= 0, where + ": key " + key + " is below the page's low bound " + low);
            }
            if (high != null) {
                assertTrue(key.compareTo(high) < 0, where + ": key " + key + " is not below the high key " + high);
            }
            previous = key;
        }
    }

    /**
     * The parents' children are on the child level's chain, in order, starting at its head; child
     * j's low bound is the parent's separator j-1. Returns the child level's pages no parent lists.
     */
    private static int checkChildren(List<BTree.PageState> parents, List<BTree.PageState> children, String context) {
        Map<ActorRef<BTree.Command>, Integer> position = new HashMap<>();
        for (int i = 0; i < children.size(); i++) {
            position.put(children.get(i).page(), i);
        }
        int listed = 0;
        int lastPosition = -1;
        Key parentLow = null;
        for (int p = 0; p < parents.size(); p++) {
            BTree.PageState parent = parents.get(p);
            for (int j = 0; j < parent.children().size(); j++) {
                ActorRef<BTree.Command> child = parent.children().get(j);
                String where = context + ": level " + parent.level() + " page " + p + " " + describe(parent)
                        + " child " + j;
                Integer at = position.get(child);
                assertNotNull(at, where + " (" + child + ") is not on the chain of level " + (parent.level() - 1));
                assertTrue(at > lastPosition, where + " is listed out of chain order or twice");
                if (p == 0 && j == 0) {
                    assertEquals(0, at, where + ": the first child of the leftmost page heads its level");
                }
                Key bound = j == 0 ? parentLow : parent.keys().get(j - 1);
                Key childLow = at == 0 ? null : children.get(at - 1).highKey();
                BTree.PageState page = children.get(at);
                if (bound != null) {
                    for (Key key : page.keys()) {
                        assertTrue(bound.compareTo(key) <= 0, where + ": key " + key
                                + " is below the separator " + bound + " its parent gives it");
                    }
                }
                assertTrue(Objects.equals(bound, childLow), where + " " + describe(page) + ": starts at " + childLow
                        + " but its parent's separator is " + bound);
                lastPosition = at;
                listed++;
            }
            parentLow = parent.highKey();
        }
        return children.size() - listed;
    }

    private static String describe(BTree.PageState page) {
        List<Key> keys = page.keys();
        String span = keys.isEmpty() ? "[]" : keys.size() <= 6 ? keys.toString()
                : "[" + keys.get(0) + " .. " + keys.get(keys.size() - 1) + " (" + keys.size() + ")]";
        return page.page().path().name() + span + " high=" + page.highKey();
    }

    private static void sleepQuietly(long ms) {
        if (ms == 0) {
            return;
        }
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
