package io.boreal.sharding;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import akka.actor.Address;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Props;
import akka.actor.typed.RecipientRef;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.MemberStatus;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.sharding.typed.javadsl.Entity;
import akka.cluster.sharding.typed.javadsl.EntityRef;
import akka.cluster.sharding.typed.javadsl.EntityTypeKey;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.ClusterSingleton;
import akka.cluster.typed.Join;
import akka.cluster.typed.JoinSeedNodes;
import akka.cluster.typed.SingletonActor;
import io.boreal.storage.LocalPartitions;
import io.boreal.storage.EngineVariables;
import io.boreal.storage.Partition;
import io.boreal.storage.btree.TreeMode;
import io.boreal.storage.btree.TreeSettings;
import io.boreal.storage.btree.TreeStats;
import io.boreal.txn.TxnRecords;
import io.boreal.txn.TxnSystem;

/**
 * An embeddable Boreal node: an Akka Cluster member hosting sharded partitions, a copy of the
 * cluster's catalog, and the transaction clock. It joins the seed nodes of {@code boreal.cluster}
 * (a cluster of its own when there are none); the catalog and the CTS oracle are cluster singletons.
 *
 * <p>{@link #start(Config)} returns once the node is Up, its catalog recovered and sharding
 * running; {@link #close()} returns once the node's ActorSystem has terminated (every commit it
 * acknowledged is durable before it is acknowledged, so closing loses nothing).
 *
 * <p>Config: {@code boreal { storage.mode = file|mem, storage.dir, partitions, lock-wait-timeout }}
 * (see reference.conf). Akka settings the node needs (cluster provider, loopback artery, the
 * journal plugin for the storage mode) are derived from them; the application's own
 * {@code akka { }} settings take precedence.
 */
public final class BorealNode implements AutoCloseable {

    /** The sharded entity type of table partitions. */
    public static final EntityTypeKey<Partition.Command> PARTITION = EntityTypeKey.create(Partition.Command.class, "partition");

    private static final Logger log = LoggerFactory.getLogger(BorealNode.class);

    private final ActorSystem<?> system;
    private final boolean ownsSystem;
    private final FileLock dirLock;
    private final NodeSettings settings;
    private final ActorRef<Catalog.Command> catalog;
    private final AtomicReference<Catalog.Snapshot> catalogView;
    private final ClusterSharding sharding;
    private final NodeClock clock;
    private final TxnSystem txns;
    private final EngineVariables.Variable<TxnSystem.Mvcc> mvcc;
    private final CoordinatorRecords records;
    private final AutoIncrements autoIncrements;
    private final PartitionPlacement placement;
    private final LocalPartitions localPartitions = new LocalPartitions();
    private final EngineVariables variables = new EngineVariables();
    private final TreeStats treeStats = new TreeStats();
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private BorealNode(ActorSystem<?> system, boolean ownsSystem, FileLock dirLock) {
        this.system = system;
        this.ownsSystem = ownsSystem;
        this.dirLock = dirLock;
        this.settings = NodeSettings.from(system.settings().config());
        join(system, settings);
        this.catalogView = new AtomicReference<>(Catalog.Snapshot.EMPTY);
        this.catalog = ClusterSingleton.get(system).init(SingletonActor.of(Catalog.create(), "catalog"));
        CompletableFuture<Catalog.Snapshot> firstSnapshot = new CompletableFuture<>();
        system.systemActorOf(CatalogView.create(catalog, catalogView::set, firstSnapshot), "catalog-view", Props.empty());
        long incarnation = startIncarnation(firstSnapshot);
        EngineVariables.Variable<TreeMode> btree = variables.defineEnum("boreal.btree", settings.btreeMode(),
                "index trees: blink (concurrent splits) or serial_smo (the InnoDB-style twin)", TreeMode.class);
        this.mvcc = variables.defineEnum("boreal.mvcc", settings.mvccMode(),
                "read views: cts (one snapshot timestamp, the CTS log) or active_list (the InnoDB-style twin)",
                TxnSystem.Mvcc.class);
        // A journal failure stops the oracle or the records with their log (death pact): start again from what is durable.
        SupervisorStrategy restart = SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(10), 0.2);
        this.clock = NodeClock.start(system, settings, TimestampSettings.from(system.settings().config()), restart);
        try {
            this.txns = new TxnSystem(clock.client(), settings.ctsLogSlots(), incarnation);
            this.sharding = ClusterSharding.get(system);
            this.records = new CoordinatorRecords(sharding, incarnation, restart);
            ClusterSharding shards = sharding;
            Partition.Settings partitionSettings = new Partition.Settings(txns, records::of,
                    settings.lockWaitTimeout(), tableId -> catalogView.get().byId().get(tableId), localPartitions,
                    new TreeSettings(btree::get, settings.leafCapacity(), treeStats),
                    id -> shards.entityRefFor(PARTITION, id));
            sharding.init(Entity.of(PARTITION, ctx -> Partition.create(ctx.getEntityId(), partitionSettings))
                    .withStopMessage(Partition.HandOff.INSTANCE));
            system.systemActorOf(Incarnations.create(incarnation, localPartitions), "incarnations", Props.empty());
            this.autoIncrements = new AutoIncrements(catalog, system);
            this.placement = new PartitionPlacement(system, sharding);
        } catch (RuntimeException | Error e) { // the clock's threads and driver must not outlive a failed start
            clock.close();
            throw e;
        }
    }

    /**
     * Starts a node in its own ActorSystem. {@code config} is the application's (it falls back to
     * the defaults of every reference.conf).
     */
    public static BorealNode start(Config config) {
        Config full = systemConfig(config);
        NodeSettings settings = NodeSettings.from(full);
        FileLock lock = settings.fileMode() ? lockDirectory(settings.dir()) : null;
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "boreal", full);
        try {
            return new BorealNode(system, true, lock);
        } catch (RuntimeException | Error e) { // a class that fails to load must not leave the system running
            system.terminate();
            releaseQuietly(lock);
            throw e;
        }
    }

    /**
     * The config of an ActorSystem that hosts a node: the application's {@code config} first,
     * then what the node derives from its {@code boreal { }} settings (journal plugin and
     * directory), then Boreal's Akka defaults (cluster provider, loopback Artery, no idle
     * passivation), then every reference.conf. An application that creates the ActorSystem itself
     * ({@link #start(ActorSystem)}) creates it from this.
     */
    public static Config systemConfig(Config config) {
        Config resolved = config.withFallback(ConfigFactory.defaultReference()).resolve();
        NodeSettings settings = NodeSettings.from(resolved);
        return config.withFallback(settings.derivedAkkaConfig())
                .withFallback(ConfigFactory.parseResources(BorealNode.class, "/boreal-node.conf"))
                .withFallback(ConfigFactory.load()).resolve();
    }

    /**
     * Starts a node inside an application's ActorSystem, created from {@link #systemConfig}.
     * {@link #close()} then leaves the system running: it is the application's to terminate.
     * A file-mode node started this way does not lock its directory against a second process.
     */
    public static BorealNode start(ActorSystem<?> system) {
        return new BorealNode(system, false, null);
    }

    public ActorSystem<?> system() {
        return system;
    }

    public NodeSettings settings() {
        return settings;
    }

    /** The catalog as of now (no message: the catalog publishes every change). */
    public Catalog.Snapshot catalog() {
        return catalogView.get();
    }

    public ActorRef<Catalog.Command> catalogActor() {
        return catalog;
    }

    public EntityRef<Partition.Command> partition(String partitionId) {
        return sharding.entityRefFor(PARTITION, partitionId);
    }

    /** Where the partitions of the cluster run now. */
    public PartitionPlacement placement() {
        return placement;
    }

    /** The partitions running on this node, for sending to them without the shard region. */
    public LocalPartitions localPartitions() {
        return localPartitions;
    }

    /** The node's runtime switches ({@code SET GLOBAL}, {@code SHOW VARIABLES}). */
    public EngineVariables variables() {
        return variables;
    }

    /** Counters of every index tree of this node's partitions. */
    public TreeStats treeStats() {
        return treeStats;
    }

    /** The node's transaction system: the CTS log and the active list of the twin. */
    public TxnSystem txns() {
        return txns;
    }

    /**
     * The records of {@code transactionId}'s coordinator (its two-phase commit decisions): this
     * node's own for the transactions it began, a sharded entity per incarnation.
     */
    public RecipientRef<TxnRecords.Command> records(long transactionId) {
        return records.of(transactionId);
    }

    /**
     * Published on the node's event stream when a node incarnation leaves the cluster (its
     * marker left the receptionist's registry): requests sent to its partitions are lost.
     */
    public record NodeLeft(long incarnation) {
    }

    /**
     * Published on every node's event stream when a partition begins to move to another node
     * ({@link Partition.Moved} on the node it leaves, relayed to the others): a request sent to
     * it through sharding just then may be lost.
     */
    public record PartitionMoved(String partitionId) {
    }

    /**
     * How new transactions take their read views ({@code boreal.mvcc}). Under global snapshots
     * always the CTS: an active list is one node's, and a partition on another node could not
     * judge a view copied from it.
     */
    public TxnSystem.Mvcc mvcc() {
        return txns.globalSnapshots() ? TxnSystem.Mvcc.CTS : mvcc.get();
    }

    public AutoIncrements autoIncrements() {
        return autoIncrements;
    }

    /** Stops the node (terminating its ActorSystem if it created it) and waits for that. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (ownsSystem) {
            system.terminate();
            try {
                system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.warn("node did not terminate within 60 s", e);
            }
        }
        if (ownsSystem) {
            clock.close();
        } else { // the oracle singleton may still run in the application's system, on this node's Aeron
            clock.closeClient();
            system.getWhenTerminated().thenRun(clock::close);
        }
        releaseQuietly(dirLock);
    }

    /** Joins the seed nodes of {@code boreal.cluster} (itself when there are none) and waits until Up. */
    private static void join(ActorSystem<?> system, NodeSettings settings) {
        Cluster cluster = Cluster.get(system);
        if (settings.seedNodes().isEmpty()) {
            cluster.manager().tell(Join.create(cluster.selfMember().address()));
        } else {
            List<Address> seeds = new ArrayList<>();
            for (NodeSettings.HostPort seed : settings.seedNodes()) {
                seeds.add(new Address("akka", system.name(), seed.host(), seed.port()));
            }
            cluster.manager().tell(new JoinSeedNodes(seeds));
        }
        long deadline = System.nanoTime() + settings.joinTimeout().toNanos();
        while (cluster.selfMember().status() != MemberStatus.up()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("node did not become Up within " + settings.joinTimeout().toSeconds()
                        + " s (seed nodes: " + (settings.seedNodes().isEmpty() ? "itself" : settings.seedNodes()) + ")");
            }
            sleep(10);
        }
    }

    /**
     * Waits for the catalog singleton to recover, records this start as a new incarnation (counted
     * cluster-wide) and returns its number, once this node's view has its first snapshot.
     */
    private long startIncarnation(CompletableFuture<Catalog.Snapshot> firstSnapshot) {
        CompletionStage<Long> incarnation = PlainAsk.withStatus(catalog, Catalog.StartIncarnation::new,
                Duration.ofSeconds(60), system.scheduler());
        try {
            long number = incarnation.toCompletableFuture().get(60, TimeUnit.SECONDS);
            firstSnapshot.get(60, TimeUnit.SECONDS);
            return number;
        } catch (Exception e) {
            throw new IllegalStateException("catalog did not recover within 60 s", e);
        }
    }

    private static FileLock lockDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
            FileChannel channel = FileChannel.open(dir.resolve("LOCK"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new IllegalStateException("database directory " + dir + " is in use by another process");
            }
            return lock;
        } catch (IOException | java.nio.channels.OverlappingFileLockException e) {
            throw new IllegalStateException("cannot lock database directory " + dir + ": " + e, e);
        }
    }

    private static void releaseQuietly(FileLock lock) {
        if (lock != null) {
            try {
                lock.release();
                lock.channel().close();
            } catch (IOException e) {
                log.warn("releasing the directory lock failed", e);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        }
    }
}
