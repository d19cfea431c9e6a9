package io.boreal.storage.journal.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import akka.persistence.PersistentRepr;
import akka.serialization.Serialization;
import io.boreal.storage.journal.JournalCounters;

/**
 * The reading half of taking a persistenceId over in a shared directory ({@link Fences}): takes
 * the next epoch, then finds the history — nothing to copy when the newest ready holder is this
 * node (or there is none), else the live events, deleted-to and highest sequence number read
 * from that holder's log.
 *
 * <p>Another node's log is scanned read-only ({@link LogRecovery#readOnly}); the scan is kept
 * while the log's files stay the same size (a dead node's log: one scan serves every partition
 * that moves from it) and done again when they have grown.
 *
 * <p>Thread-safety: {@link #prepare} runs on replay threads; the scans are guarded by this.
 */
final class Takeovers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Takeovers.class);

    private final JournalSettings settings;
    private final Fences fences;
    private final Serialization serialization;
    private final JournalCounters counters;
    private final Map<String, Scan> scans = new HashMap<>();

    /** What a takeover found: the epoch now held, and the history to copy (null: it is in this log already). */
    record Prepared(Fences.Tenure tenure, History history) {
    }

    /** A persistenceId's history in another node's log. */
    record History(String from, List<PersistentRepr> events, long deletedTo, long highestSeqNr) {
    }

    /** One read-only scan of a log, valid while its files keep {@code signature}. */
    private record Scan(List<String> signature, JournalIndex index, SegmentTable segments) {
        void close() {
            for (Segment segment : segments.snapshot()) {
                try {
                    segment.close();
                } catch (IOException e) {
                    log.warn("closing journal segment {} failed", segment.path, e);
                }
            }
        }
    }

    Takeovers(JournalSettings settings, Fences fences, Serialization serialization, JournalCounters counters) {
        this.settings = settings;
        this.fences = fences;
        this.serialization = serialization;
        this.counters = counters;
    }

    Prepared prepare(String persistenceId) throws IOException {
        Fences.Tenure tenure = fences.take(persistenceId);
        Fences.Holder holder = fences.newestReady(tenure);
        if (holder == null || holder.node().equals(fences.node())) {
            return new Prepared(tenure, null);
        }
        Path dir = settings.sharedDir().resolve("logs").resolve(holder.node());
        List<PersistentRepr> events = new ArrayList<>();
        long deletedTo;
        long highest;
        synchronized (this) {
            Scan scan = scan(holder.node(), dir);
            PersistenceIdEntries entries = scan.index.get(persistenceId);
            if (entries == null) {
                return new Prepared(tenure, new History(holder.node(), events, 0, 0));
            }
            new ReplayReader(scan.segments, serialization).replay(entries, 1, Long.MAX_VALUE, Long.MAX_VALUE, events::add);
            deletedTo = entries.deletedTo();
            highest = entries.highestSeqNr();
        }
        log.info("journal {}: {} taken over at epoch {} from {} (epoch {}): {} events up to {}", settings.dir(),
                persistenceId, tenure.epoch(), holder.node(), holder.epoch(), events.size(), highest);
        return new Prepared(tenure, new History(holder.node(), events, deletedTo, highest));
    }

    void markReady(Fences.Tenure tenure) throws IOException {
        fences.markReady(tenure);
    }

    private Scan scan(String node, Path dir) throws IOException {
        List<String> signature = signature(dir);
        Scan scan = scans.get(node);
        if (scan != null && scan.signature.equals(signature)) {
            return scan;
        }
        if (scan != null) {
            scan.close();
        }
        JournalIndex index = new JournalIndex();
        SegmentTable segments = new SegmentTable();
        LogRecovery.readOnly(settings, dir, index, segments, counters);
        scan = new Scan(signature, index, segments);
        scans.put(node, scan);
        return scan;
    }

    /** The log's segment files with their sizes, in id order. */
    private static List<String> signature(Path dir) throws IOException {
        List<String> signature = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                if (RecordDescriptor.segmentId(file.getFileName().toString()) >= 0) {
                    signature.add(file.getFileName() + ":" + Files.size(file));
                }
            }
        } catch (NoSuchFileException gone) {
            return signature;
        }
        return signature;
    }

    @Override
    public synchronized void close() {
        scans.values().forEach(Scan::close);
        scans.clear();
    }
}
