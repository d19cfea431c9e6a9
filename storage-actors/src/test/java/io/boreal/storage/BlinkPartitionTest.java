package io.boreal.storage;

import io.boreal.storage.btree.TreeMode;

/** {@link PartitionContract} on B-link trees. */
class BlinkPartitionTest extends PartitionContract {

    @Override
    TreeMode mode() {
        return TreeMode.BLINK;
    }
}
