package io.boreal.sharding;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import akka.actor.Address;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import akka.cluster.sharding.ShardRegion;
import akka.cluster.sharding.typed.GetClusterShardingStats;
import akka.cluster.sharding.typed.HashCodeMessageExtractor;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Where partitions run now: the shard a partition belongs to (the entity id's hash, as sharding
 * places it) and the node that holds each started shard, from every shard region of the cluster.
 * A shard none holds (none of its partitions started, or moving) has no node.
 *
 * <p>Thread-safety: immutable; any thread may ask.
 */
public final class PartitionPlacement {

    private final ActorSystem<?> system;
    private final ClusterSharding sharding;
    private final HashCodeMessageExtractor<Object> shards;

    PartitionPlacement(ActorSystem<?> system, ClusterSharding sharding) {
        this.system = system;
        this.sharding = sharding;
        this.shards = new HashCodeMessageExtractor<>(
                system.settings().config().getInt("akka.cluster.sharding.number-of-shards"));
    }

    /** The shard of partition {@code partitionId}. */
    public String shardOf(String partitionId) {
        return shards.shardId(partitionId);
    }

    /**
     * Shard id to the node ({@code host:port} of its cluster address) holding it, for every
     * started shard of partitions. Regions that do not answer within {@code timeout} are left out.
     */
    public CompletionStage<Map<String, String>> shardNodes(Duration timeout) {
        CompletionStage<ShardRegion.ClusterShardingStats> stats = AskPattern.ask(sharding.shardState(),
                replyTo -> new GetClusterShardingStats(BorealNode.PARTITION, timeout, replyTo),
                timeout.plusSeconds(1), system.scheduler());
        return stats.thenApply(answer -> {
            Map<String, String> nodes = new HashMap<>();
            for (Map.Entry<Address, ShardRegion.ShardRegionStats> region : answer.getRegions().entrySet()) {
                String node = region.getKey().host().getOrElse(() -> "local") + ":"
                        + region.getKey().port().getOrElse(() -> 0);
                region.getValue().getStats().keySet().forEach(shard -> nodes.put(shard, node));
            }
            return nodes;
        });
    }
}
