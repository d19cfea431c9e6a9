package io.boreal.storage.btree;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The read judge accepts what a linearizable key may show and nothing else. */
class KeyHistoriesTest {

    /** Key 1: absent, then "a" (written during [10, 20]), then removed (during [30, 40]). */
    private static KeyHistories history() {
        KeyHistories histories = new KeyHistories(Map.of());
        histories.written(1, 10, 20, "a");
        histories.written(1, 30, 40, null);
        return histories;
    }

    @Test
    void aReadSeesTheLastAcknowledgedWrite() {
        assertNull(history().impossible(1, "a", 25, 28));
        assertNotNull(history().impossible(1, null, 25, 28), "absent again after \"a\" was acknowledged");
    }

    @Test
    void aReadOverlappingAWriteMaySeeEitherSide() {
        assertNull(history().impossible(1, null, 5, 15));
        assertNull(history().impossible(1, "a", 5, 15));
        assertNull(history().impossible(1, "a", 35, 45));
        assertNull(history().impossible(1, null, 35, 45));
    }

    @Test
    void aReadCannotSeeTheFutureOrAValueNeverWritten() {
        assertNotNull(history().impossible(1, "a", 1, 5), "\"a\" before it was sent");
        assertNotNull(history().impossible(1, "b", 25, 28), "never written");
        assertNotNull(history().impossible(2, "a", 25, 28), "written to another key");
        assertNull(history().impossible(2, null, 25, 28));
    }

    @Test
    void theInitialContentIsVersionZero() {
        KeyHistories histories = new KeyHistories(Map.of(7L, "x"));
        assertNull(histories.impossible(7, "x", 1, 2));
        histories.written(7, 10, 20, "y");
        assertNotNull(histories.impossible(7, "x", 25, 26), "\"x\" was overwritten before the read");
    }
}
