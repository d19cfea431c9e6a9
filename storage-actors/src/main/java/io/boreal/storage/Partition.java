package io.boreal.storage;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongFunction;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.RecipientRef;
import io.boreal.storage.btree.TreeSettings;
import io.boreal.storage.impl.PartitionActor;
import io.boreal.storage.schema.TableDef;
import io.boreal.transport.kryo.KryoMessage;
import io.boreal.txn.SlotRelease;
import io.boreal.txn.TxnRecords;
import io.boreal.txn.TxnSystem;

/**
 * A table partition: the actor that owns a slice of a table's rows, their indexes, their row
 * locks and their redo log. Sharding places it; sessions talk to it with this protocol.
 *
 * <p>Every statement is applied atomically inside the partition: a write first finds its target
 * rows, then checks every lock and conflict, and only then changes anything. A write that meets
 * a row locked by another transaction waits in the partition (the reply comes when the lock is
 * granted, or a {@link Failed} with 40P01 on a deadlock or 55P03 after the lock-wait timeout);
 * the asking session's thread is never held.
 *
 * <p>Commit: the transaction's row images go to the redo log, gathered with every other commit
 * that arrives while a write is in flight (group commit); when they are durable, each
 * transaction takes its commit timestamp in the node's CTS log — which makes its versions
 * visible and frees its locks at once — its versions are stamped, and only then is the commit
 * acknowledged. A transaction that wrote in several partitions commits in two phases
 * ({@link Prepare}, then {@link CommitPrepared} or {@link Abort}); a partition that recovers a
 * prepared transaction with no outcome asks its record ({@link TxnRecords}).
 *
 * <pre>
 *   Write ──► find targets ──► locked by other? ──yes──► wait in lock queue ──(granted)──┐
 *                  ▲                  │no                                               │
 *                  └──────────────────┼─────────────────────────────────────────────────┘
 *                                     ▼
 *                  conflict (newer commit than snapshot)? ──yes──► Failed 40001
 *                                     │no
 *                                     ▼
 *                   uncommitted versions written ──► Written (or, with commit, the path below)
 *
 *   Commit ──► redo images queued ──► RedoLog persists batch ──► stamp, unlock, reply Written
 * </pre>
 */
public final class Partition {

    private Partition() {
    }

    /**
     * What a partition needs from its node.
     *
     * @param txns    the node's transaction system (CTS log, active list)
     * @param records the records of a transaction's coordinator, by transaction id: they decide a
     *                transaction recovered in doubt
     * @param trees the settings of the partition's index trees (mode switch, capacity, the node's counters)
     * @param sharded a partition by id through sharding, wherever it runs: where a partition
     *                handing off sends on the requests that reach it after {@link HandOff}
     */
    public record Settings(TxnSystem txns, LongFunction<RecipientRef<TxnRecords.Command>> records,
                           Duration lockWaitTimeout, LongFunction<TableDef> tables, LocalPartitions local,
                           TreeSettings trees, Function<String, RecipientRef<Command>> sharded) {

        /** A partition that never moves (no sharding: tests, tools). */
        public Settings(TxnSystem txns, LongFunction<RecipientRef<TxnRecords.Command>> records,
                        Duration lockWaitTimeout, LongFunction<TableDef> tables, LocalPartitions local,
                        TreeSettings trees) {
            this(txns, records, lockWaitTimeout, tables, local, trees, null);
        }
    }

    /**
     * @param partitionId the entity id, {@code tableId-number} (see {@link TableDef#partitionId})
     */
    public static Behavior<Command> create(String partitionId, Settings settings) {
        return PartitionActor.create(partitionId, settings);
    }

    /** The persistence id of a partition's redo log. */
    public static String persistenceId(String partitionId) {
        return "partition-" + partitionId;
    }

    public interface Command {
    }

    /**
     * A request of the partition protocol: what a session (on this node or another) sends a
     * partition. Every one is registered with Kryo ({@link StorageKryoRegistrar}) with what it
     * carries, so it crosses nodes; the partition's own internal messages are plain
     * {@link Command}s and never leave it.
     */
    public interface Request extends Command, KryoMessage {
    }

    /**
     * Answers a running partition's primary-key reads without passing through its actor: the read
     * goes from the caller's thread straight to the key's leaf, which answers the requester. Only
     * the order of one sender's requests matters, and a session waits for each reply before its
     * next request, so a read sent this way still sees every write the session was told of.
     *
     * <p>Thread-safety: any thread may call it.
     */
    public interface DirectReads {
        /** Sends {@code read} to its leaf and returns true, or returns false when it is not a primary-key read. */
        boolean tryRead(Read read);
    }

    /**
     * Reads the rows of {@code spec} visible to {@code txn}; answered with {@link Rows}: the rows
     * themselves, or what {@code fold} (when not null) makes of them. {@code wroteHere}: the
     * transaction has writes in this partition, which it must see (see {@link Write}).
     */
    public record Read(long tag, TxnView txn, ReadSpec spec, ActorRef<Reply> replyTo, RowFold fold,
                       boolean wroteHere) implements Request {

        /** A read answered with the rows it finds. */
        public Read(long tag, TxnView txn, ReadSpec spec, ActorRef<Reply> replyTo) {
            this(tag, txn, spec, replyTo, null, false);
        }

        /** The rows to answer with: {@code rows} folded, if this read has a fold. */
        public List<Object[]> answer(List<Object[]> rows) {
            return fold == null ? rows : fold.fold(rows);
        }
    }

    /**
     * Applies a write for {@code txn}; answered with {@link Written} (count, and the rows for a
     * Lock) or {@link Failed}. With {@code commit}, the transaction commits right after it
     * (autocommit) and the reply comes once that commit is durable. With {@code reportProgress}
     * the partition also says where the write waits before its answer: {@link LockWaiting} each
     * time it queues for a row lock, and, with {@code commit}, {@link Applied} when only the redo
     * log is left to wait for.
     *
     * <p>{@code wroteHere}: an earlier write of the transaction here changed rows. A partition
     * that holds none of the transaction's writes then lost them — it moved to another node or
     * restarted since, and uncommitted versions live in memory only — and refuses with 40000
     * rather than let the transaction go on (and commit) without them.
     */
    public record Write(long tag, TxnView txn, WriteSpec spec, boolean commit, ActorRef<Reply> replyTo,
                        boolean reportProgress, boolean wroteHere) implements Request {

        /** A write that is answered once, when it is done (and, with {@code commit}, durable). */
        public Write(long tag, TxnView txn, WriteSpec spec, boolean commit, ActorRef<Reply> replyTo) {
            this(tag, txn, spec, commit, replyTo, false, false);
        }

        /** The first write of its transaction here. */
        public Write(long tag, TxnView txn, WriteSpec spec, boolean commit, ActorRef<Reply> replyTo,
                     boolean reportProgress) {
            this(tag, txn, spec, commit, replyTo, reportProgress, false);
        }
    }

    /**
     * Commits what {@code transactionId} wrote here, its only partition: once its redo record is
     * durable it takes its CSN in the CTS log, and is answered with {@link Written}.
     */
    public record Commit(long tag, long transactionId, ActorRef<Reply> replyTo) implements Request {
    }

    /**
     * Two-phase commit, phase one: makes what {@code transactionId} wrote here durable as
     * prepared, keeping its locks; answered with {@link Prepared} once durable (or
     * {@link Failed}). A transaction that wrote nothing here is prepared at once.
     */
    public record Prepare(long tag, long transactionId, ActorRef<Reply> replyTo) implements Request {
    }

    /**
     * Two-phase commit, phase two: the transaction committed (its CSN is in the CTS log, its
     * decision durable in its record). The partition stamps its versions, wakes the requests
     * waiting for its locks, logs the outcome, and counts down {@code release}. Answered with
     * {@link Stamped} when {@code replyTo} is given (global snapshots: the commit is visible
     * everywhere only once every partition on another node has it), else not at all.
     */
    public record CommitPrepared(long transactionId, long commitTs, SlotRelease release, long tag,
                                 ActorRef<Reply> replyTo) implements Request {

        public CommitPrepared(long transactionId, long commitTs, SlotRelease release) {
            this(transactionId, commitTs, release, 0, null);
        }
    }

    /**
     * Undoes what {@code transactionId} wrote here (prepared or not) and drops its waiting
     * requests; counts down {@code release} once no version of it is left unstamped. No reply.
     */
    public record Abort(long transactionId, SlotRelease release) implements Request {
    }

    /**
     * The node of incarnation {@code incarnation} left the cluster (sent by this node, never
     * across): its transactions that hold versions here are ended — one still open is rolled
     * back, one prepared takes the decision its records hold (presumed abort).
     */
    public record CoordinatorGone(long incarnation) implements Command {
    }

    /**
     * Sharding moves the partition to another node (its stop message: a rebalance, or the node
     * leaving). The partition stops taking requests here — those that still reach it go on
     * through sharding, which holds them until the partition runs at its new home — finishes
     * what it has started (redo writes, commits taking their timestamps, reads), and stops; the
     * new home recovers from the shared journal. Uncommitted writes do not move: a transaction
     * waiting for a row lock here gets 40001, and one that wrote here gets 40000 at its next
     * request (see {@link Write#wroteHere}). Sent by this node's shard, never across.
     */
    public enum HandOff implements Command { INSTANCE }

    /**
     * Published on its node's event stream by a partition that begins to hand off: requests
     * sent to it just then through another node may be lost (a shard region drops what it
     * buffered for a shard when the shard hands off), so the sessions waiting for it are told.
     */
    public record Moved(String partitionId) {
    }

    /** Adopts a table definition with one more secondary index and fills that index. */
    public record AddIndex(long tag, TableDef table, ActorRef<Reply> replyTo) implements Request {
    }

    /**
     * Its table was dropped: the partition fails what waits in it (42S02), lets a redo write in
     * flight finish, and stops, freeing its trees. No reply. A later request starts it again,
     * finds no table and stops at once.
     */
    public enum Drop implements Request { INSTANCE }

    /** A partition's answer; {@code tag} is the one the request carried. */
    public sealed interface Reply extends KryoMessage {
        long tag();
    }

    /**
     * A committing write is applied and waits for the redo log only (asked for by
     * {@link Write#reportProgress}); its {@link Written} or {@link Failed} follows.
     */
    public record Applied(long tag) implements Reply {
    }

    /**
     * A write queued for a row lock another transaction holds (asked for by {@link
     * Write#reportProgress}); its {@link Written} or {@link Failed} follows once the lock is
     * granted, the wait times out or a deadlock is found.
     */
    public record LockWaiting(long tag) implements Reply {
    }

    /** Answer to a {@link CommitPrepared} that asked for one: the commit is visible here. */
    public record Stamped(long tag) implements Reply {
    }

    /** Answer to {@link Prepare}: the transaction's images here are durable. */
    public record Prepared(long tag) implements Reply {
    }

    public record Rows(long tag, List<Object[]> rows) implements Reply {
    }

    public record Written(long tag, long count, List<Object[]> rows) implements Reply {
    }

    public record Failed(long tag, EngineException error) implements Reply {
    }
}
