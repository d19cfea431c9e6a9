package io.boreal.storage.btree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.boreal.storage.Key;

/** The session-log judge flags answers no serial execution gives, and accepts the rest. */
class SessionLogsTest {

    private static final List<Long> KEYS = List.of(0L, 1L, 2L);

    private static TreeSession.Observation at(long sentNs, long answeredNs, TreeSession.Op op, Object reply) {
        return new TreeSession.Observation(op, sentNs, answeredNs, reply);
    }

    private static List<BTree.ScanChunk> chunks(long... keys) {
        List<Map.Entry<Key, Object>> entries = new ArrayList<>();
        for (long k : keys) {
            entries.add(Map.entry(Key.of(k), "v" + k));
        }
        return List.of(new BTree.ScanChunk(1, 0, entries, true));
    }

    private static SessionLogs judge(TreeSession.Observation... reader) {
        TreeSession.Log writer = new TreeSession.Log(0, List.of(
                at(10, 20, new TreeSession.Insert(0, "v0"), true),
                at(30, 40, new TreeSession.Insert(1, "v1"), true),
                at(50, 60, new TreeSession.Insert(1, "x"), false)), List.of());
        TreeSession.Log readerLog = new TreeSession.Log(1, List.of(reader), List.of());
        return new SessionLogs(KEYS, Map.of()).judge(List.of(writer, readerLog));
    }

    @Test
    void consistentAnswersPassAndGiveTheModel() {
        SessionLogs judged = judge(
                at(25, 26, new TreeSession.Get(0), "v0"),
                at(70, 80, new TreeSession.Range(null, null, -1), chunks(0, 1)),
                at(35, 36, new TreeSession.Range(0L, 2L, -1), chunks(0)),
                at(70, 80, new TreeSession.Range(0L, null, 1), chunks(0)));
        assertTrue(judged.problems().isEmpty(), judged.report());
        assertEquals(Map.of(0L, "v0", 1L, "v1"), judged.model());
    }

    @Test
    void aWrongWriteReplyIsFlagged() {
        TreeSession.Log writer = new TreeSession.Log(0, List.of(
                at(10, 20, new TreeSession.Insert(0, "v0"), true),
                at(30, 40, new TreeSession.Insert(0, "x"), true)), List.of());
        assertEquals(1, new SessionLogs(KEYS, Map.of()).judge(List.of(writer)).problems().size());
    }

    @Test
    void aScanMissingAnAcknowledgedKeyIsFlagged() {
        assertEquals(1, judge(at(70, 80, new TreeSession.Range(null, null, -1), chunks(1))).problems().size());
    }

    @Test
    void aScanOutOfOrderOrOutOfRangeIsFlagged() {
        assertTrue(!judge(at(70, 80, new TreeSession.Range(null, null, -1), chunks(1, 0))).problems().isEmpty());
        assertTrue(!judge(at(70, 80, new TreeSession.Range(1L, null, -1), chunks(0, 1))).problems().isEmpty());
        assertTrue(!judge(at(70, 80, new TreeSession.Range(null, null, 1), chunks(0, 1))).problems().isEmpty());
    }

    @Test
    void aStaleReadIsFlagged() {
        assertEquals(1, judge(at(25, 26, new TreeSession.Get(0), null)).problems().size());
    }
}
