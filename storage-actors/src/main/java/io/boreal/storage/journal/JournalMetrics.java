package io.boreal.storage.journal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.Extension;
import akka.actor.typed.ExtensionId;
import akka.actor.typed.javadsl.Adapter;

/**
 * The journal counters of one {@link ActorSystem}: whoever holds the system reads them, every
 * journal plugin running in it writes into them.
 *
 * <pre>{@code
 * JournalMetrics.Snapshot before = JournalMetrics.get(system).snapshot("boreal.journal.file");
 * ... run the workload ...
 * JournalMetrics.Snapshot delta = JournalMetrics.get(system).snapshot("boreal.journal.file").minus(before);
 * double fsyncsPerCommit = delta.fsyncsPerAtomicWrite();
 * }</pre>
 *
 * <p>Counters are kept per journal plugin id (the config path the plugin was started from, e.g.
 * {@code boreal.journal.file}) and live as long as the system: a journal actor restarted inside
 * the same system keeps adding to the same {@link JournalCounters}. Journals that do not report
 * (Akka's {@code inmem}) read as zeros.
 *
 * <p>Concurrency: any thread may read at any time. A snapshot reads each counter atomically but
 * not all of them at one instant, so ratios taken from a snapshot of a running journal are
 * approximate by at most one group commit.
 */
public final class JournalMetrics implements Extension {

    private static final ExtensionId<JournalMetrics> ID = new ExtensionId<>() {
        @Override
        public JournalMetrics createExtension(ActorSystem<?> system) {
            return new JournalMetrics();
        }
    };

    private final ConcurrentHashMap<String, JournalCounters> byPluginId = new ConcurrentHashMap<>();

    private JournalMetrics() {
    }

    public static JournalMetrics get(ActorSystem<?> system) {
        return ID.apply(system);
    }

    public static JournalMetrics get(akka.actor.ActorSystem system) {
        return get(Adapter.toTyped(system));
    }

    /** The counters a journal plugin writes into; created on first use. */
    public JournalCounters counters(String pluginId) {
        return byPluginId.computeIfAbsent(pluginId, JournalCounters::new);
    }

    /** Ids of the journals that have reported in this system. */
    public Set<String> pluginIds() {
        return Set.copyOf(byPluginId.keySet());
    }

    /** One journal's counters, zeros if it never reported. */
    public Snapshot snapshot(String pluginId) {
        JournalCounters counters = byPluginId.get(pluginId);
        return counters == null ? Snapshot.ZERO : counters.snapshot();
    }

    /** The sum over every journal of the system. */
    public Snapshot snapshot() {
        Snapshot sum = Snapshot.ZERO;
        for (JournalCounters counters : byPluginId.values()) {
            sum = sum.plus(counters.snapshot());
        }
        return sum;
    }

    /**
     * Counters at one moment.
     *
     * @param atomicWrites    {@code AtomicWrite}s made durable (one per {@code persist}/{@code persistAll})
     * @param records         events made durable
     * @param bytes           bytes appended to the log, record headers included
     * @param groupCommits    write cycles of the log writer: one file write batch, at most one data fsync
     * @param fsyncs          {@code force} calls, including those of segment roll-over and directory entries
     * @param fsyncNanos      time spent in those calls
     * @param deletes         delete requests (durable delete markers)
     * @param rejected        {@code AtomicWrite}s rejected before writing (serialization, size limits)
     * @param recoveredRecords records read back when the journal started
     * @param recoveryNanos   time the start-up scan took
     * @param truncatedBytes  bytes of torn tail cut off at start-up
     */
    public record Snapshot(long atomicWrites, long records, long bytes, long groupCommits, long fsyncs,
                           long fsyncNanos, long deletes, long rejected, long recoveredRecords,
                           long recoveryNanos, long truncatedBytes) {

        public static final Snapshot ZERO = new Snapshot(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        /** fsyncs per {@code AtomicWrite}: the "fsyncs per commit" of a redo log writing one AtomicWrite per commit batch. */
        public double fsyncsPerAtomicWrite() {
            return atomicWrites == 0 ? 0.0 : (double) fsyncs / atomicWrites;
        }

        public double atomicWritesPerGroupCommit() {
            return groupCommits == 0 ? 0.0 : (double) atomicWrites / groupCommits;
        }

        public double meanFsyncMicros() {
            return fsyncs == 0 ? 0.0 : fsyncNanos / 1_000.0 / fsyncs;
        }

        public Snapshot minus(Snapshot o) {
            return new Snapshot(atomicWrites - o.atomicWrites, records - o.records, bytes - o.bytes,
                groupCommits - o.groupCommits, fsyncs - o.fsyncs, fsyncNanos - o.fsyncNanos,
                deletes - o.deletes, rejected - o.rejected, recoveredRecords - o.recoveredRecords,
                recoveryNanos - o.recoveryNanos, truncatedBytes - o.truncatedBytes);
        }

        public Snapshot plus(Snapshot o) {
            return new Snapshot(atomicWrites + o.atomicWrites, records + o.records, bytes + o.bytes,
                groupCommits + o.groupCommits, fsyncs + o.fsyncs, fsyncNanos + o.fsyncNanos,
                deletes + o.deletes, rejected + o.rejected, recoveredRecords + o.recoveredRecords,
                recoveryNanos + o.recoveryNanos, truncatedBytes + o.truncatedBytes);
        }
    }
}
