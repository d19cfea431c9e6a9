package io.boreal.storage.impl;

import java.util.List;
import java.util.TreeMap;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.RecoveryCompleted;
import akka.persistence.typed.javadsl.CommandHandlerWithReply;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import akka.persistence.typed.javadsl.ReplyEffect;
import akka.persistence.typed.javadsl.SignalHandler;
import io.boreal.storage.Key;
import io.boreal.transport.kryo.KryoMessage;

/**
 * A partition's redo log: a persistent actor whose events are batches of committed row images.
 *
 * <p>Its only writer is the partition, which sends the next {@link Append} only after the
 * previous one is {@link Appended}, gathering every commit that arrives meanwhile into that next
 * batch. So the stash that a typed persistent actor keeps while it persists never fills, and a
 * partition makes one journal write per batch, not per commit (DESIGN.md, the stash pitfall);
 * the journal in turn gathers many partitions' writes into one fsync.
 *
 * <p>Recovery replays the batches into the rows as of the last durable commit and hands them to
 * the partition in one {@link Recovered} message; after that the actor keeps no state.
 */
public final class RedoLog
        extends EventSourcedBehaviorWithEnforcedReplies<RedoLog.Command, RedoLog.RedoBatch, RedoLog.Replay> {

    public interface Command {
    }

    /** Makes {@code batch} durable; answered with {@link Appended} carrying {@code sequence}. */
    public record Append(long sequence, RedoBatch batch, ActorRef<Appended> replyTo) implements Command {
    }

    public record Appended(long sequence) {
    }

    /** The rows as of the last durable commit, once, at the end of recovery. */
    public record Recovered(TreeMap<Key, Object[]> rows) {
    }

    /**
     * The event: committed row images, {@code rows.get(i)} being the new values of
     * {@code keys.get(i)} or null for a deletion. Later images of a key replace earlier ones.
     */
    public record RedoBatch(List<Key> keys, List<Object[]> rows) implements KryoMessage {
    }

    /** The rows being rebuilt during recovery; emptied once handed over. */
    static final class Replay {
        TreeMap<Key, Object[]> rows = new TreeMap<>();
        boolean handedOver;
    }

    private final ActorRef<Recovered> partition;

    private RedoLog(String persistenceId, ActorRef<Recovered> partition) {
        super(PersistenceId.ofUniqueId(persistenceId));
        this.partition = partition;
    }

    public static Behavior<Command> create(String persistenceId, ActorRef<Recovered> partition) {
        return new RedoLog(persistenceId, partition);
    }

    @Override
    public Replay emptyState() {
        return new Replay();
    }

    @Override
    public CommandHandlerWithReply<Command, RedoBatch, Replay> commandHandler() {
        return newCommandHandlerWithReplyBuilder().forAnyState()
                .onCommand(Append.class, this::onAppend)
                .build();
    }

    private ReplyEffect<RedoBatch, Replay> onAppend(Append append) {
        return Effect().persist(append.batch()).thenReply(append.replyTo(), s -> new Appended(append.sequence()));
    }

    @Override
    public EventHandler<Replay, RedoBatch> eventHandler() {
        return newEventHandlerBuilder().forAnyState().onEvent(RedoBatch.class, RedoLog::apply).build();
    }

    private static Replay apply(Replay state, RedoBatch batch) {
        if (state.handedOver) {
            return state; // live appends: the partition already has these rows
        }
        for (int i = 0; i < batch.keys().size(); i++) {
            Object[] row = batch.rows().get(i);
            if (row == null) {
                state.rows.remove(batch.keys().get(i));
            } else {
                state.rows.put(batch.keys().get(i), row);
            }
        }
        return state;
    }

    @Override
    public SignalHandler<Replay> signalHandler() {
        return newSignalHandlerBuilder()
                .onSignal(RecoveryCompleted.instance(), state -> {
                    partition.tell(new Recovered(state.rows));
                    state.rows = new TreeMap<>();
                    state.handedOver = true;
                })
                .build();
    }
}
