package io.boreal.storage;

import io.boreal.storage.btree.TreeMode;

/** {@link PartitionContract} on the serial-SMO twin. */
class SerialSmoPartitionTest extends PartitionContract {

    @Override
    TreeMode mode() {
        return TreeMode.SERIAL_SMO;
    }
}
