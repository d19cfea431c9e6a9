package io.boreal.actors.impl;

import akka.actor.typed.ActorRef;
import akka.cluster.sharding.typed.javadsl.EntityRef;
import io.boreal.storage.LocalPartitions;
import io.boreal.storage.Partition;

/**
 * How a session reaches one partition: directly when it runs on this node, else through
 * sharding (see {@link LocalPartitions} for why switching between the two keeps order); and a
 * primary-key read of a local partition straight to its leaf ({@link Partition.DirectReads}).
 *
 * <p>Hot path: every request of every statement is sent through {@link #tell}.
 */
final class PartitionRef {

    private final String partitionId;
    private final EntityRef<Partition.Command> viaSharding;
    private final LocalPartitions local;

    PartitionRef(String partitionId, EntityRef<Partition.Command> viaSharding, LocalPartitions local) {
        this.partitionId = partitionId;
        this.viaSharding = viaSharding;
        this.local = local;
    }

    String id() {
        return partitionId;
    }

    void tell(Partition.Command message) {
        LocalPartitions.Running running = local.find(partitionId);
        if (running == null) {
            viaSharding.tell(message);
        } else if (!(message instanceof Partition.Read read && running.reads().tryRead(read))) {
            running.partition().tell(message);
        }
    }
}
