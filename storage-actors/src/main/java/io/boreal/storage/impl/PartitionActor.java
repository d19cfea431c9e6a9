package io.boreal.storage.impl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.function.UnaryOperator;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.PostStop;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.Terminated;
import akka.actor.typed.eventstream.EventStream;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.StashBuffer;
import akka.actor.typed.javadsl.TimerScheduler;
import io.boreal.storage.EngineException;
import io.boreal.storage.Key;
import io.boreal.storage.Partition;
import io.boreal.storage.Partition.Command;
import io.boreal.storage.ReadSpec;
import io.boreal.storage.RowPredicate;
import io.boreal.storage.TxnView;
import io.boreal.storage.WriteSpec;
import io.boreal.storage.btree.BTree;
import io.boreal.storage.btree.IndexTree;
import io.boreal.storage.schema.IndexDef;
import io.boreal.storage.schema.TableDef;
import io.boreal.txn.CtsLog;
import io.boreal.txn.SlotRelease;
import io.boreal.txn.TimestampSource;
import io.boreal.txn.TxnRecords;

/**
 * The behavior behind {@link Partition}: recovering, then serving. See {@link Partition} for
 * the protocol and the write and commit paths.
 *
 * <p>The rows live in the partition's index trees, whose leaves apply the MVCC rules
 * ({@link RowDecisions}); this actor keeps what is per transaction — the state its versions
 * point to, the row images its commit will log, the requests parked behind it — and the redo
 * log's group commit. It never waits for a page: each tree request carries its continuation
 * ({@link TreeCalls}), so many statements are in the trees at once.
 *
 * <p>A write statement: find the targets (inserts know them; the others read at the snapshot),
 * send one write decision per target, then, if every target was taken, put the secondary index
 * entries and answer; if one was not (locked, conflict, duplicate, changed), put back what this
 * statement installed before parking, failing or running it again — a statement applies whole
 * or not at all.
 *
 * <p>Hot path: every statement of the engine passes through {@link #onRead} or {@link #onWrite}.
 */
public final class PartitionActor extends AbstractBehavior<Command> {

    private record RecoveredRows(RedoLog.Recovered recovered) implements Command {
    }

    private record Flushed(long sequence) implements Command {
    }

    private record TreeOperated(BTree.Operated operated) implements Command {
    }

    private record TreeChunk(BTree.ScanChunk chunk) implements Command {
    }

    private enum LockTimeoutTick implements Command { INSTANCE }

    /** Transactions recovered in doubt are still undecided: ask their records again. */
    private enum AskRecordsAgain implements Command { INSTANCE }

    /** The node's clock can give commit timestamps again. */
    private enum TimestampsReady implements Command { INSTANCE }

    /** The record's decision on a transaction recovered in doubt. */
    private record InDoubtDecided(TxnRecords.Decision decision) implements Command {
    }

    /** The record's decision on a prepared transaction whose coordinator's node left. */
    private record OrphanDecided(TxnRecords.Decision decision) implements Command {
    }

    /** Prepared transactions of a node that left are still undecided: ask their records again. */
    private enum AskOrphansAgain implements Command { INSTANCE }

    /** Transactions recovered in doubt and committed still lack their commit timestamps: go on without. */
    private enum CommitTimestampsLate implements Command { INSTANCE }

    /**
     * How long a recovering partition (under global snapshots) waits for the commit timestamp
     * of a transaction it recovered in doubt whose record says COMMIT without one (a record
     * written before decisions carried their timestamps): its coordinator sends it with phase
     * two (again when the partition moved); one that died never will, and the partition then
     * serves at a timestamp of its own.
     */
    private static final Duration COMMIT_TIMESTAMP_WAIT = Duration.ofSeconds(2);

    /** Handing off: see whether what was started here is finished. */
    private enum HandOffTick implements Command { INSTANCE }

    /**
     * How long a partition handing off lets its leaves answer the primary-key reads sent to them
     * straight (by this actor or by sessions on other threads, before it left the node's
     * directory): they are not counted, and the leaves stop with the partition.
     */
    private static final long LEAF_READS_DRAIN_NS = Duration.ofMillis(50).toNanos();

    /**
     * One row a write statement changes: the new row and the version its read saw (null for an
     * insert); or, for a statement on one primary key, the change its leaf makes to whatever row
     * the writer sees there ({@code filter} and {@code change} set, the rest null).
     */
    private record Target(Key key, Object[] row, Version expected, RowPredicate filter,
                          UnaryOperator<Object[]> change) {

        static Target known(Key key, Object[] row, Version expected) {
            return new Target(key, row, expected, null, null);
        }
    }

    private final String partitionId;
    private final Partition.Settings settings;
    /** The commit timestamp of every row recovered from the redo log: no older snapshot is served. */
    private long recoveredAt = TimestampSource.RECOVERED;
    /**
     * While recovering: the commit timestamps of transactions recovered in doubt and committed
     * (0 while unknown, -1 once given up on), from their CommitPrepared.
     */
    private final Map<Long, Long> commitTimestamps = new HashMap<>();
    /** Prepared transactions of nodes that left, waiting for their records' decision. */
    private final Set<Long> orphans = new HashSet<>();
    private ActorRef<TxnRecords.Decision> orphanDecided;
    private final ActorRef<RedoLog.Command> redoLog;
    private final ActorRef<RedoLog.Appended> flushedAdapter;
    private final TimerScheduler<Command> timers;
    private final StashBuffer<Command> stash;
    private final long lockWaitNs;
    private final TreeCalls calls;
    private final RowReader reader;
    private final SecondaryIndexes indexes;
    private final CtsLog log;

    private PartitionTrees trees;
    private final Waiters waiters;
    private final Map<Long, TxnWrites> transactions = new HashMap<>();
    /**
     * Transactions aborted here lately, oldest first: a statement of one still in the trees when
     * the abort came must not start a new record for it (its versions would stay locked).
     */
    private final RecentlyAborted recentlyAborted = new RecentlyAborted();
    private final CommitGroups commits = new CommitGroups();
    /** Durable commits waiting for a commit timestamp, in commit order (almost always empty). */
    private final ArrayDeque<CommitGroups.Pending> awaitingTimestamp = new ArrayDeque<>();
    private long flushSequence;
    private final Tidying tidying;
    /** Where the primary tree's leaves are, as far as this partition knows (AUTO_INC inserts find the last one). */
    private final LeafDirectory primaryLeaves = new LeafDirectory();
    /** Write statements between their start and their answer. */
    private int writesInFlight;
    /** An index being added: everything else waits in the stash until it is built. */
    private Partition.AddIndex addingIndex;
    /** The table was dropped while a redo write was in flight: stop when it is answered. */
    private boolean dropped;
    /** The index is built: replay the stash on the way out of the current handler. */
    private boolean unstashNow;
    /** When sharding began moving this partition away ({@link Partition.HandOff}), or 0. */
    private long handingOffSinceNs;
    /** The hand-off was said to be slow in the log (once). */
    private boolean handOffSlow;

    private PartitionActor(ActorContext<Command> context, TimerScheduler<Command> timers, StashBuffer<Command> stash,
                           String partitionId, Partition.Settings settings) {
        super(context);
        this.timers = timers;
        this.stash = stash;
        this.partitionId = partitionId;
        this.settings = settings;
        this.lockWaitNs = settings.lockWaitTimeout().toNanos();
        this.calls = new TreeCalls(context.messageAdapter(BTree.Operated.class, TreeOperated::new),
                context.messageAdapter(BTree.ScanChunk.class, TreeChunk::new), primaryLeaves);
        this.reader = new RowReader(calls, primaryLeaves);
        this.indexes = new SecondaryIndexes(calls);
        this.tidying = new Tidying(calls, primaryLeaves, indexes);
        this.log = settings.txns().log();
        this.waiters = new Waiters(settings.txns().waitsFor());
        ActorRef<RedoLog.Recovered> recoveredAdapter = context.messageAdapter(RedoLog.Recovered.class, RecoveredRows::new);
        this.flushedAdapter = context.messageAdapter(RedoLog.Appended.class, a -> new Flushed(a.sequence()));
        this.redoLog = context.spawn(
                Behaviors.supervise(RedoLog.create(Partition.persistenceId(partitionId), recoveredAdapter))
                        .onFailure(SupervisorStrategy.stop()),
                "redo");
        context.watch(redoLog);
    }

    public static Behavior<Command> create(String partitionId, Partition.Settings settings) {
        long tableId = Long.parseLong(partitionId.substring(0, partitionId.indexOf('-')));
        return Behaviors.setup(context -> {
            TableDef table = settings.tables().apply(tableId);
            if (table == null) {
                context.getLog().warn("partition {} belongs to no table in the catalog; stopping", partitionId);
                return Behaviors.stopped();
            }
            return Behaviors.withTimers(timers -> Behaviors.withStash(100_000, stash ->
                    new PartitionActor(context, timers, stash, partitionId, settings).recovering(table)));
        });
    }

    /**
     * Until the redo log has replayed, and the transactions it holds prepared without an outcome
     * are decided by their records, requests wait in the stash.
     */
    private Behavior<Command> recovering(TableDef table) {
        return Behaviors.receive(Command.class)
                .onMessage(RecoveredRows.class, r -> {
                    if (settings.tables().apply(table.id()) == null) {
                        // dropped while recovering: DROP TABLE only reaches registered partitions
                        EngineException gone = EngineException.unknownTable(table.name());
                        stash.forEach(m -> failRequest(m, gone));
                        return Behaviors.stopped();
                    }
                    ReplayedRows replayed = r.recovered().replayed();
                    Set<Long> inDoubt = new HashSet<>(replayed.inDoubt());
                    if (inDoubt.isEmpty()) {
                        return serve(table, replayed.rows());
                    }
                    getContext().getLog().info("partition {}: {} transactions prepared without an outcome; asking "
                            + "their records", partitionId, inDoubt.size());
                    ActorRef<TxnRecords.Decision> decided = getContext().messageAdapter(TxnRecords.Decision.class,
                            InDoubtDecided::new);
                    askRecords(inDoubt, decided);
                    timers.startTimerWithFixedDelay(AskRecordsAgain.INSTANCE, Duration.ofSeconds(5));
                    return resolving(table, replayed, inDoubt, decided);
                })
                .onMessage(Partition.CommitPrepared.class, c -> {
                    commitTimestamps.put(c.transactionId(), c.commitTs()); // see resolved
                    stash.stash(c);
                    return Behaviors.same();
                })
                .onSignal(Terminated.class, this::onRecoveryFailed)
                .onAnyMessage(m -> {
                    stash.stash(m);
                    return Behaviors.same();
                })
                .build();
    }

    /** Applies each in-doubt transaction's decision (logging it as its outcome), then serves. */
    /** Presumed abort: a transaction whose coordinator recorded no COMMIT never committed. */
    private void askRecords(Set<Long> inDoubt, ActorRef<TxnRecords.Decision> decided) {
        for (long id : inDoubt) {
            settings.records().apply(id).tell(new TxnRecords.Decide(id, false, 0, 0, decided));
        }
    }

    private Behavior<Command> resolving(TableDef table, ReplayedRows replayed, Set<Long> inDoubt,
                                        ActorRef<TxnRecords.Decision> decided) {
        return Behaviors.receive(Command.class)
                .onMessage(AskRecordsAgain.class, a -> {
                    askRecords(inDoubt, decided); // a request lost with a restarting records actor
                    return Behaviors.same();
                })
                .onMessage(InDoubtDecided.class, d -> {
                    long id = d.decision().transactionId();
                    if (inDoubt.remove(id)) {
                        replayed.decided(id, d.decision().commit());
                        commits.add(new RedoLog.Outcome(id, d.decision().commit()));
                        getContext().getLog().info("partition {}: transaction {} recovered in doubt is {}", partitionId,
                                id, d.decision().commit() ? "committed" : "aborted");
                        if (d.decision().commit() && d.decision().commitTs() != 0) {
                            commitTimestamps.put(id, d.decision().commitTs()); // recorded with the decision
                        } else if (d.decision().commit() && !commitTimestamps.containsKey(id)) {
                            commitTimestamps.put(id, 0L); // its timestamp comes with its CommitPrepared
                        }
                    }
                    return resolved(table, replayed, inDoubt);
                })
                .onMessage(Partition.CommitPrepared.class, c -> {
                    // its coordinator decided COMMIT: the record will say so; its timestamp is here
                    commitTimestamps.put(c.transactionId(), c.commitTs());
                    stash.stash(c); // answered once serving, as any late phase two
                    return resolved(table, replayed, inDoubt);
                })
                .onMessage(CommitTimestampsLate.class, late -> {
                    commitTimestamps.replaceAll((id, ts) -> ts == 0 ? -1L : ts); // its coordinator is gone
                    return resolved(table, replayed, inDoubt);
                })
                .onSignal(Terminated.class, this::onRecoveryFailed)
                .onAnyMessage(m -> {
                    stash.stash(m);
                    return Behaviors.same();
                })
                .build();
    }

    /**
     * Once every transaction recovered in doubt is decided, and every one committed has its
     * commit timestamp (from its CommitPrepared, or given up on after
     * {@link #COMMIT_TIMESTAMP_WAIT}: its coordinator died), serves. Rows are stamped at or above
     * every such timestamp: a snapshot this partition serves sees such a commit only if it would
     * see it in every other partition the transaction wrote.
     */
    private Behavior<Command> resolved(TableDef table, ReplayedRows replayed, Set<Long> inDoubt) {
        if (!inDoubt.isEmpty()) {
            return Behaviors.same();
        }
        timers.cancel(AskRecordsAgain.INSTANCE);
        if (settings.txns().globalSnapshots() && commitTimestamps.containsValue(0L)) { // own snapshots: rows at RECOVERED
            if (!timers.isTimerActive(CommitTimestampsLate.INSTANCE)) {
                timers.startSingleTimer(CommitTimestampsLate.INSTANCE, COMMIT_TIMESTAMP_WAIT);
            }
            return Behaviors.same();
        }
        timers.cancel(CommitTimestampsLate.INSTANCE);
        flush(); // the outcomes, so the next recovery need not ask
        return serve(table, replayed.rows());
    }

    /**
     * Serves the recovered rows. Under global snapshots (a cluster of several nodes) rows are
     * stamped with a fresh commit timestamp: above every snapshot handed out before, so a
     * transaction that began before this recovery (while the partition moved here from a node
     * that died) never sees, as if committed before it began, rows the redo log kept without their
     * commit timestamps — it is refused instead ({@link #tooOld}) and retried. On one node
     * (leases) and for a partition with no rows they are as old as any snapshot.
     */
    private Behavior<Command> serve(TableDef table, NavigableMap<Key, Object[]> rows) {
        long fresh = settings.txns().globalSnapshots() && !rows.isEmpty() ? log.clock().tryNextCommit()
                : TimestampSource.RECOVERED;
        if (fresh == 0) {
            ActorRef<Command> self = getContext().getSelf();
            log.clock().whenAvailable(() -> self.tell(TimestampsReady.INSTANCE));
            return Behaviors.receive(Command.class)
                    .onMessage(TimestampsReady.class, ready -> serve(table, rows))
                    .onSignal(Terminated.class, this::onRecoveryFailed)
                    .onAnyMessage(m -> {
                        stash.stash(m);
                        return Behaviors.same();
                    })
                    .build();
        }
        long at = fresh == TimestampSource.RECOVERED ? fresh
                : Math.max(fresh, commitTimestamps.values().stream().mapToLong(Long::longValue).max().orElse(0));
        if (fresh != TimestampSource.RECOVERED) {
            settings.txns().committed(fresh); // ours, even if a commit recovered in doubt took a later one
        }
        commitTimestamps.clear();
        recoveredAt = at;
        trees = PartitionTrees.build(getContext(), settings.trees(), table, rows, at);
        getContext().getLog().debug("partition {} recovered {} rows at {}", partitionId, rows.size(), at);
        IndexTree primary = trees.primary();
        settings.local().register(partitionId, getContext().getSelf(),
                read -> read.txn().snapshot() >= at && !read.wroteHere() && reader.directRead(primary, read));
        return stash.unstashAll(this);
    }

    private Behavior<Command> onRecoveryFailed(Terminated t) {
        getContext().getLog().error("partition {}: redo log failed during recovery; failing {} waiting "
                + "requests and stopping", partitionId, stash.size());
        EngineException error = new EngineException("58030", "partition " + partitionId
                + " could not recover its redo log (see the node's log)");
        stash.forEach(m -> failRequest(m, error));
        return Behaviors.stopped();
    }

    private static void failRequest(Command request, EngineException error) {
        if (request instanceof Partition.Read r) {
            r.replyTo().tell(new Partition.Failed(r.tag(), error));
        } else if (request instanceof Partition.Write w) {
            w.replyTo().tell(new Partition.Failed(w.tag(), error));
        } else if (request instanceof Partition.Commit c) {
            c.replyTo().tell(new Partition.Failed(c.tag(), error));
        } else if (request instanceof Partition.Prepare p) {
            p.replyTo().tell(new Partition.Failed(p.tag(), error));
        } else if (request instanceof Partition.AddIndex a) {
            a.replyTo().tell(new Partition.Failed(a.tag(), error));
        } else if (request instanceof Partition.Abort a) {
            a.release().done(); // nothing of it is left here: the partition is gone
        } else if (request instanceof Partition.CommitPrepared c) {
            c.release().done();
        }
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(TreeOperated.class, m -> {
                    calls.onOperated(m.operated());
                    return this;
                })
                .onMessage(TreeChunk.class, m -> {
                    calls.onChunk(m.chunk());
                    return afterIndexBuilt();
                })
                .onMessage(Partition.Request.class, r -> handingOffSinceNs != 0, this::passOn)
                .onMessage(Partition.Read.class, this::onRead)
                .onMessage(Partition.Write.class, this::onWrite)
                .onMessage(Partition.Commit.class, this::onCommit)
                .onMessage(Partition.Prepare.class, this::onPrepare)
                .onMessage(Partition.CommitPrepared.class, this::onCommitPrepared)
                .onMessage(Partition.Abort.class, this::onAbort)
                .onMessage(Flushed.class, this::onFlushed)
                .onMessage(LockTimeoutTick.class, t -> onLockTimeoutTick())
                .onMessage(TimestampsReady.class, t -> {
                    stampDurable();
                    return this;
                })
                .onMessage(Partition.AddIndex.class, this::onAddIndex)
                .onMessage(Partition.Drop.class, d -> onDrop())
                .onMessage(Partition.HandOff.class, h -> onHandOff())
                .onMessage(HandOffTick.class, t -> stopWhenFinished())
                .onMessage(Partition.CoordinatorGone.class, this::onCoordinatorGone)
                .onMessage(OrphanDecided.class, this::onOrphanDecided)
                .onMessage(AskOrphansAgain.class, a -> {
                    askOrphanRecords(); // a request lost while the records moved with their node's log
                    return this;
                })
                .onSignal(Terminated.class, t -> onRedoLogStopped())
                .onSignal(PostStop.class, s -> {
                    settings.local().unregister(partitionId, getContext().getSelf());
                    return this;
                })
                .build();
    }

    /** Once an index is built, what waited for it runs (the stash replays through the returned behavior). */
    private Behavior<Command> afterIndexBuilt() {
        if (!unstashNow) {
            return this;
        }
        unstashNow = false;
        return stash.unstashAll(this);
    }

    /**
     * While an index is being added, requests wait; once the table is dropped, they fail. True
     * when {@code request} was taken care of here.
     */
    private boolean deferred(Command request) {
        if (dropped) {
            failRequest(request, EngineException.unknownTable(trees.table().name()));
            return true;
        }
        if (addingIndex == null) {
            return false;
        }
        stash.stash(request);
        return true;
    }

    /**
     * Refuses a read or write at a snapshot this partition cannot serve: one taken before the
     * partition recovered (its rows carry the recovery's timestamp, see {@link #serve}), or, of a
     * transaction of another node, one this node may have purged versions for (older than
     * {@link CtsLog#FOREIGN_SNAPSHOT_LAG_NS}; a local transaction's snapshot holds the low
     * watermark back). 40001, to be retried with a fresh snapshot, rather than rows the
     * snapshot should not see.
     */
    private boolean tooOld(TxnView txn, long tag, ActorRef<Partition.Reply> replyTo) {
        long snapshot = txn.snapshot();
        if (snapshot >= recoveredAt
                && (log.isLocal(txn.transactionId()) || snapshot >= settings.txns().lowWatermark())) {
            return false;
        }
        replyTo.tell(new Partition.Failed(tag, EngineException.snapshotTooOld("transaction "
                + txn.transactionId() + " reads partition " + partitionId + " at snapshot " + snapshot + ", older than "
                + (snapshot < recoveredAt ? "the partition's recovery (" + recoveredAt + ")" : "what this node keeps")
                + "; retry the transaction")));
        return true;
    }

    private Behavior<Command> onRead(Partition.Read read) {
        if (tooOld(read.txn(), read.tag(), read.replyTo()) || lost(read.txn(), read.wroteHere(), read.tag(), read.replyTo())
                || deferred(read)) {
            return this;
        }
        reader.answer(trees, read);
        return this;
    }

    private Behavior<Command> onWrite(Partition.Write write) {
        if (tooOld(write.txn(), write.tag(), write.replyTo())
                || lost(write.txn(), write.wroteHere(), write.tag(), write.replyTo()) || deferred(write)) {
            return this;
        }
        writesInFlight++;
        guarded(write, () -> findTargets(write));
        return this;
    }

    /** Runs a step of {@code write}; an exception answers it with a failure. */
    private void guarded(Partition.Write write, Runnable step) {
        try {
            step.run();
        } catch (EngineException e) {
            answer(write, new Partition.Failed(write.tag(), e));
        } catch (RuntimeException e) {
            getContext().getLog().error("partition {}: write failed", partitionId, e);
            answer(write, new Partition.Failed(write.tag(), EngineException.internal(e.toString(), e)));
        }
    }

    /** The statement's one answer (a commit answers later, from {@link #onFlushed}). */
    private void answer(Partition.Write write, Partition.Reply reply) {
        write.replyTo().tell(reply);
        writeEnded();
    }

    private void writeEnded() {
        writesInFlight--;
        if (writesInFlight == 0 && addingIndex != null) {
            buildIndex();
        }
    }

    private void findTargets(Partition.Write write) {
        TableDef table = trees.table();
        if (write.spec() instanceof WriteSpec.Insert insert) {
            List<Target> targets = new ArrayList<>(insert.rows().size());
            Set<Key> keys = new HashSet<>();
            for (Object[] row : insert.rows()) {
                Key key = table.primaryKeyOf(row);
                if (!keys.add(key)) {
                    throw EngineException.duplicateKey(table.name() + ".primary", key);
                }
                targets.add(Target.known(key, row, null));
            }
            apply(write, targets, true);
            return;
        }
        ReadSpec target;
        if (write.spec() instanceof WriteSpec.Update u) {
            target = u.target();
        } else if (write.spec() instanceof WriteSpec.Delete d) {
            target = d.target();
        } else {
            target = ((WriteSpec.Lock) write.spec()).target();
        }
        if (RowReader.isPoint(target)) {
            Key key = target.from();
            UnaryOperator<Object[]> change = row -> newRow(table, write.spec(), key, row);
            apply(write, List.of(new Target(key, null, null, target.filter(), change)), false);
            return;
        }
        reader.read(trees, target, write.txn(), seen -> guarded(write, () -> {
            List<Target> targets = new ArrayList<>(seen.size());
            for (RowReader.Seen s : seen) {
                targets.add(Target.known(s.key(), newRow(table, write.spec(), s.key(), s.row()), s.source()));
            }
            apply(write, targets, false);
        }), error -> answer(write, new Partition.Failed(write.tag(), error)));
    }

    private static Object[] newRow(TableDef table, WriteSpec spec, Key key, Object[] row) {
        if (spec instanceof WriteSpec.Update update) {
            Object[] changed = update.transform().apply(row);
            if (!table.primaryKeyOf(changed).equals(key)) {
                throw EngineException.notSupported("changing a primary key is not supported yet ("
                        + table.name() + ", key " + key + "); delete and insert the row instead");
            }
            return changed;
        }
        return spec instanceof WriteSpec.Delete ? null : row;
    }

    /** Sends one write decision per target; {@link #applied} continues when all have answered. */
    private void apply(Partition.Write write, List<Target> targets, boolean insert) {
        if (targets.isEmpty()) {
            finish(write, 0, List.of());
            return;
        }
        long me = write.txn().transactionId();
        if (recentlyAborted.contains(me)) {
            throw new EngineException("40000", "transaction " + me + " was rolled back while this statement ran");
        }
        TxnWrites writes = transactions.computeIfAbsent(me, id -> {
            // a transaction of another node: this node's shadow of it answers for its versions
            log.joined(id, write.txn().snapshot());
            return new TxnWrites(id);
        });
        writes.statementSent();
        long watermark = settings.txns().lowWatermark();
        RowDecisions.Writer writer = new RowDecisions.Writer(write.txn(), log);
        TreeCalls.Gather results = new TreeCalls.Gather(targets.size(),
                replies -> guarded(write, () -> applied(write, writes, targets, replies)));
        for (int i = 0; i < targets.size(); i++) {
            Target t = targets.get(i);
            int slot = i;
            calls.operate(trees.primary(), primaryLeaves, t.key(), t.change() != null
                            ? RowDecisions.writeAt(writer, t.filter(), t.change(), watermark)
                            : RowDecisions.write(writer, t.row(), insert, t.expected(), watermark),
                    op -> results.set(slot, op.reply()));
        }
    }

    /** Every target answered: go on if all were taken, else put back what was and say why. */
    private void applied(Partition.Write write, TxnWrites writes, List<Target> targets, Object[] replies) {
        if (writes.aborted()) {
            // rolled back while the decisions were out: what they installed is dead, tidy it away
            long watermark = settings.txns().lowWatermark();
            for (int i = 0; i < targets.size(); i++) {
                if (replies[i] instanceof RowDecisions.Applied a) {
                    a.installed().stamp(CtsLog.ABORTED);
                }
                tidy(targets.get(i).key(), watermark);
            }
            statementBack(writes);
            throw new EngineException("40000", "transaction " + writes.transactionId
                    + " was rolled back while this statement ran");
        }
        Object refusal = null;
        Key refusedKey = null;
        List<Integer> taken = new ArrayList<>(targets.size());
        for (int i = 0; i < replies.length; i++) {
            if (replies[i] instanceof RowDecisions.Applied) {
                taken.add(i);
            } else if (!(replies[i] instanceof RowDecisions.Missing)
                    && (refusal == null || rank(replies[i]) < rank(refusal))) {
                refusal = replies[i];
                refusedKey = targets.get(i).key();
            }
        }
        if (refusal == null) {
            List<Key> keys = new ArrayList<>(taken.size());
            List<RowDecisions.Applied> applied = new ArrayList<>(taken.size());
            for (int i : taken) {
                keys.add(targets.get(i).key());
                applied.add((RowDecisions.Applied) replies[i]);
                writes.versions.add(((RowDecisions.Applied) replies[i]).installed());
            }
            statementBack(writes);
            if (keys.isEmpty() && writes.images.isEmpty() && !writes.statementsInTrees()) {
                forget(writes); // nothing matched: it holds nothing here
            }
            written(write, writes, keys, applied);
            return;
        }
        Object why = refusal;
        Key key = refusedKey;
        TreeCalls.Gather undone = new TreeCalls.Gather(taken.size(), acks -> guarded(write, () -> {
            for (int i : taken) {
                ((RowDecisions.Applied) replies[i]).installed().stamp(CtsLog.ABORTED);
            }
            if (!taken.isEmpty()) {
                log.statementUndone(writes.transactionId);
            }
            statementBack(writes);
            if (writes.images.isEmpty() && !writes.aborted() && !writes.statementsInTrees()) {
                forget(writes); // it holds nothing here
            }
            if (!taken.isEmpty()) {
                // Others may have met what this statement took and put back: let them try again.
                redrive(waiters.release(writes.transactionId));
            }
            refused(write, why, key);
        }));
        for (int i = 0; i < taken.size(); i++) {
            int target = taken.get(i);
            RowDecisions.Applied a = (RowDecisions.Applied) replies[target];
            int slot = i;
            calls.operate(trees.primary(), primaryLeaves, targets.get(target).key(),
                    RowDecisions.restore(a.installed(), a.previous()), op -> undone.set(slot, op.reply()));
        }
    }

    /** Which refusal a statement reports when several targets refused: errors first, then waits. */
    private static int rank(Object refusal) {
        if (refusal instanceof TreeCalls.Failure) {
            return 0;
        } else if (refusal instanceof RowDecisions.Duplicate) {
            return 1;
        } else if (refusal instanceof RowDecisions.Conflict) {
            return 2;
        } else if (refusal instanceof RowDecisions.Locked) {
            return 3;
        }
        return 4;
    }


    private void refused(Partition.Write write, Object why, Key key) {
        String table = trees.table().name();
        if (why instanceof TreeCalls.Failure f) {
            throw f.asEngineException();
        } else if (why instanceof RowDecisions.Duplicate) {
            throw EngineException.duplicateKey(table + ".primary", key);
        } else if (why instanceof RowDecisions.Conflict) {
            throw EngineException.writeConflict("row " + key + " of " + table
                    + " was changed by a transaction that committed after this one started");
        } else if (why instanceof RowDecisions.Locked l) {
            waitFor(write, key, l);
        } else {
            writeEnded();
            onWrite(write); // the row changed under the statement: run it again
        }
    }

    private void waitFor(Partition.Write write, Key key, RowDecisions.Locked locked) {
        long me = write.txn().transactionId();
        long holder = locked.holder();
        writeEnded();
        if (!log.open(holder) || log.undone(holder) != locked.undone()) {
            onWrite(write); // it finished, or put a statement back, while the answer travelled
            return;
        }
        // Across nodes no wait-for graph sees a whole cycle, so under global snapshots the younger
        // never waits for the older (wait-die). An autocommit statement on the latest rows (its
        // locks, all in this partition, last one statement) waits as before: a cycle through it
        // is rare and ends at the lock wait timeout.
        if (settings.txns().globalSnapshots() && write.txn().snapshot() != Long.MAX_VALUE
                && log.younger(me, write.txn().snapshot(), holder)) {
            write.replyTo().tell(new Partition.Failed(write.tag(), new EngineException("40P01",
                    "deadlock avoided: transaction " + me + " would wait for the older " + holder + " (row " + key
                            + " of " + trees.table().name() + "); retry the transaction")));
            return;
        }
        if (handingOffSinceNs != 0) { // its holder's commit or abort goes to the new home: nothing would wake it here
            write.replyTo().tell(new Partition.Failed(write.tag(), movingAway()));
            return;
        }
        boolean none = waiters.isEmpty();
        if (!waiters.park(new Waiters.Waiter(write, holder, System.nanoTime() + lockWaitNs))) {
            write.replyTo().tell(new Partition.Failed(write.tag(), new EngineException("40P01",
                    "deadlock: transaction " + me + " waits for " + holder + " which waits, directly or not, for it "
                            + "(row " + key + " of " + trees.table().name() + ")")));
            return;
        }
        if (none) {
            timers.startTimerWithFixedDelay(LockTimeoutTick.INSTANCE, Duration.ofMillis(100));
        }
        if (write.reportProgress()) {
            write.replyTo().tell(new Partition.LockWaiting(write.tag()));
        }
    }

    /**
     * Every target is taken: the transaction remembers the images for its redo record, the
     * secondary indexes follow, and the statement is answered when they have the new entries.
     */
    private void written(Partition.Write write, TxnWrites writes, List<Key> keys, List<RowDecisions.Applied> applied) {
        List<Object[]> returned = write.spec() instanceof WriteSpec.Lock ? new ArrayList<>() : List.of();
        for (int t = 0; t < keys.size(); t++) {
            writes.images.put(keys.get(t), applied.get(t).row());
            if (write.spec() instanceof WriteSpec.Lock) {
                returned.add(applied.get(t).row());
            }
        }
        indexes.put(trees, keys, applied, () -> guarded(write, () -> finish(write, keys.size(), returned)));
    }

    private void finish(Partition.Write write, long count, List<Object[]> returned) {
        if (write.commit()) {
            writeEnded();
            if (write.reportProgress()) {
                write.replyTo().tell(new Partition.Applied(write.tag()));
            }
            commit(write.txn().transactionId(), write.tag(), count, write.replyTo());
        } else {
            answer(write, new Partition.Written(write.tag(), count, returned));
        }
    }

    private Behavior<Command> onCommit(Partition.Commit commit) {
        if (deferred(commit)) {
            return this;
        }
        if (!transactions.containsKey(commit.transactionId()) && !recentlyAborted.contains(commit.transactionId())) {
            commit.replyTo().tell(new Partition.Failed(commit.tag(), lostWrites(commit.transactionId())));
            return this;
        }
        commit(commit.transactionId(), commit.tag(), -1, commit.replyTo());
        return this;
    }

    private void commit(long transactionId, long tag, long count, ActorRef<Partition.Reply> replyTo) {
        TxnWrites writes = transactions.get(transactionId);
        if (writes == null && !recentlyAborted.contains(transactionId)) {
            settings.txns().finish(transactionId); // an autocommit write that changed nothing: it ends here
            replyTo.tell(new Partition.Written(tag, Math.max(count, 0), List.of()));
            return;
        }
        if (writes == null || !log.tryPrepare(transactionId)) {
            // its session rolled it back first (a statement timed out, the session closed)
            replyTo.tell(new Partition.Failed(tag, new EngineException("40000", "transaction " + transactionId
                    + " was rolled back before it could commit")));
            return;
        }
        writes.committing = true;
        if (commits.add(new CommitGroups.Pending(writes, false, tag, Math.max(count, writes.images.size()), replyTo))) {
            flush();
        }
    }

    private Behavior<Command> onPrepare(Partition.Prepare prepare) {
        if (deferred(prepare)) {
            return this;
        }
        TxnWrites writes = transactions.get(prepare.transactionId());
        if (writes == null) {
            prepare.replyTo().tell(new Partition.Failed(prepare.tag(), lostWrites(prepare.transactionId())));
            return this;
        }
        writes.prepared = true;
        if (commits.add(new CommitGroups.Pending(writes, true, prepare.tag(), 0, prepare.replyTo()))) {
            flush();
        }
        return this;
    }

    /**
     * Refuses a request of a transaction that wrote here before but whose writes this partition
     * does not hold (see {@link Partition.Write#wroteHere}): 40000, the transaction must roll back.
     */
    private boolean lost(TxnView txn, boolean wroteHere, long tag, ActorRef<Partition.Reply> replyTo) {
        if (!wroteHere || transactions.containsKey(txn.transactionId())) {
            return false;
        }
        replyTo.tell(new Partition.Failed(tag, lostWrites(txn.transactionId())));
        return true;
    }

    /**
     * A session asks to commit writes this partition does not hold: it restarted since (a redo
     * log failure, a move to another node), and uncommitted writes do not survive that. The
     * transaction must roll back.
     */
    private EngineException lostWrites(long transactionId) {
        return new EngineException("40000", "transaction " + transactionId + " lost its uncommitted writes in "
                + "partition " + partitionId + " (it restarted); the transaction was rolled back");
    }

    /** Sends everything gathered as one redo batch; the next batch gathers while it is written. */
    private void flush() {
        redoLog.tell(new RedoLog.Append(++flushSequence, commits.takeBatch(), flushedAdapter));
    }

    /**
     * The batch is durable: each committing transaction takes its CSN in the CTS log (its
     * versions turn visible and its locks free, everywhere at once), its versions are stamped and
     * its slot released, then it hears so; each prepared one hears it is prepared.
     */
    private Behavior<Command> onFlushed(Flushed flushed) {
        for (long resolved : commits.durableCommitOutcomes()) {
            settings.records().apply(resolved).tell(new TxnRecords.Resolved(resolved)); // its record is needed one partition less
        }
        for (CommitGroups.Pending pending : commits.durable()) {
            if (pending.prepare()) {
                pending.replyTo().tell(new Partition.Prepared(pending.tag()));
            } else {
                awaitingTimestamp.add(pending);
            }
        }
        stampDurable();
        if (dropped) {
            failAwaitingTimestamp(EngineException.unknownTable(trees.table().name()));
            return Behaviors.stopped();
        }
        if (commits.gathered()) {
            flush();
        }
        return this;
    }

    /**
     * Durable commits take their CSNs, in order. When the node's clock has none to give (its
     * leased range is used up and the next lease is on its way), the rest wait for
     * {@link TimestampsReady}.
     */
    private void stampDurable() {
        List<Waiters.Waiter> granted = new ArrayList<>();
        while (!awaitingTimestamp.isEmpty()) {
            CommitGroups.Pending pending = awaitingTimestamp.peek();
            TxnWrites writes = pending.writes();
            long commitTs = settings.txns().tryCommit(writes.transactionId);
            if (commitTs == 0) {
                ActorRef<Command> self = getContext().getSelf();
                settings.txns().whenTimestamps(() -> self.tell(TimestampsReady.INSTANCE));
                break;
            }
            awaitingTimestamp.poll();
            transactions.remove(writes.transactionId, writes);
            committed(writes, commitTs);
            settings.txns().committed(commitTs); // visible wherever it wrote: this partition alone
            settings.txns().release(writes.transactionId);
            if (writes.abortedWith != null) {
                writes.abortedWith.done(); // an abort that came too late: the commit stands
            }
            granted.addAll(waiters.release(writes.transactionId));
            Partition.Reply written = new Partition.Written(pending.tag(), pending.count(), List.of());
            settings.txns().whenVisible(commitTs, () -> pending.replyTo().tell(written)); // at once on one node
        }
        redrive(granted);
        tidying.tidyDue(trees, settings.txns().lowWatermark());
    }

    /** Stamps a committed transaction's versions; its deletions are tidied once no snapshot sees them. */
    private void committed(TxnWrites writes, long commitTs) {
        writes.stamp(commitTs);
        for (Map.Entry<Key, Object[]> e : writes.images.entrySet()) {
            if (e.getValue() == null) {
                tidying.deleted(e.getKey(), commitTs);
            }
        }
    }

    /** Two-phase commit, phase two: the CSN is in the CTS log; stamp, log the outcome, wake waiters. */
    private Behavior<Command> onCommitPrepared(Partition.CommitPrepared commit) {
        if (deferred(commit)) {
            return this;
        }
        TxnWrites writes = transactions.remove(commit.transactionId());
        if (writes != null) {
            log.committedElsewhere(writes.transactionId, commit.commitTs());
            committed(writes, commit.commitTs());
            log.left(writes.transactionId);
            if (commits.add(new RedoLog.Outcome(commit.transactionId(), true))) {
                flush();
            }
            redrive(waiters.release(commit.transactionId()));
        }
        commit.release().done();
        if (commit.replyTo() != null) {
            commit.replyTo().tell(new Partition.Stamped(commit.tag()));
        }
        return this;
    }

    private void tidy(Key key, long watermark) {
        tidying.tidy(trees, key, watermark);
    }

    /**
     * Rolls a transaction back here. Its slot already says aborted, so its versions are dead to
     * every reader; they are stamped and tidied away, and the slot's release counted down, once
     * no statement of it is still in the trees.
     */
    private Behavior<Command> onAbort(Partition.Abort abort) {
        if (deferred(abort)) {
            return this;
        }
        long id = abort.transactionId();
        recentlyAborted.add(id);
        waiters.forget(id);
        TxnWrites writes = transactions.get(id);
        if (writes == null) {
            abort.release().done();
            return this;
        }
        writes.abortedWith = abort.release();
        if (writes.committing) {
            return this; // too late: its redo record is on its way; onFlushed counts the release down
        }
        log.abortedElsewhere(id); // a transaction of another node: its versions here die now
        transactions.remove(id);
        if (writes.prepared && commits.add(new RedoLog.Outcome(id, false))) {
            flush();
        }
        redrive(waiters.release(id));
        long watermark = settings.txns().lowWatermark();
        for (Key key : writes.images.keySet()) {
            tidy(key, watermark);
        }
        if (!writes.statementsInTrees()) {
            abortDone(writes);
        }
        return this;
    }

    /**
     * The node of an incarnation left: its open transactions here roll back (their session is
     * gone), its prepared ones ask their records, which hold the decision or, presumed abort,
     * record ABORT. One committing here (its one-partition commit) finishes as it would have.
     */
    private Behavior<Command> onCoordinatorGone(Partition.CoordinatorGone gone) {
        for (TxnWrites writes : new ArrayList<>(transactions.values())) {
            long id = writes.transactionId;
            if (id >>> CtsLog.ID_BITS != gone.incarnation() || writes.committing) {
                continue;
            }
            if (writes.prepared) {
                orphans.add(id);
            } else {
                getContext().getLog().info("partition {}: transaction {} of a node that left is rolled back",
                        partitionId, id);
                onAbort(new Partition.Abort(id, SlotRelease.elsewhere(id)));
            }
        }
        if (!orphans.isEmpty()) {
            askOrphanRecords();
            timers.startTimerWithFixedDelay(AskOrphansAgain.INSTANCE, Duration.ofSeconds(1));
        }
        return this;
    }

    /** Presumed abort, as for a transaction recovered in doubt: the records answer what they hold. */
    private void askOrphanRecords() {
        if (orphanDecided == null) {
            orphanDecided = getContext().messageAdapter(TxnRecords.Decision.class, OrphanDecided::new);
        }
        for (long id : orphans) {
            settings.records().apply(id).tell(new TxnRecords.Decide(id, false, 0, 0, orphanDecided));
        }
    }

    /**
     * A prepared transaction of a node that left is decided. A commit is stamped with a
     * timestamp of this node: the one its coordinator took, if any, died with it (a snapshot
     * taken between the two may see it in its other partitions and not yet here).
     */
    private Behavior<Command> onOrphanDecided(OrphanDecided d) {
        long id = d.decision().transactionId();
        if (orphans.remove(id) && orphans.isEmpty()) {
            timers.cancel(AskOrphansAgain.INSTANCE);
        }
        if (!transactions.containsKey(id)) {
            return this; // decided meanwhile by its coordinator's last message
        }
        getContext().getLog().info("partition {}: prepared transaction {} of a node that left is {}", partitionId, id,
                d.decision().commit() ? "committed" : "rolled back");
        if (!d.decision().commit()) {
            return onAbort(new Partition.Abort(id, SlotRelease.elsewhere(id)));
        }
        if (d.decision().commitTs() != 0) {
            // the timestamp its other partitions have (or will have, from their records): the
            // commit is whole in every snapshot; the range it came from was its coordinator's
            return onCommitPrepared(new Partition.CommitPrepared(id, d.decision().commitTs(), SlotRelease.elsewhere(id)));
        }
        long commitTs = log.clock().tryNextCommit(); // recorded without one: a timestamp of this node's
        if (commitTs == 0) {
            ActorRef<Command> self = getContext().getSelf();
            log.clock().whenAvailable(() -> self.tell(d));
            return this;
        }
        onCommitPrepared(new Partition.CommitPrepared(id, commitTs, SlotRelease.elsewhere(id)));
        settings.txns().committed(commitTs);
        return this;
    }

    /**
     * A commit whose redo record never became durable: its slot (prepared by this partition, so
     * its session could not roll it back) is aborted and released; its versions die with the
     * stopping partition's trees.
     */
    private void abortUnlogged(CommitGroups.Pending pending) {
        long id = pending.writes().transactionId;
        pending.writes().stamp(CtsLog.ABORTED);
        if (!pending.prepare()) {
            settings.txns().abort(id);
            settings.txns().release(id);
        }
    }

    /**
     * Durable commits still waiting for a timestamp when the partition stops: this incarnation
     * will not commit them, so their slots are aborted and released (their versions die with
     * the trees). If the redo log holds them, the restarted partition has them as committed.
     */
    private void failAwaitingTimestamp(EngineException error) {
        for (CommitGroups.Pending pending : awaitingTimestamp) {
            abortUnlogged(pending);
            pending.replyTo().tell(new Partition.Failed(pending.tag(), error));
        }
        awaitingTimestamp.clear();
    }

    /** A statement of {@code writes} is out of the trees; an abort that waited for it completes. */
    private void statementBack(TxnWrites writes) {
        if (writes.statementBack() && writes.aborted() && !writes.committing) {
            abortDone(writes);
        }
    }

    private void abortDone(TxnWrites writes) {
        writes.stamp(CtsLog.ABORTED);
        log.left(writes.transactionId);
        writes.abortedWith.done();
    }

    /** {@code writes} holds no version here: the partition forgets the transaction. */
    private void forget(TxnWrites writes) {
        transactions.remove(writes.transactionId, writes);
        log.left(writes.transactionId);
    }

    /** Requests whose lock was released run again from the start (their rows may have changed). */
    private void redrive(List<Waiters.Waiter> granted) {
        for (Waiters.Waiter waiter : granted) {
            onWrite(waiter.write());
        }
        if (waiters.isEmpty()) {
            timers.cancel(LockTimeoutTick.INSTANCE);
        }
    }

    private Behavior<Command> onLockTimeoutTick() {
        for (Waiters.Waiter w : waiters.expire(System.nanoTime())) {
            w.write().replyTo().tell(new Partition.Failed(w.write().tag(), EngineException.lockWaitTimeout(
                    "lock wait timeout (" + settings.lockWaitTimeout().toMillis() + " ms) in " + trees.table().name())));
        }
        if (waiters.isEmpty()) {
            timers.cancel(LockTimeoutTick.INSTANCE);
        }
        return this;
    }

    /**
     * Adopts a table definition with one more secondary index: new requests wait, the writes in
     * flight finish, then every version of every row gets its entry in the new tree.
     */
    private Behavior<Command> onAddIndex(Partition.AddIndex add) {
        if (deferred(add)) {
            return this;
        }
        addingIndex = add;
        if (writesInFlight == 0) {
            buildIndex();
        }
        return this;
    }

    private void buildIndex() {
        TableDef table = addingIndex.table();
        IndexDef index = table.indexes().get(table.indexes().size() - 1);
        calls.scan(trees.primary(), null, null, null, -1, (key, chain) -> {
            List<Key> entries = new ArrayList<>(1);
            for (Version v = (Version) chain; v != null; v = v.older) {
                if (v.row != null) {
                    entries.add(IndexEntries.entryKey(index, v.row, key));
                }
            }
            return entries;
        }, result -> {
            Partition.AddIndex add = addingIndex;
            addingIndex = null;
            List<Key> entries = new ArrayList<>();
            for (Map.Entry<Key, Object> e : result.entries()) {
                @SuppressWarnings("unchecked")
                List<Key> ofRow = (List<Key>) e.getValue();
                entries.addAll(ofRow);
            }
            trees.table(table);
            trees.addIndex(index, entries);
            add.replyTo().tell(new Partition.Written(add.tag(), result.entries().size(), List.of()));
            unstashNow = true;
        });
    }

    private Behavior<Command> onDrop() {
        EngineException gone = EngineException.unknownTable(trees.table().name());
        for (Waiters.Waiter w : waiters.expire(Long.MAX_VALUE)) {
            w.write().replyTo().tell(new Partition.Failed(w.write().tag(), gone));
        }
        for (TxnWrites writes : transactions.values()) {
            writes.stamp(CtsLog.ABORTED); // the rows are gone; nothing may judge these versions committed
        }
        commits.failGathered(gone, this::abortUnlogged);
        failAwaitingTimestamp(gone);
        stash.forEach(m -> failRequest(m, gone));
        stash.clear();
        if (!commits.inFlight()) {
            return Behaviors.stopped();
        }
        dropped = true; // stop once the redo write in flight is answered
        return this;
    }

    /** See {@link Partition.HandOff}. */
    private Behavior<Command> onHandOff() {
        handingOffSinceNs = System.nanoTime();
        settings.local().unregister(partitionId, getContext().getSelf()); // this node's sessions go through sharding now
        getContext().getSystem().eventStream().tell(new EventStream.Publish<>(new Partition.Moved(partitionId)));
        refuseWaiters();
        timers.startTimerWithFixedDelay(HandOffTick.INSTANCE, Duration.ofMillis(10));
        getContext().getLog().debug("partition {} hands off ({} transactions open here, {} commits in flight)",
                partitionId, transactions.size(), commits.size() + awaitingTimestamp.size());
        return stopWhenFinished();
    }

    private EngineException movingAway() {
        return EngineException.writeConflict("partition " + partitionId + " is moving to another node; the "
                + "transaction's writes there were not kept: retry the transaction");
    }

    /** Refuses the writes parked for row locks: what would wake them goes to the new home. */
    private void refuseWaiters() {
        for (Waiters.Waiter w : waiters.expire(Long.MAX_VALUE)) {
            w.write().replyTo().tell(new Partition.Failed(w.write().tag(), movingAway())); // a parked write is not in flight
        }
    }

    /** A request that reached this partition after its hand-off began goes on through sharding. */
    private Behavior<Command> passOn(Partition.Request request) {
        settings.sharded().apply(partitionId).tell(request);
        return this;
    }

    /**
     * Stops once nothing started here waits: no write statement, no commit (durable or not yet
     * timestamped), no tree call (reads, tidying). A partition still busy after the shard's
     * hand-off timeout is stopped by the shard.
     */
    private Behavior<Command> stopWhenFinished() {
        boolean finished = writesInFlight == 0 && commits.size() == 0 && !commits.inFlight() && !commits.gathered()
                && awaitingTimestamp.isEmpty() && calls.idle() && addingIndex == null
                && System.nanoTime() - handingOffSinceNs >= LEAF_READS_DRAIN_NS;
        if (!finished) {
            long waitedMs = (System.nanoTime() - handingOffSinceNs) / 1_000_000;
            if (waitedMs >= 5_000 && !handOffSlow) {
                handOffSlow = true;
                getContext().getLog().warn("partition {} still hands off after {} ms: {} writes in flight, {} commits, "
                        + "{} awaiting a timestamp, tree calls idle: {}", partitionId, waitedMs, writesInFlight,
                        commits.size(), awaitingTimestamp.size(), calls.idle());
            }
            return this;
        }
        for (long id : transactions.keySet()) {
            log.left(id); // a transaction of another node holds no version here any more
        }
        getContext().getLog().debug("partition {} handed off after {} ms", partitionId,
                (System.nanoTime() - handingOffSinceNs) / 1_000_000);
        return Behaviors.stopped();
    }

    /**
     * The journal refused a write: what was being committed is not durable. Fail those commits and
     * stop; the next request starts the partition again from what the journal has.
     */
    private Behavior<Command> onRedoLogStopped() {
        getContext().getLog().error("partition {}: redo log stopped (journal failure); failing {} commits and restarting",
                partitionId, commits.size());
        EngineException stopped = new EngineException("58030", "partition " + partitionId
                + " stopped (its redo log failed) while this statement waited for a row lock");
        for (Waiters.Waiter w : waiters.expire(Long.MAX_VALUE)) {
            w.write().replyTo().tell(new Partition.Failed(w.write().tag(), stopped));
        }
        commits.failAll(new EngineException("58030", "the redo log of partition " + partitionId
                + " failed; the transaction was not committed"), this::abortUnlogged);
        failAwaitingTimestamp(new EngineException("58030", "partition " + partitionId
                + " stopped before the commit took its timestamp; its outcome is known after the restart"));
        return Behaviors.stopped();
    }
}
