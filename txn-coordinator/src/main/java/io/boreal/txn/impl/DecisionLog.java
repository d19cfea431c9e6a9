package io.boreal.txn.impl;

import java.util.HashMap;
import java.util.Map;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.RecoveryCompleted;
import akka.persistence.typed.javadsl.CommandHandlerWithReply;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import akka.persistence.typed.javadsl.ReplyEffect;
import akka.persistence.typed.javadsl.SignalHandler;
import io.boreal.transport.kryo.KryoMessage;

/**
 * The durable half of {@code TxnRecords}: a persistent actor whose events are batches of
 * decisions (and of decisions no participant needs any more).
 *
 * <p>Its only writer is {@code TxnRecords}, which sends the next {@link Append} only after the
 * previous one is answered and the log has {@link Recovered}; so the stash a typed persistent
 * actor keeps while it writes never holds a command (DESIGN.md, the stash pitfall).
 */
public final class DecisionLog extends EventSourcedBehaviorWithEnforcedReplies<DecisionLog.Command,
        DecisionLog.Event, DecisionLog.Replay> {

    public interface Command {
    }

    /** Makes {@code batch} durable; answered with {@link Appended}. */
    public record Append(Decided batch, ActorRef<Appended> replyTo) implements Command {
    }

    public enum Appended { INSTANCE }

    /** What the log holds: batches of decisions. */
    public sealed interface Event extends KryoMessage permits Decided, DecidedWithoutTimestamps {
    }

    /**
     * The event. {@code ids[i]} was decided {@code commits[i]} at {@code commitTimestamps[i]}
     * (0: none recorded), with {@code participants[i]} partitions still to log its outcome; the
     * decisions of {@code forgotten} are needed no more.
     */
    public record Decided(long[] ids, boolean[] commits, int[] participants, long[] commitTimestamps,
                          long[] forgotten) implements Event {
    }

    /** The event as logs written before decisions carried commit timestamps hold it: replayed, never written. */
    public record DecidedWithoutTimestamps(long[] ids, boolean[] commits, int[] participants, long[] forgotten)
            implements Event {
    }

    /** A decision as recovery rebuilds it. */
    public record Entry(boolean commit, int participants, long commitTs) {
    }

    /** The decisions still needed, once, at the end of recovery. */
    public record Recovered(Map<Long, Entry> decisions) {
    }

    static final class Replay {
        Map<Long, Entry> decisions = new HashMap<>();
    }

    private final ActorRef<Recovered> owner;

    private DecisionLog(String persistenceId, ActorRef<Recovered> owner) {
        super(PersistenceId.ofUniqueId(persistenceId));
        this.owner = owner;
    }

    public static Behavior<Command> create(String persistenceId, ActorRef<Recovered> owner) {
        return new DecisionLog(persistenceId, owner);
    }

    @Override
    public Replay emptyState() {
        return new Replay();
    }

    @Override
    public CommandHandlerWithReply<Command, Event, Replay> commandHandler() {
        return newCommandHandlerWithReplyBuilder().forAnyState()
                .onCommand(Append.class, append -> Effect().persist(append.batch())
                        .thenReply(append.replyTo(), s -> Appended.INSTANCE))
                .build();
    }

    @Override
    public EventHandler<Replay, Event> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onEvent(Decided.class, (state, e) ->
                        replay(state, e.ids(), e.commits(), e.participants(), e.commitTimestamps(), e.forgotten()))
                .onEvent(DecidedWithoutTimestamps.class, (state, e) ->
                        replay(state, e.ids(), e.commits(), e.participants(), new long[e.ids().length], e.forgotten()))
                .build();
    }

    private static Replay replay(Replay state, long[] ids, boolean[] commits, int[] participants,
                                 long[] commitTimestamps, long[] forgotten) {
        if (state.decisions == null) {
            return state; // live appends: the owner keeps the decisions
        }
        for (long id : forgotten) { // forgotten before this event's decisions were taken
            state.decisions.remove(id);
        }
        for (int i = 0; i < ids.length; i++) {
            state.decisions.putIfAbsent(ids[i], new Entry(commits[i], participants[i], commitTimestamps[i]));
        }
        return state;
    }

    @Override
    public SignalHandler<Replay> signalHandler() {
        return newSignalHandlerBuilder()
                .onSignal(RecoveryCompleted.instance(), state -> {
                    owner.tell(new Recovered(state.decisions));
                    state.decisions = null;
                })
                .build();
    }
}
