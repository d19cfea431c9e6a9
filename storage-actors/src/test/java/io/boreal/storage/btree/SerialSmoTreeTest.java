package io.boreal.storage.btree;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.TreeMap;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

/** The index tree contract for the InnoDB-style twin: splits serialized by one index latch. */
class SerialSmoTreeTest extends IndexTreeContractTest {

    @Override
    protected TreeMode mode() {
        return TreeMode.SERIAL_SMO;
    }

    /**
     * Requests queued at a leaf that is splitting start again from the root, pessimistically,
     * and still get the right answer.
     */
    @Test
    void requestsThatMeetASplitRestartFromTheRoot() {
        IndexTree tree = plant(null);
        List<Long> keys = LongStream.range(0, 3000).boxed().toList();
        client(tree).insertAllAtOnce(keys, k -> "v" + k);
        TreeMap<Long, Object> model = new TreeMap<>();
        keys.forEach(k -> model.put(k, "v" + k));
        assertContent(tree, model, "serial SMO, 3000 inserts at once");
        assertTrue(tree.stats().restarts() > 0, "no request restarted: " + tree.stats().restarts());
    }
}
