package io.boreal.txn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;

/** The records of two-phase commits: first decision wins, durable, forgotten once every participant logged it. */
class TxnRecordsTest extends TxnActorTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(30);
    private static final AtomicInteger IDS = new AtomicInteger();
    private static String newPersistenceId() {
        return "records-" + IDS.incrementAndGet();
    }

    private static TxnRecords.Decision decide(ActorRef<TxnRecords.Command> records, long id, boolean commit, int participants) {
        TestProbe<TxnRecords.Decision> probe = testKit.createTestProbe();
        records.tell(new TxnRecords.Decide(id, commit, participants, 0, probe.getRef()));
        return probe.receiveMessage(HANG_GUARD);
    }

    @Test
    void theFirstDecisionStandsAndSurvivesARestart() {
        String persistenceId = newPersistenceId();
        ActorRef<TxnRecords.Command> records = testKit.spawn(TxnRecords.create(persistenceId));
        assertTrue(decide(records, 1, true, 2).commit());
        assertTrue(decide(records, 1, false, 0).commit(), "a recovering participant hears COMMIT");
        assertFalse(decide(records, 2, false, 0).commit());
        assertFalse(decide(records, 2, true, 2).commit(), "a late coordinator hears ABORT");
        testKit.stop(records, HANG_GUARD);
        records = testKit.spawn(TxnRecords.create(persistenceId));
        assertTrue(decide(records, 1, false, 0).commit());
        assertFalse(decide(records, 2, true, 2).commit());
    }

    /**
     * A COMMIT recorded with its commit timestamp gives it to whoever asks, also after a
     * restart: a partition that decides the transaction without its coordinator stamps it there.
     */
    @Test
    void theCommitTimestampRecordedWithTheDecisionIsEveryonesAnswer() {
        String persistenceId = newPersistenceId();
        ActorRef<TxnRecords.Command> records = testKit.spawn(TxnRecords.create(persistenceId));
        TestProbe<TxnRecords.Decision> probe = testKit.createTestProbe();
        records.tell(new TxnRecords.Decide(3, true, 2, 4_711, probe.getRef()));
        assertEquals(new TxnRecords.Decision(3, true, 4_711), probe.receiveMessage(HANG_GUARD));
        assertEquals(new TxnRecords.Decision(3, true, 4_711), decide(records, 3, false, 0));
        assertFalse(decide(records, 4, false, 0).commit());
        records.tell(new TxnRecords.Decide(4, true, 2, 4_712, probe.getRef()));
        assertEquals(new TxnRecords.Decision(4, false, 0), probe.receiveMessage(HANG_GUARD),
                "a coordinator too late for its COMMIT hears an abort, which has no timestamp");
        testKit.stop(records, HANG_GUARD);
        records = testKit.spawn(TxnRecords.create(persistenceId));
        assertEquals(new TxnRecords.Decision(3, true, 4_711), decide(records, 3, false, 0));
        assertEquals(new TxnRecords.Decision(4, false, 0), decide(records, 4, true, 2));
    }

    /** Once every participant logged the outcome, the COMMIT is dropped, also from what a restart replays. */
    @Test
    void aCommitIsForgottenOnceEveryParticipantResolvedIt() {
        String persistenceId = newPersistenceId();
        ActorRef<TxnRecords.Command> records = testKit.spawn(TxnRecords.create(persistenceId));
        assertTrue(decide(records, 7, true, 2).commit());
        records.tell(new TxnRecords.Resolved(7));
        assertTrue(decide(records, 7, false, 0).commit(), "one participant still needs it");
        records.tell(new TxnRecords.Resolved(7));
        assertTrue(decide(records, 8, true, 1).commit()); // the write that logs the forgetting
        testKit.stop(records, HANG_GUARD);
        records = testKit.spawn(TxnRecords.create(persistenceId));
        assertFalse(decide(records, 7, false, 0).commit(), "forgotten: a new decision could be recorded");
        assertTrue(decide(records, 8, false, 0).commit());
    }

    /** Thousands of requests at once are all answered (none is lost to a persistence stash). */
    @Test
    void aBurstOfDecisionsIsAllAnswered() {
        ActorRef<TxnRecords.Command> records = testKit.spawn(TxnRecords.create(newPersistenceId()));
        TestProbe<TxnRecords.Decision> probe = testKit.createTestProbe();
        int n = 8_000;
        for (long id = 1; id <= n; id++) {
            records.tell(new TxnRecords.Decide(id, id % 2 == 0, 2, 0, probe.getRef()));
        }
        Set<Long> answered = new HashSet<>();
        for (TxnRecords.Decision d : probe.receiveSeveralMessages(n, Duration.ofSeconds(60))) {
            assertEquals(d.transactionId() % 2 == 0, d.commit());
            answered.add(d.transactionId());
        }
        assertEquals(n, answered.size());
    }
}
