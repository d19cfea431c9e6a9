package io.boreal.storage.impl;

import java.util.List;

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
 * A partition's redo log: a persistent actor whose events are batches of committed row images,
 * the images of transactions prepared here for a two-phase commit, and their outcomes.
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
        extends EventSourcedBehaviorWithEnforcedReplies<RedoLog.Command, RedoLog.RedoEvent, RedoLog.Replay> {

    public interface Command {
    }

    /** Makes {@code events} durable in one journal write; answered with {@link Appended} carrying {@code sequence}. */
    public record Append(long sequence, List<RedoEvent> events, ActorRef<Appended> replyTo) implements Command {
    }

    public record Appended(long sequence) {
    }

    /**
     * Once, at the end of recovery: the rows as of the last durable commit, and the transactions
     * prepared here whose outcome the log does not hold (in doubt: their records decide).
     */
    public record Recovered(ReplayedRows replayed) {
    }

    /** What the log holds. */
    public sealed interface RedoEvent extends KryoMessage {
    }

    /**
     * Committed row images, {@code rows.get(i)} being the new values of {@code keys.get(i)} or
     * null for a deletion. Later images of a key replace earlier ones.
     */
    public record RedoBatch(List<Key> keys, List<Object[]> rows) implements RedoEvent {
    }

    /** The images of a transaction prepared here, to apply if it commits. */
    public record Prepared(long transactionId, List<Key> keys, List<Object[]> rows) implements RedoEvent {
    }

    /** The outcome of a transaction prepared here. */
    public record Outcome(long transactionId, boolean commit) implements RedoEvent {
    }

    /** The rows being rebuilt during recovery; emptied once handed over. */
    static final class Replay {
        ReplayedRows rows = new ReplayedRows();
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
    public CommandHandlerWithReply<Command, RedoEvent, Replay> commandHandler() {
        return newCommandHandlerWithReplyBuilder().forAnyState()
                .onCommand(Append.class, this::onAppend)
                .build();
    }

    private ReplyEffect<RedoEvent, Replay> onAppend(Append append) {
        return Effect().persist(append.events()).thenReply(append.replyTo(), s -> new Appended(append.sequence()));
    }

    @Override
    public EventHandler<Replay, RedoEvent> eventHandler() {
        return newEventHandlerBuilder().forAnyState().onAnyEvent(RedoLog::apply);
    }

    private static Replay apply(Replay state, RedoEvent event) {
        if (state.handedOver) {
            return state; // live appends: the partition already has these rows
        }
        if (event instanceof RedoBatch batch) {
            state.rows.committed(batch.keys(), batch.rows());
        } else if (event instanceof Prepared prepared) {
            state.rows.prepared(prepared);
        } else if (event instanceof Outcome outcome) {
            state.rows.decided(outcome.transactionId(), outcome.commit());
        }
        return state;
    }

    @Override
    public SignalHandler<Replay> signalHandler() {
        return newSignalHandlerBuilder()
                .onSignal(RecoveryCompleted.instance(), state -> {
                    partition.tell(new Recovered(state.rows));
                    state.rows = null;
                    state.handedOver = true;
                })
                .build();
    }
}
