package io.boreal.storage.btree;

import java.util.NavigableMap;
import java.util.concurrent.atomic.AtomicReference;

import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.ActorContext;
import io.boreal.storage.Key;
import io.boreal.storage.btree.impl.TreeBuilder;

/**
 * One index tree of page actors, as its owner (a partition) holds it: the current root, the
 * mode, the counters. Requests go straight to the root ({@link #tell}); a root that splits
 * publishes its successor here, so nobody routes through an extra actor.
 *
 * <p>Thread-safety: {@link #tell} and {@link #root()} may be called from any thread (the root
 * reference is published through an atomic); pages are created in the owner's actor context.
 */
public final class IndexTree {

    private final AtomicReference<ActorRef<BTree.Command>> root;
    private final TreeSettings settings;

    public IndexTree(AtomicReference<ActorRef<BTree.Command>> root, TreeSettings settings) {
        this.root = root;
        this.settings = settings;
    }

    /**
     * A tree holding {@code entries} (sorted; may be empty), built bottom-up with leaves filled
     * to {@code fill} of {@code leafCapacity}; its pages are children of {@code owner}'s actor.
     */
    public static IndexTree build(ActorContext<?> owner, String name, TreeMode mode, int leafCapacity,
                                  NavigableMap<Key, ?> entries) {
        return build(owner, name, TreeSettings.fixed(mode, leafCapacity), entries);
    }

    /** A tree holding {@code entries}, under settings it may share with other trees (a node's). */
    public static IndexTree build(ActorContext<?> owner, String name, TreeSettings settings,
                                  NavigableMap<Key, ?> entries) {
        return TreeBuilder.build(owner, name, settings, entries);
    }

    /** An empty tree. */
    public static IndexTree create(ActorContext<?> owner, String name, TreeMode mode, int leafCapacity) {
        return build(owner, name, mode, leafCapacity, new java.util.TreeMap<Key, Object>());
    }

    public void tell(BTree.Command command) {
        root.get().tell(command);
    }

    public ActorRef<BTree.Command> root() {
        return root.get();
    }

    /** The mode as of now. */
    public TreeMode mode() {
        return settings.mode().get();
    }

    public TreeStats stats() {
        return settings.stats();
    }
}
