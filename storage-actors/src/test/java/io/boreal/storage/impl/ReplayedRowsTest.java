package io.boreal.storage.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.boreal.storage.Key;

/** Replay puts a two-phase transaction's images where its commit took effect, not where its outcome was logged. */
class ReplayedRowsTest {

    private static final Key K = Key.of(1);

    private static List<Object[]> image(int v) {
        return List.<Object[]>of(new Object[] {1, v});
    }

    private static int value(ReplayedRows replayed) {
        return (Integer) replayed.rows().get(K)[1];
    }

    /** T1 prepared, committed, and T2 wrote the key and logged before T1's outcome was logged. */
    @Test
    void aLaterCommitLoggedBeforeTheOutcomeWins() {
        ReplayedRows replayed = new ReplayedRows();
        replayed.committed(List.of(K), image(0));
        replayed.prepared(new RedoLog.Prepared(1, List.of(K), image(10)));
        replayed.committed(List.of(K), image(20));
        replayed.decided(1, true);
        assertEquals(20, value(replayed));
    }

    @Test
    void aCommittedPreparedImageWithNothingAfterItIsTheRow() {
        ReplayedRows replayed = new ReplayedRows();
        replayed.committed(List.of(K), image(0));
        replayed.prepared(new RedoLog.Prepared(1, List.of(K), image(10)));
        replayed.decided(1, true);
        assertEquals(10, value(replayed));
    }

    /** T1 prepared and committed, T2 prepared after it on the key and aborted: T1's image stands, whatever the outcome order. */
    @Test
    void theLastCommittedOfSeveralPreparedImagesWins() {
        for (boolean firstOutcomeFirst : new boolean[] {true, false}) {
            ReplayedRows replayed = new ReplayedRows();
            replayed.committed(List.of(K), image(0));
            replayed.prepared(new RedoLog.Prepared(1, List.of(K), image(10)));
            replayed.prepared(new RedoLog.Prepared(2, List.of(K), image(20)));
            if (firstOutcomeFirst) {
                replayed.decided(1, true);
                replayed.decided(2, false);
            } else {
                replayed.decided(2, false);
                replayed.decided(1, true);
            }
            assertEquals(10, value(replayed));
        }
    }

    @Test
    void aTransactionInDoubtHoldsBackTheRowsUntilDecided() {
        ReplayedRows replayed = new ReplayedRows();
        replayed.committed(List.of(K), image(0));
        replayed.prepared(new RedoLog.Prepared(7, List.of(K, Key.of(2)), Arrays.asList(new Object[] {1, 5}, null)));
        assertEquals(java.util.Set.of(7L), replayed.inDoubt());
        assertThrows(IllegalStateException.class, replayed::rows);
        replayed.decided(7, false);
        assertArrayEquals(new Object[] {1, 0}, replayed.rows().get(K));
        assertEquals(1, replayed.rows().size());
    }
}
