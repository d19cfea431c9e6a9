package io.boreal.txn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The twin's read views: copies of the active list, visibility by id, agreeing with the CSNs. */
class ActiveListTest {

    private final TxnSystem txns = new TxnSystem(TimestampSource.local(), 64, 1);
    private final ActiveList list = txns.activeList();

    @Test
    void aViewCopiesTheOthersActiveAtItsStart() {
        ActiveList.View a = list.begin();
        ActiveList.View b = list.begin();
        ActiveList.View c = list.begin();
        assertArrayEquals(new long[] {a.self(), b.self()}, c.active());
        assertEquals(3, list.size());
        txns.tryCommit(b.self());
        txns.abort(a.self());
        ActiveList.View d = list.begin();
        assertArrayEquals(new long[] {c.self()}, d.active());
    }

    @Test
    void visibilityByIdAgreesWithTheCommitOrder() {
        ActiveList.View writer = list.begin();
        ActiveList.View before = list.begin();
        long csn = txns.tryCommit(writer.self());
        ActiveList.View after = list.begin();
        assertFalse(before.sees(writer.self(), csn), "active when the view was taken");
        assertTrue(after.sees(writer.self(), csn));
        ActiveList.View later = list.begin();
        long laterCsn = txns.tryCommit(later.self());
        assertFalse(after.sees(later.self(), laterCsn), "at or above the view's high limit");
    }

    /** A transaction begun under CTS is not listed; a view judges it by its CSN alone. */
    @Test
    void unlistedTransactionsAreJudgedByTheirCommitSequenceNumber() {
        long unlisted = txns.begin(TxnSystem.Mvcc.CTS).id();
        ActiveList.View view = list.begin();
        long csn = txns.tryCommit(unlisted);
        assertFalse(view.sees(unlisted, csn));
        assertTrue(list.begin().sees(unlisted, csn));
        assertFalse(txns.log().listed(unlisted));
        assertTrue(txns.log().listed(view.self()));
    }
}
