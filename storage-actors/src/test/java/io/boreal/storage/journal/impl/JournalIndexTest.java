package io.boreal.storage.journal.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** The per-persistenceId index against a simple model, ordered and with a second (stale) writer. */
class JournalIndexTest {

    private static List<Long> seqNrs(PersistenceIdEntries.Slice slice) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < slice.count; i++) {
            out.add(slice.seqNrs[i]);
        }
        return out;
    }

    @Test
    void slicesHonourBoundsMaxAndDeletes() {
        PersistenceIdEntries e = new PersistenceIdEntries("p");
        for (long s = 1; s <= 10; s++) {
            e.append(s, s * 100, 60);
        }
        assertEquals(List.of(3L, 4L, 5L), seqNrs(e.slice(3, 5, Long.MAX_VALUE)));
        assertEquals(List.of(3L, 4L), seqNrs(e.slice(3, 10, 2)));
        assertEquals(List.of(), seqNrs(e.slice(11, 20, 5)));
        e.applyDelete(4, 10);
        assertEquals(List.of(5L, 6L), seqNrs(e.slice(1, 6, Long.MAX_VALUE)));
        e.applyDelete(2, 10); // never shrinks
        assertEquals(4L, e.deletedTo());
        e.applyDelete(10, 10);
        assertEquals(0, e.liveEntries());
        assertEquals(10L, e.highestSeqNr());
        e.append(11, 1100, 60);
        assertEquals(List.of(11L), seqNrs(e.slice(1, Long.MAX_VALUE, Long.MAX_VALUE)));
    }

    @Test
    void keepsLogOrderForAStaleSecondWriter() {
        PersistenceIdEntries e = new PersistenceIdEntries("p");
        e.append(1, 100, 60);
        e.append(2, 200, 60);
        e.append(2, 300, 60); // the stale writer's 2
        e.append(3, 400, 60);
        PersistenceIdEntries.Slice all = e.slice(1, Long.MAX_VALUE, Long.MAX_VALUE);
        assertEquals(List.of(1L, 2L, 2L, 3L), seqNrs(all));
        assertEquals(300L, all.locations[2]);
        assertEquals(List.of(2L, 2L), seqNrs(e.slice(2, 2, Long.MAX_VALUE)));
        e.applyDelete(2, 3);
        assertEquals(List.of(3L), seqNrs(e.slice(1, Long.MAX_VALUE, Long.MAX_VALUE)));
    }

    @Test
    void matchesATreeMapModelUnderRandomAppendsAndDeletes() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        PersistenceIdEntries e = new PersistenceIdEntries("p");
        TreeMap<Long, Long> model = new TreeMap<>();
        long next = 1;
        long deletedTo = 0;
        for (int op = 0; op < 5_000; op++) {
            if (random.nextInt(10) < 8) {
                e.append(next, next * 7, 50);
                model.put(next, next * 7);
                next++;
            } else {
                long to = random.nextInt((int) next + 5);
                long clamped = Math.max(deletedTo, Math.min(to, next - 1));
                e.applyDelete(clamped, next - 1);
                deletedTo = clamped;
                model.headMap(deletedTo, true).clear();
            }
            long from = random.nextInt((int) next + 2);
            long to = from + random.nextInt(50);
            int max = 1 + random.nextInt(40);
            List<Long> expected = model.subMap(from, true, to, true).keySet().stream().limit(max).toList();
            assertEquals(expected, seqNrs(e.slice(from, to, max)), "seed " + seed + " op " + op);
        }
        assertEquals(next - 1, e.highestSeqNr(), "seed " + seed);
    }
}
