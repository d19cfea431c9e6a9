package io.boreal.storage;

import io.boreal.storage.btree.TreeMode;
import io.boreal.txn.TxnSystem;

/** {@link PartitionContract} with the classic twin's read views: copies of the active list. */
class ActiveListPartitionTest extends PartitionContract {

    @Override
    TreeMode mode() {
        return TreeMode.BLINK;
    }

    @Override
    TxnSystem.Mvcc mvcc() {
        return TxnSystem.Mvcc.ACTIVE_LIST;
    }
}
