package io.boreal.txn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The coordinator's completed snapshot: below the oldest tracked range in flight, the last
 * timestamp issued with none in flight, never lower than before; a range is out of flight by its
 * Done or its expiry (with a warning naming it).
 */
class CommitHorizonTest {

    private final List<String> warnings = new ArrayList<>();

    private CommitHorizon horizon(long expiryNs) {
        IssueWindow window = new IssueWindow(1_000);
        window.recovered(100); // timestamps up to 100 may have been issued: the next is 101
        window.raise(10_000);
        return new CommitHorizon(window, expiryNs, warnings::add);
    }

    @Test
    void theSnapshotStaysBelowTheOldestRangeInFlight() {
        CommitHorizon horizon = horizon(TimeUnit.MINUTES.toNanos(1));
        assertEquals(100, horizon.completed());
        long first = horizon.tryIssueTracked(1, 3);
        long second = horizon.tryIssueTracked(2, 2);
        assertEquals(101, first);
        assertEquals(104, second);
        assertEquals(100, horizon.completed());
        horizon.done(2, second); // a younger range done first holds nothing back by itself
        assertEquals(100, horizon.completed());
        horizon.done(2, first); // not its node's range: ignored
        assertEquals(100, horizon.completed());
        horizon.done(1, first);
        assertEquals(105, horizon.completed(), "nothing in flight: the last timestamp issued");
        assertTrue(horizon.tryIssueTracked(1, 0) > 0, "a request for none issues nothing and is served");
        assertEquals(105, horizon.completed());
        assertEquals(106, horizon.tryIssue(1), "an untracked lease is not held");
        assertEquals(106, horizon.completed());
    }

    @Test
    void anExpiredRangeHoldsNothingBack() throws InterruptedException {
        CommitHorizon expiring = horizon(TimeUnit.MILLISECONDS.toNanos(1));
        long lost = expiring.tryIssueTracked(3, 2);
        Thread.sleep(5);
        assertEquals(lost + 1, expiring.completed(), "an expired range is given up");
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("node 3") && warnings.get(0).contains("[" + lost + ", " + (lost + 2) + ")"),
                warnings.get(0));
    }

    @Test
    void aRefusedRangeIsNotTracked() {
        IssueWindow window = new IssueWindow(1_000);
        window.recovered(100); // the mark is 100: nothing more may go out until the oracle raises it
        CommitHorizon horizon = new CommitHorizon(window, TimeUnit.MINUTES.toNanos(1), warnings::add);
        assertEquals(0, horizon.tryIssueTracked(1, 1));
        assertEquals(0, horizon.inFlight());
        assertEquals(100, horizon.completed());
    }
}
