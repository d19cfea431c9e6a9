package io.boreal.storage.btree;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.TreeMap;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

/** The index tree contract for the Lehman–Yao tree: concurrent splits, parents told afterwards. */
class BlinkTreeTest extends IndexTreeContractTest {

    @Override
    protected TreeMode mode() {
        return TreeMode.BLINK;
    }

    /** Requests that meet a split move right; none waits for a latch or starts again. */
    @Test
    void requestsThatMeetASplitNeverRestart() {
        IndexTree tree = plant(null);
        List<Long> keys = LongStream.range(0, 3000).boxed().toList();
        client(tree).insertAllAtOnce(keys, k -> "v" + k);
        TreeMap<Long, Object> model = new TreeMap<>();
        keys.forEach(k -> model.put(k, "v" + k));
        assertContent(tree, model, "blink, 3000 inserts at once");
        assertEquals(0, tree.stats().restarts(), "restarts");
        assertEquals(0, tree.stats().latchWaitNs(), "latch waits");
    }
}
