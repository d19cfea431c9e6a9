package io.boreal.storage;

import java.util.concurrent.ConcurrentHashMap;

import akka.actor.typed.ActorRef;

/**
 * The partitions running on this node, by partition id, so a session can send to a local
 * partition directly instead of through the shard region and shard (two mailboxes fewer each
 * way on the hot path).
 *
 * <p>A partition registers once it has recovered and unregisters when it stops; a sender that
 * finds no entry goes through sharding, which starts the partition (or reaches it on another
 * node). Only the message order between one sender and one partition matters, and a session
 * waits for each reply before its next request, so switching routes between two requests never
 * reorders them.
 *
 * <p>Thread-safety: any thread may read; partitions write their own entries.
 */
public final class LocalPartitions {

    private final ConcurrentHashMap<String, Running> running = new ConcurrentHashMap<>();

    /** A running partition: its actor, and what answers its primary-key reads without it. */
    public record Running(ActorRef<Partition.Command> partition, Partition.DirectReads reads) {
    }

    /** The running partition with this id and its direct reads, or null. */
    public Running find(String partitionId) {
        return running.get(partitionId);
    }

    /** Tells every running partition {@code message}. */
    public void tellAll(Partition.Command message) {
        running.values().forEach(r -> r.partition().tell(message));
    }

    /** Called by a partition once it has recovered. */
    public void register(String partitionId, ActorRef<Partition.Command> partition, Partition.DirectReads reads) {
        running.put(partitionId, new Running(partition, reads));
    }

    /** Called by a partition when it stops; removes only its own entry. */
    public void unregister(String partitionId, ActorRef<Partition.Command> partition) {
        running.computeIfPresent(partitionId, (id, r) -> r.partition().equals(partition) ? null : r);
    }
}
