package io.boreal.txn;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import akka.actor.typed.ActorSystem;

/**
 * A node's timestamps in a cluster of several nodes: global snapshots and fresh commit
 * timestamps, both from the oracle, through tracked ranges ({@link CommitHorizon}).
 *
 * <pre>
 *   freshSnapshot ──┐                      ┌──> snapshot() = completed (the oracle's, as of the reply)
 *   whenAvailable ──┴─> one tracked Request ┴──> n commit timestamps, one per waiting commit
 *   (arrivals while one is out wait for the next)        committed(ts) ×n ──> Done
 * </pre>
 *
 * <p>Why not leases: a timestamp leased ahead may be used after another node took a snapshot
 * above it, and that snapshot would miss a commit below it. A tracked timestamp is asked for only
 * once its commit is ready, and holds back every snapshot until the node reports it used
 * ({@link #committed}), so snapshots never wait and never see half a commit.
 *
 * <p>Batching: at most one request is outstanding; it carries every commit waiting when it is
 * sent and serves every fresh snapshot asked for before it was sent. A timestamp a waiter did not
 * take within {@code unusedAfter} (its commit went away) is reported used, so it does not hold
 * snapshots back.
 *
 * <p>Thread-safety: every method may be called from any thread; the bookkeeping is guarded by
 * this object's lock, held for a few field updates (callbacks run outside it).
 */
public final class GlobalTimestamps implements TimestampSource {

    private final ActorSystem<?> system;
    private final LeaseLink link;
    private final Duration unusedAfter;
    private final AtomicLong snapshot;
    private final LeaseLink.Granted granted = new LeaseLink.Granted() {
        @Override
        public void leased(long from, long toExclusive, long completed) {
            onGranted(from, toExclusive, completed);
        }

        @Override
        public void failed(Throwable why) {
            system.log().warn("No timestamps from the timestamp oracle, asking again: {}", why.toString());
            onFailed();
        }
    };

    // guarded by this
    private boolean requesting;
    private List<Runnable> snapshotsNext = new ArrayList<>();
    private List<Runnable> commitsNext = new ArrayList<>();
    private List<Runnable> snapshotsSent = new ArrayList<>();
    private List<Runnable> commitsSent = new ArrayList<>();
    private long poolNext;
    private long poolEnd;
    /** Tracked ranges not yet wholly used: first timestamp → timestamps still unreported. */
    private final TreeMap<Long, int[]> open = new TreeMap<>();

    public GlobalTimestamps(ActorSystem<?> system, LeaseLink link, long floor, Duration unusedAfter) {
        this.system = system;
        this.link = link;
        this.unusedAfter = unusedAfter;
        this.snapshot = new AtomicLong(floor);
    }

    @Override
    public boolean global() {
        return true;
    }

    /** The newest completed snapshot this node heard of. */
    @Override
    public long snapshot() {
        return snapshot.get();
    }

    @Override
    public void freshSnapshot(Runnable ready) {
        synchronized (this) {
            snapshotsNext.add(ready);
        }
        sendIfIdle();
    }

    @Override
    public long tryNextCommit() {
        synchronized (this) {
            return poolNext < poolEnd ? poolNext++ : 0;
        }
    }

    @Override
    public void whenAvailable(Runnable ready) {
        synchronized (this) {
            if (poolNext >= poolEnd) {
                commitsNext.add(ready);
                ready = null;
            }
        }
        if (ready != null) {
            ready.run();
        } else {
            sendIfIdle();
        }
    }

    @Override
    public void committed(long commitTs) {
        long finished;
        synchronized (this) {
            finished = countDown(commitTs);
        }
        if (finished != 0) {
            link.done(finished);
        }
    }

    /**
     * Asks the oracle until its completed snapshot reaches {@code commitTs}: the Done that made
     * it visible went ahead of the request on the same publication, so usually one round trip;
     * more while an older commit (of any node) is still in flight below it.
     */
    @Override
    public void whenVisible(long commitTs, Runnable ready) {
        if (snapshot.get() >= commitTs) {
            ready.run();
            return;
        }
        freshSnapshot(() -> whenVisible(commitTs, ready));
    }

    /** Counts {@code ts} used; returns the first of its range when that was the last of it, else 0. */
    private long countDown(long ts) {
        Map.Entry<Long, int[]> range = open.floorEntry(ts);
        if (range == null || --range.getValue()[0] > 0) {
            return 0;
        }
        open.remove(range.getKey());
        return range.getKey();
    }

    private void sendIfIdle() {
        int count;
        synchronized (this) {
            if (requesting || (snapshotsNext.isEmpty() && commitsNext.isEmpty())) {
                return;
            }
            requesting = true;
            snapshotsSent = snapshotsNext;
            commitsSent = commitsNext;
            snapshotsNext = new ArrayList<>();
            commitsNext = new ArrayList<>();
            count = commitsSent.size();
        }
        link.request(count, true, granted);
    }

    private void onGranted(long from, long toExclusive, long completed) {
        snapshot.accumulateAndGet(completed, Math::max);
        List<Runnable> snapshots;
        List<Runnable> commits;
        int count = (int) (toExclusive - from);
        List<Long> finished = List.of();
        synchronized (this) {
            requesting = false;
            snapshots = snapshotsSent;
            commits = commitsSent;
            snapshotsSent = List.of();
            commitsSent = List.of();
            if (count > 0) {
                open.put(from, new int[] {count});
                finished = releaseUnused(); // the last pool, if any is left: its waiters went away
                poolNext = from;
                poolEnd = toExclusive;
            }
        }
        finished.forEach(link::done);
        run(snapshots);
        run(commits);
        if (count > 0) {
            system.scheduler().scheduleOnce(unusedAfter, () -> releaseUnusedOf(from), system.executionContext());
        }
        sendIfIdle();
    }

    private void onFailed() {
        synchronized (this) {
            requesting = false;
            snapshotsSent.addAll(snapshotsNext); // ask again for all of them at once
            commitsSent.addAll(commitsNext);
            snapshotsNext = snapshotsSent;
            commitsNext = commitsSent;
            snapshotsSent = List.of();
            commitsSent = List.of();
        }
        sendIfIdle();
    }

    /** The pool is still the range starting at {@code from} after a while: what is left of it was never taken. */
    private void releaseUnusedOf(long from) {
        List<Long> finished;
        synchronized (this) {
            if (poolNext >= poolEnd || open.floorKey(poolNext) == null || open.floorKey(poolNext) != from) {
                return;
            }
            finished = releaseUnused();
        }
        finished.forEach(link::done);
    }

    /** Reports the rest of the pool used (nobody took it); guarded by this. */
    private List<Long> releaseUnused() {
        List<Long> finished = new ArrayList<>(1);
        while (poolNext < poolEnd) {
            long first = countDown(poolNext++);
            if (first != 0) {
                finished.add(first);
            }
        }
        return finished;
    }

    private void run(List<Runnable> callbacks) {
        for (Runnable callback : callbacks) {
            try {
                callback.run();
            } catch (RuntimeException e) {
                system.log().error("A timestamp waiter failed", e);
            }
        }
    }
}
