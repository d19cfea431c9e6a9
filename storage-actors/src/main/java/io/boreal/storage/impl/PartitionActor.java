package io.boreal.storage.impl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.PostStop;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.Terminated;
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
import io.boreal.storage.WriteSpec;
import io.boreal.storage.schema.TableDef;

/**
 * The behavior behind {@link Partition}: recovering, then serving. See {@link Partition} for
 * the protocol and the write and commit paths.
 *
 * <p>Hot path: every statement of the engine passes through {@link #onRead} or {@link #onWrite}.
 */
public final class PartitionActor extends AbstractBehavior<Command> {

    private record RecoveredRows(RedoLog.Recovered recovered) implements Command {
    }

    private record Flushed(long sequence) implements Command {
    }

    private enum LockTimeoutTick implements Command { INSTANCE }

    /** A commit waiting for its redo images to be durable. */
    private record PendingCommit(long transactionId, Set<Key> keys, long tag, long count,
                                 ActorRef<Partition.Reply> replyTo) {
    }

    private final String partitionId;
    private final Partition.Settings settings;
    private final ActorRef<RedoLog.Command> redoLog;
    private final ActorRef<RedoLog.Appended> flushedAdapter;
    private final TimerScheduler<Command> timers;
    private final long lockWaitNs;

    private TableDef table;
    private RowStore rows;
    private final LockTable locks = new LockTable();
    private final Map<Long, Set<Key>> writesByTransaction = new HashMap<>();
    private List<PendingCommit> gathering = new ArrayList<>();
    private List<PendingCommit> flushing = List.of();
    private long flushSequence;

    private PartitionActor(ActorContext<Command> context, TimerScheduler<Command> timers,
                           String partitionId, Partition.Settings settings, TableDef table) {
        super(context);
        this.timers = timers;
        this.partitionId = partitionId;
        this.settings = settings;
        this.table = table;
        this.lockWaitNs = settings.lockWaitTimeout().toNanos();
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
                    new PartitionActor(context, timers, partitionId, settings, table).recovering(stash)));
        });
    }

    /** Until the redo log has replayed, requests wait in the stash. */
    private Behavior<Command> recovering(StashBuffer<Command> stash) {
        return Behaviors.receive(Command.class)
                .onMessage(RecoveredRows.class, r -> {
                    rows = new RowStore(table);
                    rows.load(r.recovered().rows(), io.boreal.txn.TimestampSource.RECOVERED);
                    getContext().getLog().debug("partition {} recovered {} rows", partitionId, rows.size());
                    settings.local().register(partitionId, getContext().getSelf());
                    return stash.unstashAll(this);
                })
                .onSignal(Terminated.class, t -> {
                    getContext().getLog().error("partition {}: redo log failed during recovery; failing {} waiting "
                            + "requests and stopping", partitionId, stash.size());
                    EngineException error = new EngineException("58030", "partition " + partitionId
                            + " could not recover its redo log (see the node's log)");
                    stash.forEach(m -> failRequest(m, error));
                    return Behaviors.stopped();
                })
                .onAnyMessage(m -> {
                    stash.stash(m);
                    return Behaviors.same();
                })
                .build();
    }

    private static void failRequest(Command request, EngineException error) {
        if (request instanceof Partition.Read r) {
            r.replyTo().tell(new Partition.Failed(r.tag(), error));
        } else if (request instanceof Partition.Write w) {
            w.replyTo().tell(new Partition.Failed(w.tag(), error));
        } else if (request instanceof Partition.Commit c) {
            c.replyTo().tell(new Partition.Failed(c.tag(), error));
        } else if (request instanceof Partition.AddIndex a) {
            a.replyTo().tell(new Partition.Failed(a.tag(), error));
        }
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Partition.Read.class, this::onRead)
                .onMessage(Partition.Write.class, this::onWrite)
                .onMessage(Partition.Commit.class, this::onCommit)
                .onMessage(Partition.Abort.class, this::onAbort)
                .onMessage(Flushed.class, this::onFlushed)
                .onMessage(LockTimeoutTick.class, t -> onLockTimeoutTick())
                .onMessage(Partition.AddIndex.class, this::onAddIndex)
                .onSignal(Terminated.class, t -> onRedoLogStopped())
                .onSignal(PostStop.class, s -> {
                    settings.local().unregister(partitionId, getContext().getSelf());
                    return this;
                })
                .build();
    }

    private Behavior<Command> onRead(Partition.Read read) {
        List<Object[]> result = new ArrayList<>();
        try {
            rows.scan(read.spec(), read.txn(), (pk, row) -> result.add(row));
            read.replyTo().tell(new Partition.Rows(read.tag(), result));
        } catch (EngineException e) {
            read.replyTo().tell(new Partition.Failed(read.tag(), e));
        }
        return this;
    }

    private Behavior<Command> onWrite(Partition.Write write) {
        try {
            tryWrite(write);
        } catch (EngineException e) {
            write.replyTo().tell(new Partition.Failed(write.tag(), e));
        } catch (RuntimeException e) {
            getContext().getLog().error("partition {}: write failed", partitionId, e);
            write.replyTo().tell(new Partition.Failed(write.tag(), EngineException.internal(e.toString(), e)));
        }
        return this;
    }

    /** Finds the targets, checks all of them, then applies all of them: never a partial write. */
    private void tryWrite(Partition.Write write) {
        long me = write.txn().transactionId();
        WriteTargets targets = WriteTargets.find(table, rows, write);
        for (int i = 0; i < targets.size(); i++) {
            Version head = rows.chain(targets.key(i));
            if (head != null && !head.committed() && head.transactionId != me) {
                waitForLock(write, targets.key(i), head.transactionId);
                return;
            }
        }
        for (int i = 0; i < targets.size(); i++) {
            checkConflict(write, targets.key(i), targets.isInsert());
        }
        if (targets.size() > 0) {
            Set<Key> written = writesByTransaction.computeIfAbsent(me, t -> new LinkedHashSet<>());
            for (int i = 0; i < targets.size(); i++) {
                rows.write(targets.key(i), targets.newRow(i), me);
                written.add(targets.key(i));
            }
        }
        List<Object[]> returned = write.spec() instanceof WriteSpec.Lock ? targets.newRows() : List.of();
        if (write.commit()) {
            commit(me, write.tag(), targets.size(), write.replyTo());
        } else {
            write.replyTo().tell(new Partition.Written(write.tag(), targets.size(), returned));
        }
    }

    private void checkConflict(Partition.Write write, Key key, boolean insert) {
        Version head = rows.chain(key);
        if (head == null) {
            return;
        }
        boolean mine = !head.committed();
        Version committed = head.latestCommitted();
        if (insert && (mine ? head.row != null : committed != null && committed.row != null)) {
            throw EngineException.duplicateKey(table.name() + ".primary", key);
        }
        if (committed != null && committed.commitTs > write.txn().snapshot()) {
            throw EngineException.writeConflict("row " + key + " of " + table.name()
                    + " was changed by a transaction that committed after this one started");
        }
    }

    private void waitForLock(Partition.Write write, Key key, long holder) {
        long me = write.txn().transactionId();
        if (locks.wouldDeadlock(me, holder)) {
            write.replyTo().tell(new Partition.Failed(write.tag(), new EngineException("40P01",
                    "deadlock: transaction " + me + " waits for " + holder + " which waits for it (row "
                            + key + " of " + table.name() + ")")));
            return;
        }
        if (locks.isEmpty()) {
            timers.startTimerWithFixedDelay(LockTimeoutTick.INSTANCE, Duration.ofMillis(100));
        }
        locks.enqueue(key, holder, new LockTable.Waiter(write, System.nanoTime() + lockWaitNs));
    }

    private Behavior<Command> onCommit(Partition.Commit commit) {
        commit(commit.transactionId(), commit.tag(), -1, commit.replyTo());
        return this;
    }

    private void commit(long transactionId, long tag, long count, ActorRef<Partition.Reply> replyTo) {
        Set<Key> keys = writesByTransaction.remove(transactionId);
        if (keys == null) {
            replyTo.tell(new Partition.Written(tag, Math.max(count, 0), List.of()));
            return;
        }
        gathering.add(new PendingCommit(transactionId, keys, tag, Math.max(count, keys.size()), replyTo));
        if (flushing.isEmpty()) {
            flush();
        }
    }

    /** Sends everything gathered as one redo batch; the next batch gathers while it is written. */
    private void flush() {
        List<Key> keys = new ArrayList<>();
        List<Object[]> images = new ArrayList<>();
        for (PendingCommit pending : gathering) {
            for (Key key : pending.keys()) {
                keys.add(key);
                images.add(rows.chain(key).row);
            }
        }
        flushing = gathering;
        gathering = new ArrayList<>();
        redoLog.tell(new RedoLog.Append(++flushSequence, new RedoLog.RedoBatch(keys, images), flushedAdapter));
    }

    private Behavior<Command> onFlushed(Flushed flushed) {
        long lowWatermark = settings.snapshots().lowWatermark();
        List<LockTable.Waiter> granted = new ArrayList<>();
        for (PendingCommit pending : flushing) {
            long commitTs = settings.timestamps().nextCommit();
            for (Key key : pending.keys()) {
                rows.stamp(key, commitTs, lowWatermark);
                granted.addAll(locks.release(key));
            }
            pending.replyTo().tell(new Partition.Written(pending.tag(), pending.count(), List.of()));
        }
        flushing = List.of();
        if (!gathering.isEmpty()) {
            flush();
        }
        redrive(granted);
        return this;
    }

    private Behavior<Command> onAbort(Partition.Abort abort) {
        locks.forget(abort.transactionId());
        Set<Key> keys = writesByTransaction.remove(abort.transactionId());
        if (keys != null) {
            List<LockTable.Waiter> granted = new ArrayList<>();
            for (Key key : keys) {
                rows.undo(key);
                granted.addAll(locks.release(key));
            }
            redrive(granted);
        }
        return this;
    }

    /** Requests whose lock was released run again from the start (their rows may have changed). */
    private void redrive(List<LockTable.Waiter> granted) {
        for (LockTable.Waiter waiter : granted) {
            onWrite(waiter.write());
        }
        if (locks.isEmpty()) {
            timers.cancel(LockTimeoutTick.INSTANCE);
        }
    }

    private Behavior<Command> onLockTimeoutTick() {
        for (LockTable.Waiter w : locks.expire(System.nanoTime())) {
            w.write().replyTo().tell(new Partition.Failed(w.write().tag(), EngineException.lockWaitTimeout(
                    "lock wait timeout (" + settings.lockWaitTimeout().toMillis() + " ms) in " + table.name())));
        }
        if (locks.isEmpty()) {
            timers.cancel(LockTimeoutTick.INSTANCE);
        }
        return this;
    }

    private Behavior<Command> onAddIndex(Partition.AddIndex add) {
        table = add.table();
        rows.addIndex(add.table());
        add.replyTo().tell(new Partition.Written(add.tag(), rows.size(), List.of()));
        return this;
    }

    /**
     * The journal refused a write: what was being committed is not durable. Fail those commits and
     * stop; the next request starts the partition again from what the journal has.
     */
    private Behavior<Command> onRedoLogStopped() {
        getContext().getLog().error("partition {}: redo log stopped (journal failure); failing {} commits and restarting",
                partitionId, flushing.size() + gathering.size());
        EngineException error = new EngineException("58030", "the redo log of partition " + partitionId
                + " failed; the transaction was not committed");
        for (PendingCommit pending : flushing) {
            pending.replyTo().tell(new Partition.Failed(pending.tag(), error));
        }
        for (PendingCommit pending : gathering) {
            pending.replyTo().tell(new Partition.Failed(pending.tag(), error));
        }
        return Behaviors.stopped();
    }
}
