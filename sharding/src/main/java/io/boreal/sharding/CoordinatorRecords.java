package io.boreal.sharding;

import java.util.Map;
import java.util.Set;

import akka.actor.ActorRef;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.sharding.ShardCoordinator;
import akka.cluster.sharding.typed.ShardingEnvelope;
import akka.cluster.sharding.typed.ShardingMessageExtractor;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.sharding.typed.javadsl.Entity;
import akka.cluster.sharding.typed.javadsl.EntityRef;
import akka.cluster.sharding.typed.javadsl.EntityTypeKey;
import akka.dispatch.Futures;
import io.boreal.txn.CtsLog;
import io.boreal.txn.TxnRecords;
import scala.collection.immutable.IndexedSeq;
import scala.concurrent.Future;

/**
 * The two-phase commit records as sharded entities, one per node incarnation (the incarnation
 * is in every transaction id): a coordinator records its decisions in its incarnation's entity,
 * and a partition that recovered a transaction in doubt asks the same entity, wherever it runs.
 * When the coordinator's node dies, the entity starts again on the survivor that asks, and
 * recovers the decisions from the journal (on a shared directory, from the dead node's log).
 *
 * <p>Placement: each incarnation is a shard of its own, allocated to the node that asks first
 * (the coordinator's, which announces itself at start), and never rebalanced — a coordinator's
 * records stay on its node while it lives.
 */
final class CoordinatorRecords {

    static final EntityTypeKey<TxnRecords.Command> KEY = EntityTypeKey.create(TxnRecords.Command.class, "txn-records");

    private final ClusterSharding sharding;
    private final long incarnation;
    private final EntityRef<TxnRecords.Command> own;

    CoordinatorRecords(ClusterSharding sharding, long incarnation, SupervisorStrategy restart) {
        this.sharding = sharding;
        this.incarnation = incarnation;
        sharding.init(Entity.of(KEY, ctx -> Behaviors.supervise(
                        TxnRecords.create("txn-records-" + ctx.getEntityId())).onFailure(restart))
                .withMessageExtractor(new OneShardEach())
                .withAllocationStrategy(new ToRequester()));
        this.own = sharding.entityRefFor(KEY, Long.toString(incarnation));
        own.tell(new TxnRecords.Resolved(0)); // places this incarnation's shard here, before any commit needs it
    }

    /** The records of {@code transactionId}'s coordinator. */
    EntityRef<TxnRecords.Command> of(long transactionId) {
        long coordinator = transactionId >>> CtsLog.ID_BITS;
        return coordinator == incarnation ? own : sharding.entityRefFor(KEY, Long.toString(coordinator));
    }

    /** Shard id = entity id: an incarnation's records share a shard with nobody's. */
    private static final class OneShardEach
            extends ShardingMessageExtractor<ShardingEnvelope<TxnRecords.Command>, TxnRecords.Command> {
        @Override
        public String entityId(ShardingEnvelope<TxnRecords.Command> envelope) {
            return envelope.entityId();
        }

        @Override
        public String shardId(String entityId) {
            return entityId;
        }

        @Override
        public TxnRecords.Command unwrapMessage(ShardingEnvelope<TxnRecords.Command> envelope) {
            return envelope.message();
        }
    }

    /** A shard goes to the region that asked for it first, and stays there. */
    private static final class ToRequester extends ShardCoordinator.AbstractShardAllocationStrategy {
        @Override
        public Future<ActorRef> allocateShard(ActorRef requester, String shardId,
                                              Map<ActorRef, IndexedSeq<String>> currentShardAllocations) {
            return Futures.successful(requester);
        }

        @Override
        public Future<Set<String>> rebalance(Map<ActorRef, IndexedSeq<String>> currentShardAllocations,
                                             Set<String> rebalanceInProgress) {
            return Futures.successful(Set.of());
        }
    }
}
