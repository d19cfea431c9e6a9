package io.boreal.storage.journal.impl;

import java.util.Arrays;

/**
 * The live segments by id, read lock-free by replaying threads, changed by the log writer (on
 * roll-over and reclamation) through copy-on-write of a sorted array.
 */
final class SegmentTable {

    private volatile Segment[] segments = new Segment[0];

    Segment get(long id) {
        Segment[] current = segments;
        int lo = 0;
        int hi = current.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long midId = current[mid].id;
            if (midId < id) {
                lo = mid + 1;
            } else if (midId > id) {
                hi = mid - 1;
            } else {
                return current[mid];
            }
        }
        return null;
    }

    /** Appends a segment with an id above all others. */
    synchronized void add(Segment segment) {
        Segment[] current = segments;
        Segment[] next = Arrays.copyOf(current, current.length + 1);
        next[current.length] = segment;
        segments = next;
    }

    synchronized void remove(Segment segment) {
        segments = Arrays.stream(segments).filter(s -> s != segment).toArray(Segment[]::new);
    }

    Segment[] snapshot() {
        return segments;
    }
}
