package io.boreal.storage.journal.impl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import akka.dispatch.Futures;
import akka.persistence.AtomicWrite;
import akka.persistence.PersistentRepr;
import akka.persistence.journal.japi.AsyncWriteJournal;
import akka.serialization.Serialization;
import akka.serialization.SerializationExtension;
import com.typesafe.config.Config;
import io.boreal.storage.journal.JournalCounters;
import io.boreal.storage.journal.JournalMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.concurrent.Future;
import scala.jdk.javaapi.FutureConverters;

/**
 * Boreal's embedded journal: an Akka Persistence journal plugin on an append-only, segmented
 * log in one directory, with group commit, a CRC per record and torn-tail repair at start-up.
 *
 * <pre>
 *  persistent actors ──WriteMessages──▶ FileJournal (this actor)
 *                                        │ serialize payloads, measure records (AppendBatch)
 *                                        ▼
 *                                      LogWriter thread ── write + ONE fsync per cycle ──▶ NNN.journal
 *                                        │ publish to JournalIndex, complete futures
 *  ReplayMessages ──▶ replay-dispatcher ─┴─ JournalIndex ──▶ positional reads of segments
 * </pre>
 *
 * <ul>
 *   <li>Format: {@link RecordDescriptor}. An AtomicWrite is all-or-nothing on recovery.</li>
 *   <li>Durability: with {@code fsync = on} no write or delete is acknowledged before
 *       {@code FileChannel.force}; {@code fsync = off} is for comparison benchmarks only.</li>
 *   <li>Recovery: {@link LogRecovery} rebuilds the in-memory index (persistenceId -&gt; where
 *       each live event is, highest sequence number, deleted-to) when the actor starts. A
 *       corrupt non-last segment fails the start: the actor stops with
 *       {@link io.boreal.storage.journal.JournalCorruptedException}, logged at ERROR.</li>
 *   <li>Deletes: a durable delete marker; the highest sequence number survives deletes. Sealed
 *       segments whose events are all deleted are removed ({@code reclaim-segments}).</li>
 *   <li>A persistenceId's highest sequence number is read only after its pending write is done,
 *       so an actor restarting with a write in flight cannot reuse sequence numbers.</li>
 *   <li>Metrics: {@link JournalMetrics#get(akka.actor.ActorSystem)}, under this plugin's config path.</li>
 *   <li>Not stored: event metadata (writes carrying it are rejected) and tags (dropped; there is
 *       no query side).</li>
 * </ul>
 *
 * <p>Memory: the index keeps 20 bytes per live (not deleted) event, plus an entry per
 * persistenceId ever written, so partitions are expected to delete events behind snapshots.
 */
public final class FileJournal extends AsyncWriteJournal {

    private static final Logger log = LoggerFactory.getLogger(FileJournal.class);

    private final SegmentedLog segmentedLog;
    private final Serialization serialization;
    private final Executor replayExecutor;
    private final JournalCounters counters;
    /** Shared directories only: how a persistenceId that moved here is taken over; else null. */
    private final Takeovers takeovers;

    /** A takeover's reading half is done (on a replay thread); its writing half runs on this actor. */
    private record TakenOver(String persistenceId, Takeovers.Prepared prepared, Throwable failure,
                             CompletableFuture<Long> highestSeqNr) {
    }

    public FileJournal(Config config, String configPath) {
        JournalSettings settings = JournalSettings.fromConfig(config);
        this.counters = JournalMetrics.get(context().system()).counters(configPath);
        this.serialization = SerializationExtension.get(context().system());
        this.replayExecutor = context().system().dispatchers().lookup(settings.replayDispatcher());
        try {
            this.segmentedLog = SegmentedLog.open(settings, counters);
        } catch (IOException e) {
            log.error("journal {} at {} failed to start", configPath, settings.dir(), e);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            log.error("journal {} at {} failed to start: {}", configPath, settings.dir(), e.getMessage());
            throw e;
        }
        this.takeovers = segmentedLog.fences == null ? null
            : new Takeovers(settings, segmentedLog.fences, serialization, counters);
    }

    // Hot path: one call per WriteMessages of every persistent actor.
    @Override
    public Future<Iterable<Optional<Exception>>> doAsyncWriteMessages(Iterable<AtomicWrite> messages) {
        AppendBatch batch = AppendBatch.prepare(messages, serialization, segmentedLog.index);
        if (batch.rejected > 0) {
            counters.onRejected(batch.rejected);
        }
        if (batch.records == 0) {
            return Futures.successful(batch.results);
        }
        for (int g = 0; g < batch.groups; g++) {
            batch.owners[g].pendingWrite = batch.done;
        }
        segmentedLog.submit(batch);
        return FutureConverters.asScala(batch.done);
    }

    @Override
    public Future<Void> doAsyncDeleteMessagesTo(String persistenceId, long toSequenceNr) {
        PersistenceIdEntries entries = segmentedLog.index.get(persistenceId);
        if (entries == null) {
            return Futures.successful(null);
        }
        DeleteRequest delete = new DeleteRequest(entries, toSequenceNr);
        segmentedLog.submit(delete);
        return FutureConverters.asScala(delete.done);
    }

    @Override
    public Future<Void> doAsyncReplayMessages(String persistenceId, long fromSequenceNr, long toSequenceNr, long max,
                                              Consumer<PersistentRepr> replayCallback) {
        PersistenceIdEntries entries = segmentedLog.index.get(persistenceId);
        if (entries == null || max <= 0 || fromSequenceNr > toSequenceNr) {
            return Futures.successful(null);
        }
        CompletableFuture<Void> replayed = CompletableFuture.runAsync(() -> {
            try {
                new ReplayReader(segmentedLog.segments, serialization)
                    .replay(entries, fromSequenceNr, toSequenceNr, max, replayCallback);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, replayExecutor);
        return FutureConverters.asScala(replayed);
    }

    @Override
    public Future<Long> doAsyncReadHighestSequenceNr(String persistenceId, long fromSequenceNr) {
        PersistenceIdEntries entries = segmentedLog.index.get(persistenceId);
        if (takeovers != null && (entries == null || !segmentedLog.fences.stillHeld(persistenceId, entries.tenure))) {
            return takeOver(persistenceId); // a recovery here: this node becomes the id's one writer first
        }
        if (entries == null) {
            return Futures.successful(0L);
        }
        CompletableFuture<?> pending = entries.pendingWrite;
        if (pending == null || pending.isDone()) {
            return Futures.successful(entries.highestSeqNr());
        }
        return FutureConverters.asScala(pending.handle((result, failure) -> entries.highestSeqNr()));
    }

    /**
     * Recovery of {@code persistenceId} on a shared directory (see {@link Fences}): takes the next
     * epoch and reads the history on a replay thread, then copies it into this log when it was in
     * another node's, marks the epoch ready, and answers the highest sequence number.
     */
    private Future<Long> takeOver(String persistenceId) {
        CompletableFuture<Long> highest = new CompletableFuture<>();
        akka.actor.ActorRef journal = self();
        CompletableFuture.supplyAsync(() -> {
            try {
                return takeovers.prepare(persistenceId);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, replayExecutor).whenComplete((prepared, failure) ->
            journal.tell(new TakenOver(persistenceId, prepared, failure, highest), akka.actor.ActorRef.noSender()));
        return FutureConverters.asScala(highest);
    }

    @Override
    public scala.PartialFunction<Object, scala.runtime.BoxedUnit> receivePluginInternal() {
        return new akka.japi.pf.PFBuilder<Object, scala.runtime.BoxedUnit>()
            .match(TakenOver.class, t -> {
                finishTakeover(t);
                return scala.runtime.BoxedUnit.UNIT;
            })
            .build();
    }

    private void finishTakeover(TakenOver t) {
        if (t.failure() != null) {
            log.error("journal: taking {} over failed", t.persistenceId(), t.failure());
            t.highestSeqNr().completeExceptionally(t.failure());
            return;
        }
        PersistenceIdEntries entries = segmentedLog.index.getOrCreate(t.persistenceId());
        entries.tenure = t.prepared().tenure().epoch();
        CompletableFuture<?> written = CompletableFuture.completedFuture(null);
        Takeovers.History history = t.prepared().history();
        if (history != null) {
            ResetRequest reset = new ResetRequest(entries, history.deletedTo(), history.highestSeqNr());
            segmentedLog.submit(reset);
            written = reset.done;
            if (!history.events().isEmpty()) {
                java.util.List<AtomicWrite> copies = new java.util.ArrayList<>(history.events().size());
                for (PersistentRepr event : history.events()) {
                    copies.add(new AtomicWrite(scala.jdk.javaapi.CollectionConverters.asScala(
                        java.util.List.of(event)).toList()));
                }
                AppendBatch batch = AppendBatch.prepare(copies, serialization, segmentedLog.index);
                if (batch.rejected > 0) {
                    t.highestSeqNr().completeExceptionally(new IllegalStateException("journal: " + batch.rejected
                        + " events of " + t.persistenceId() + " copied from " + history.from() + " cannot be written again"));
                    return;
                }
                entries.pendingWrite = batch.done;
                segmentedLog.submit(batch);
                written = batch.done;
            }
        }
        written.thenRunAsync(() -> {
            try {
                takeovers.markReady(t.prepared().tenure());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, replayExecutor).whenComplete((ok, failure) -> {
            if (failure != null) {
                t.highestSeqNr().completeExceptionally(failure);
            } else {
                t.highestSeqNr().complete(entries.highestSeqNr());
            }
        });
    }

    @Override
    public void postStop() throws Exception {
        try {
            segmentedLog.close();
            if (takeovers != null) {
                takeovers.close();
            }
        } finally {
            super.postStop();
        }
    }
}
