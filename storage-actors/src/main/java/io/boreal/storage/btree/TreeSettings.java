package io.boreal.storage.btree;

import java.util.function.Supplier;

/**
 * What the trees of a node share: the mode, read at every structure modification so that
 * {@code SET GLOBAL boreal.btree} applies to splits that start after it (a split in flight
 * finishes in the mode it began), the leaf capacity, and the counters every page adds to.
 *
 * @param mode         the current {@link TreeMode}
 * @param leafCapacity entries a page holds before it splits (inner pages too); at least 3
 * @param stats        counters shared by every tree built with these settings
 */
public record TreeSettings(Supplier<TreeMode> mode, int leafCapacity, TreeStats stats) {

    public TreeSettings {
        if (leafCapacity < 3) {
            throw new IllegalArgumentException("leaf capacity must be at least 3, not " + leafCapacity);
        }
    }

    /** Settings with a fixed mode and counters of their own. */
    public static TreeSettings fixed(TreeMode mode, int leafCapacity) {
        return new TreeSettings(() -> mode, leafCapacity, new TreeStats());
    }
}
