package io.boreal.storage.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import akka.actor.typed.ActorRef;
import io.boreal.storage.EngineException;
import io.boreal.storage.Key;
import io.boreal.storage.Partition;

/**
 * A partition's group commit: commits gather while the previous batch is being written, and
 * the next batch takes everything gathered, so one redo write carries as many commits as
 * arrived during the last one.
 *
 * <p>Invariant: at most one batch is in flight; a commit is in exactly one of gathering and in
 * flight until it is handed back by {@link #durable} or failed.
 *
 * <p>Not thread-safe: owned by the partition actor.
 */
final class CommitGroups {

    /** A commit waiting for its row images to be durable. */
    record Pending(TxnState state, Map<Key, Object[]> images, long tag, long count,
                   ActorRef<Partition.Reply> replyTo) {
    }

    private List<Pending> gathering = new ArrayList<>();
    private List<Pending> inFlight = List.of();

    /** Adds a commit; true when no batch is in flight, so the caller should write one now. */
    boolean add(Pending pending) {
        gathering.add(pending);
        return inFlight.isEmpty();
    }

    boolean inFlight() {
        return !inFlight.isEmpty();
    }

    boolean gathered() {
        return !gathering.isEmpty();
    }

    /** Everything gathered becomes the batch in flight; its images, in commit order. */
    RedoLog.RedoBatch takeBatch() {
        List<Key> keys = new ArrayList<>();
        List<Object[]> images = new ArrayList<>();
        for (Pending pending : gathering) {
            for (Map.Entry<Key, Object[]> e : pending.images().entrySet()) {
                keys.add(e.getKey());
                images.add(e.getValue());
            }
        }
        inFlight = gathering;
        gathering = new ArrayList<>();
        return new RedoLog.RedoBatch(keys, images);
    }

    /** The batch in flight is durable: its commits, handed back in order. */
    List<Pending> durable() {
        List<Pending> done = inFlight;
        inFlight = List.of();
        return done;
    }

    /** Fails the commits not yet in flight. */
    void failGathered(EngineException error) {
        fail(gathering, error);
        gathering = new ArrayList<>();
    }

    /** Fails every commit (the redo log failed). */
    void failAll(EngineException error) {
        fail(inFlight, error);
        inFlight = List.of();
        failGathered(error);
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
