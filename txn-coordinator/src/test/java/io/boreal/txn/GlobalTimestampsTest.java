package io.boreal.txn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * A node's global timestamps against a scripted oracle link: one request at a time, a fresh
 * snapshot waits for a request sent after it was asked for, the commits waiting when a request
 * goes are all served by it, a range is reported done once every timestamp of it is used, and
 * what no commit took is reported unused after a while.
 */
class GlobalTimestampsTest extends TxnActorTest {

    /** Records each request; the test answers them. */
    private static final class ScriptedLink implements LeaseLink {
        record Asked(int count, boolean tracked, Granted granted) {
        }

        final LinkedBlockingQueue<Asked> asked = new LinkedBlockingQueue<>();
        final LinkedBlockingQueue<Long> done = new LinkedBlockingQueue<>();

        @Override
        public void request(int count, boolean tracked, Granted granted) {
            asked.add(new Asked(count, tracked, granted));
        }

        @Override
        public void done(long first) {
            done.add(first);
        }

        Asked next() throws InterruptedException {
            Asked a = asked.poll(10, TimeUnit.SECONDS);
            assertTrue(a != null, "no request within 10 s");
            return a;
        }
    }

    private static GlobalTimestamps clock(ScriptedLink link, Duration unusedAfter) {
        return new GlobalTimestamps(testKit.system(), link, TimestampSource.RECOVERED, unusedAfter);
    }

    @Test
    void aFreshSnapshotWaitsForARequestSentAfterItWasAskedFor() throws Exception {
        ScriptedLink link = new ScriptedLink();
        GlobalTimestamps clock = clock(link, Duration.ofSeconds(10));
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        clock.freshSnapshot(first::incrementAndGet);
        ScriptedLink.Asked one = link.next();
        assertEquals(0, one.count());
        assertTrue(one.tracked());
        clock.freshSnapshot(second::incrementAndGet); // asked while the first request is out
        clock.freshSnapshot(second::incrementAndGet);
        assertTrue(link.asked.isEmpty(), "one request at a time");
        one.granted().leased(1, 1, 40);
        assertEquals(1, first.get());
        assertEquals(0, second.get(), "the reply to a request sent before it was asked is not fresh");
        assertEquals(40, clock.snapshot());
        ScriptedLink.Asked two = link.next();
        two.granted().leased(1, 1, 55);
        assertEquals(2, second.get(), "both served by one request");
        assertEquals(55, clock.snapshot());
        assertTrue(link.asked.isEmpty(), "nothing else outstanding");
    }

    @Test
    void theCommitsWaitingWhenARequestGoesShareItAndItsRangeIsDoneWhenAllAreUsed() throws Exception {
        ScriptedLink link = new ScriptedLink();
        GlobalTimestamps clock = clock(link, Duration.ofSeconds(10));
        assertEquals(0, clock.tryNextCommit(), "no timestamp is held ahead of need");
        AtomicInteger ready = new AtomicInteger();
        clock.whenAvailable(ready::incrementAndGet);
        ScriptedLink.Asked one = link.next();
        assertEquals(1, one.count());
        clock.whenAvailable(ready::incrementAndGet);
        clock.whenAvailable(ready::incrementAndGet);
        one.granted().leased(10, 11, 9);
        ScriptedLink.Asked two = link.next();
        assertEquals(2, two.count(), "the two that came while the first was out");
        long a = clock.tryNextCommit();
        assertEquals(10, a);
        assertEquals(0, clock.tryNextCommit());
        two.granted().leased(20, 22, 9);
        assertEquals(3, ready.get());
        long b = clock.tryNextCommit();
        long c = clock.tryNextCommit();
        assertEquals(List.of(20L, 21L), List.of(b, c));
        clock.committed(a);
        assertEquals(10, link.done.poll(10, TimeUnit.SECONDS));
        clock.committed(c);
        assertTrue(link.done.isEmpty(), "21 is used, 20 not yet");
        clock.committed(b);
        assertEquals(20, link.done.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void aTimestampNoCommitTookIsReportedUnused() throws Exception {
        ScriptedLink link = new ScriptedLink();
        GlobalTimestamps clock = clock(link, Duration.ofMillis(50));
        clock.whenAvailable(() -> { }); // a commit that goes away without taking its timestamp
        link.next().granted().leased(30, 31, 29);
        assertEquals(30, link.done.poll(10, TimeUnit.SECONDS), "it must not hold snapshots back");
        assertEquals(0, clock.tryNextCommit(), "and it is not given out afterwards");
    }

    @Test
    void aFailedRequestIsSentAgainForEveryoneItCarried() throws Exception {
        ScriptedLink link = new ScriptedLink();
        GlobalTimestamps clock = clock(link, Duration.ofSeconds(10));
        AtomicInteger ready = new AtomicInteger();
        clock.freshSnapshot(ready::incrementAndGet);
        clock.whenAvailable(ready::incrementAndGet);
        ScriptedLink.Asked one = link.next();
        assertEquals(0, one.count(), "sent for the snapshot before the commit came");
        one.granted().failed(new IllegalStateException("timed out"));
        ScriptedLink.Asked again = link.next();
        assertEquals(1, again.count(), "the snapshot asked again, with the commit that waited meanwhile");
        again.granted().leased(5, 6, 4);
        assertEquals(2, ready.get());
        assertNotEquals(0, clock.tryNextCommit());
        assertFalse(clock.snapshot() < 4);
    }
}
