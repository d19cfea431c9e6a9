package io.boreal.txn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The window hands out only what is durable, disjointly, and asks for more once per mark. */
class IssueWindowTest {

    @Test
    void nothingIsIssuedBeforeRecoveryOrPastTheMark() {
        IssueWindow window = new IssueWindow(100);
        AtomicInteger asked = new AtomicInteger();
        window.onRefill(asked::incrementAndGet);
        assertEquals(0, window.tryIssue(1), "issued before any mark was recovered");
        window.recovered(50);
        assertEquals(0, window.tryIssue(1), "issued at or below a recovered mark");
        window.raise(150);
        assertEquals(51, window.tryIssue(10));
        assertEquals(61, window.tryIssue(90));
        assertEquals(0, window.tryIssue(1), "issued past the mark");
        assertEquals(150, window.issued());
        assertEquals(1, window.largestRefused());
    }

    @Test
    void refillIsAskedOnceBelowHalfAStepUntilTheNextRaise() {
        IssueWindow window = new IssueWindow(100);
        AtomicInteger asked = new AtomicInteger();
        window.onRefill(asked::incrementAndGet);
        window.recovered(0);
        window.raise(100);
        window.tryIssue(40); // 60 left: above half a step
        assertEquals(0, asked.get(), "asked with more than half a step left");
        window.tryIssue(20); // 40 left: below half
        window.tryIssue(1);
        assertEquals(1, asked.get(), "asked not once, while low, before the next raise");
        window.raise(300);
        window.tryIssue(1);
        assertEquals(1, asked.get(), "asked again although more than half a step is left");
        window.tryIssue(200); // 38 left
        assertEquals(2, asked.get(), "not asked again after the raise cleared the request");
    }

    @Test
    void concurrentRangesAreDisjoint() throws Exception {
        IssueWindow window = new IssueWindow(1_000_000);
        window.recovered(1);
        window.raise(2_000_001);
        ConcurrentLinkedQueue<long[]> taken = new ConcurrentLinkedQueue<>();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            int count = t + 1;
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 20_000; i++) {
                    long first = window.tryIssue(count);
                    assertTrue(first > 1);
                    taken.add(new long[] {first, count});
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long[] all = taken.stream().flatMapToLong(r -> java.util.stream.LongStream.range(r[0], r[0] + r[1]))
                .sorted().toArray();
        for (int i = 1; i < all.length; i++) {
            assertTrue(all[i] > all[i - 1], "timestamp " + all[i] + " issued twice");
        }
        assertEquals(20_000L * (1 + 2 + 3 + 4), all.length);
        assertEquals(1 + all.length, window.issued());
    }
}
