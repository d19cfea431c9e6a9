package io.boreal.storage.btree.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.ActorContext;
import io.boreal.storage.Key;
import io.boreal.storage.btree.BTree;
import io.boreal.storage.btree.IndexTree;
import io.boreal.storage.btree.TreeSettings;

/**
 * Builds a tree bottom-up from sorted entries (recovery bulk-builds page actors this way):
 * leaves filled to three quarters, each level's pages created right to left so every page gets
 * its right link and high key at birth, then each parent adopts its children.
 */
public final class TreeBuilder {

    private TreeBuilder() {
    }

    public static IndexTree build(ActorContext<?> owner, String name, TreeSettings settings,
                                  NavigableMap<Key, ?> entries) {
        int leafCapacity = settings.leafCapacity();
        AtomicReference<ActorRef<BTree.Command>> root = new AtomicReference<>();
        ActorRef<SmoLatch.Command> latch = owner.spawn(SmoLatch.create(root), name + "-smo-latch");
        ActorRef<PageNursery.Spare> nursery = owner.spawn(PageNursery.create(), name + "-pages");
        PageContext tree = new PageContext(settings.mode(), leafCapacity, leafCapacity, root,
                settings.stats().counters(), latch, nursery);
        int fill = Math.max(2, leafCapacity * 3 / 4);

        List<TreeMap<Key, Object>> groups = new ArrayList<>();
        TreeMap<Key, Object> current = new TreeMap<>();
        for (Map.Entry<Key, ?> e : entries.entrySet()) {
            if (current.size() == fill) {
                groups.add(current);
                current = new TreeMap<>();
            }
            current.put(e.getKey(), e.getValue());
        }
        groups.add(current);

        List<Key> firstKeys = new ArrayList<>();
        for (TreeMap<Key, Object> group : groups) {
            firstKeys.add(group.isEmpty() ? null : group.firstKey());
        }
        List<ActorRef<BTree.Command>> level = new ArrayList<>();
        ActorRef<BTree.Command> right = null;
        for (int i = groups.size() - 1; i >= 0; i--) {
            Key high = i + 1 < groups.size() ? firstKeys.get(i + 1) : null;
            Key low = i > 0 ? firstKeys.get(i) : null;
            right = tree.spawn(owner, PageActor.create(tree, 0, groups.get(i), null, low, high, right, null));
            level.add(0, right);
        }
        int height = 0;
        while (level.size() > 1) {
            height++;
            List<ActorRef<BTree.Command>> parents = new ArrayList<>();
            List<Key> parentFirstKeys = new ArrayList<>();
            int count = (level.size() + fill - 1) / fill;
            ActorRef<BTree.Command> parentRight = null;
            for (int g = count - 1; g >= 0; g--) {
                int from = g * fill;
                int to = Math.min(level.size(), from + fill);
                TreeMap<Key, Object> separators = new TreeMap<>();
                for (int c = from + 1; c < to; c++) {
                    separators.put(firstKeys.get(c), level.get(c));
                }
                Key high = to < level.size() ? firstKeys.get(to) : null;
                parentRight = tree.spawn(owner,
                        PageActor.create(tree, height, separators, level.get(from), g > 0 ? firstKeys.get(from) : null,
                                high, parentRight, null));
                for (int c = from; c < to; c++) {
                    level.get(c).tell(new PageActor.SetParent(parentRight));
                }
                parents.add(0, parentRight);
                parentFirstKeys.add(0, firstKeys.get(from));
            }
            level = parents;
            firstKeys = parentFirstKeys;
        }
        root.set(level.get(0));
        return new IndexTree(root, settings);
    }
}
