package io.boreal.storage.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import akka.actor.typed.ActorRef;
import io.boreal.storage.EngineException;
import io.boreal.storage.Key;
import io.boreal.storage.Partition;

/**
 * A partition's group commit: commits, prepares and outcomes gather while the previous batch is
 * being written, and the next batch takes everything gathered, so one redo write carries as
 * many of them as arrived during the last one.
 *
 * <p>Invariant: at most one batch is in flight; a commit or prepare is in exactly one of
 * gathering and in flight until it is handed back by {@link #durable} or failed. Outcomes
 * have no one waiting for them.
 *
 * <p>Not thread-safe: owned by the partition actor.
 */
final class CommitGroups {

    /** A commit ({@code prepare} false) or a prepare waiting for its row images to be durable. */
    record Pending(TxnWrites writes, boolean prepare, long tag, long count, ActorRef<Partition.Reply> replyTo) {
    }

    /** Commits, prepares ({@link Pending}) and outcomes ({@link RedoLog.Outcome}), in arrival order. */
    private List<Object> gathering = new ArrayList<>();
    private List<Pending> inFlight = List.of();
    /** Transactions whose COMMIT outcome the batch in flight logs. */
    private List<Long> commitOutcomesInFlight = List.of();
    private boolean writing;

    /** Adds a commit or prepare; true when no batch is in flight, so the caller should write one now. */
    boolean add(Pending pending) {
        gathering.add(pending);
        return !writing;
    }

    /** Adds the outcome of a transaction prepared here; true when the caller should write now. */
    boolean add(RedoLog.Outcome outcome) {
        gathering.add(outcome);
        return !writing;
    }

    boolean inFlight() {
        return writing;
    }

    boolean gathered() {
        return !gathering.isEmpty();
    }

    /**
     * Everything gathered becomes the batch in flight: its events in arrival order (replay
     * applies them in that order), consecutive commits merged into one {@link RedoLog.RedoBatch}.
     */
    List<RedoLog.RedoEvent> takeBatch() {
        List<RedoLog.RedoEvent> events = new ArrayList<>();
        List<Pending> waiting = new ArrayList<>();
        List<Long> committed = new ArrayList<>();
        List<Key> keys = new ArrayList<>();
        List<Object[]> images = new ArrayList<>();
        for (Object item : gathering) {
            if (item instanceof Pending pending && !pending.prepare()) {
                waiting.add(pending);
                for (Map.Entry<Key, Object[]> e : pending.writes().images.entrySet()) {
                    keys.add(e.getKey());
                    images.add(e.getValue());
                }
                continue;
            }
            if (!keys.isEmpty()) {
                events.add(new RedoLog.RedoBatch(keys, images));
                keys = new ArrayList<>();
                images = new ArrayList<>();
            }
            if (item instanceof Pending prepare) {
                waiting.add(prepare);
                TxnWrites w = prepare.writes();
                events.add(new RedoLog.Prepared(w.transactionId, new ArrayList<>(w.images.keySet()),
                        new ArrayList<>(w.images.values())));
            } else {
                RedoLog.Outcome outcome = (RedoLog.Outcome) item;
                events.add(outcome);
                if (outcome.commit()) {
                    committed.add(outcome.transactionId());
                }
            }
        }
        if (!keys.isEmpty()) {
            events.add(new RedoLog.RedoBatch(keys, images));
        }
        inFlight = waiting;
        commitOutcomesInFlight = committed;
        gathering = new ArrayList<>();
        writing = true;
        return events;
    }

    /** The transactions whose COMMIT outcome the batch just made durable logged (call before {@link #durable}). */
    List<Long> durableCommitOutcomes() {
        return commitOutcomesInFlight;
    }

    /** The batch in flight is durable: its commits and prepares, handed back in order. */
    List<Pending> durable() {
        commitOutcomesInFlight = List.of();
        List<Pending> done = inFlight;
        inFlight = List.of();
        writing = false;
        return done;
    }

    /** Fails the commits and prepares not yet in flight; each is handed to {@code ended} first. */
    void failGathered(EngineException error, java.util.function.Consumer<Pending> ended) {
        for (Object item : gathering) {
            if (item instanceof Pending pending) {
                ended.accept(pending);
                pending.replyTo().tell(new Partition.Failed(pending.tag(), error));
            }
        }
        gathering = new ArrayList<>();
    }

    /** Fails every commit and prepare (the redo log failed); each is handed to {@code ended} first. */
    void failAll(EngineException error, java.util.function.Consumer<Pending> ended) {
        inFlight.forEach(ended);
        fail(inFlight, error);
        inFlight = List.of();
        writing = false;
        failGathered(error, ended);
    }

    int size() {
        return inFlight.size() + gathering.size();
    }


    private static void fail(List<Pending> commits, EngineException error) {
        for (Pending pending : commits) {
            pending.replyTo().tell(new Partition.Failed(pending.tag(), error));
        }
    }
}
