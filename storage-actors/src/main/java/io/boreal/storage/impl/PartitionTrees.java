package io.boreal.storage.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import akka.actor.typed.javadsl.ActorContext;
import io.boreal.storage.Key;
import io.boreal.storage.btree.IndexTree;
import io.boreal.storage.btree.TreeSettings;
import io.boreal.storage.schema.IndexDef;
import io.boreal.storage.schema.TableDef;

/**
 * A partition's index trees: the primary (key to version chain) and one per secondary index
 * (entry to sequence number), with the table definition they follow. Their pages are children
 * of the partition's actor, so they stop with it.
 *
 * <p>Not thread-safe: owned by the partition actor.
 */
final class PartitionTrees {

    private final ActorContext<?> owner;
    private final TreeSettings settings;
    private TableDef table;
    private final IndexTree primary;
    private final List<IndexTree> secondary = new ArrayList<>();

    private PartitionTrees(ActorContext<?> owner, TreeSettings settings, TableDef table, IndexTree primary) {
        this.owner = owner;
        this.settings = settings;
        this.table = table;
        this.primary = primary;
    }

    /** Trees holding {@code rows} (committed at {@code commitTs}), as recovery found them. */
    static PartitionTrees build(ActorContext<?> owner, TreeSettings settings, TableDef table,
                                NavigableMap<Key, Object[]> rows, long commitTs) {
        TreeMap<Key, Object> chains = new TreeMap<>();
        for (Map.Entry<Key, Object[]> e : rows.entrySet()) {
            chains.put(e.getKey(), Version.recovered(e.getValue(), commitTs));
        }
        PartitionTrees trees = new PartitionTrees(owner, settings, table,
                IndexTree.build(owner, "primary", settings, chains));
        for (IndexDef index : table.indexes()) {
            trees.addIndex(index, rows.entrySet().stream()
                    .map(e -> IndexEntries.entryKey(index, e.getValue(), e.getKey())).toList());
        }
        return trees;
    }

    /** Builds the tree of a new secondary index holding {@code entries}. */
    void addIndex(IndexDef index, List<Key> entries) {
        TreeMap<Key, Object> sorted = new TreeMap<>();
        for (Key entry : entries) {
            sorted.put(entry, 0L);
        }
        secondary.add(IndexTree.build(owner, actorName(secondary.size(), index), settings, sorted));
    }

    /**
     * The name of an index tree's actors: its position makes it unique, its SQL name (a quoted
     * identifier may hold any character, and an actor path only a few) is kept readable only.
     */
    private static String actorName(int position, IndexDef index) {
        return "index-" + position + "-" + index.name().replaceAll("[^A-Za-z0-9_-]", "_");
    }

    void table(TableDef table) {
        this.table = table;
    }

    TableDef table() {
        return table;
    }

    IndexTree primary() {
        return primary;
    }

    IndexTree secondary(int i) {
        return secondary.get(i);
    }
}
