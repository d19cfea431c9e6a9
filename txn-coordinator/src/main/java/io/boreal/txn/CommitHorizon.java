package io.boreal.txn;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.boreal.transport.aeron.RangeIssuer;

/**
 * The coordinator's view of commits in flight, for global snapshots (a cluster of several
 * nodes): the tracked ranges of commit timestamps it issued whose node has not yet said they
 * are used, and from them the {@linkplain #completed() completed} timestamp — the newest
 * snapshot that sees every commit at or below it, wholly.
 *
 * <pre>
 *   issued ranges:   [10,12) done   [12,13) in flight   [13,16) done   [16,18) in flight
 *   completed = 11   (below the oldest range in flight; with none in flight: the last issued)
 * </pre>
 *
 * <p>Why it is safe for a reader never to wait: a node takes a tracked range only for commits
 * that are ready to take their timestamp, and says Done once each of them is visible in every
 * partition it wrote. A snapshot {@code s <= completed} therefore finds every commit at or below
 * {@code s} visible everywhere; and every commit it does not see as committed (active, prepared,
 * or still taking its timestamp) gets a timestamp above {@code completed}, hence above {@code s}.
 *
 * <p>Invariants: {@code completed} never decreases; a range is in flight from the moment it is
 * taken from the window until its Done or its expiry —
 * a range in flight longer than {@code expiry} is given up with a warning (its node died or its
 * Done was lost), since snapshots would otherwise stand still. Taking a range and recording it
 * happen under one lock, so {@link #completed} never reads the window between the two.
 *
 * <p>Untracked leases ({@link #tryIssue}, single-node clusters) pass straight to the window; a
 * cluster must not mix them with tracked ranges (a leased timestamp may be used after
 * {@code completed} passed it).
 *
 * <p>Thread-safety: every method may be called from any thread; the tracked ones synchronize on
 * this object (a few per batch of commits, from the server agent or the oracle's actor).
 */
public final class CommitHorizon implements RangeIssuer {

    private record InFlight(int nodeId, int count, long sinceNs) {
    }

    private final IssueWindow window;
    private final long expiryNs;
    private final Consumer<String> warn;
    /** By first timestamp, so the oldest is the first key. */
    private final TreeMap<Long, InFlight> inFlight = new TreeMap<>();
    private long completed;

    public CommitHorizon(IssueWindow window, long expiryNs, Consumer<String> warn) {
        this.window = window;
        this.expiryNs = expiryNs;
        this.warn = warn;
    }

    public IssueWindow window() {
        return window;
    }

    @Override
    public long tryIssue(int count) {
        return window.tryIssue(count);
    }

    @Override
    public synchronized long tryIssueTracked(int nodeId, int count) {
        if (count == 0) {
            return 1;
        }
        long first = window.tryIssue(count);
        if (first > 0) {
            inFlight.put(first, new InFlight(nodeId, count, System.nanoTime()));
        }
        return first;
    }

    @Override
    public synchronized long completed() {
        expire(System.nanoTime());
        long now = inFlight.isEmpty() ? window.issued() : inFlight.firstKey() - 1;
        if (now > completed) {
            completed = now;
        }
        return completed;
    }

    @Override
    public synchronized void done(int nodeId, long first) {
        InFlight range = inFlight.get(first);
        if (range != null && range.nodeId() == nodeId) {
            inFlight.remove(first);
        }
    }

    /** Tracked ranges in flight now. */
    public synchronized int inFlight() {
        return inFlight.size();
    }

    private void expire(long now) {
        for (Iterator<Map.Entry<Long, InFlight>> it = inFlight.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, InFlight> e = it.next();
            if (now - e.getValue().sinceNs() < expiryNs) {
                return; // ranges are taken in order of time as of timestamp: the rest are younger
            }
            it.remove();
            warn.accept("commit timestamps [" + e.getKey() + ", " + (e.getKey() + e.getValue().count())
                    + ") of node " + e.getValue().nodeId() + " were not reported used within "
                    + TimeUnit.NANOSECONDS.toMillis(expiryNs) + " ms; snapshots move past them");
        }
    }
}
