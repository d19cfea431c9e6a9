package io.boreal.txn.impl;

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
 * The timestamp oracle's durable high-water mark: a persistent actor whose events are
 * {@link Reserved} marks, each at least the one before.
 *
 * <p>Its only writer is the {@code TimestampOracle}, which sends the next {@link Reserve} only
 * after the previous one is answered and nothing before it has {@link Recovered}. So the stash a
 * typed persistent actor keeps during recovery and writes never holds a command (DESIGN.md, the
 * stash pitfall); the oracle gathers the leases meanwhile.
 */
public final class HighWaterLog
        extends EventSourcedBehaviorWithEnforcedReplies<HighWaterLog.Command, HighWaterLog.Reserved, HighWaterLog.Mark> {

    public interface Command {
    }

    /** Makes {@code highWater} durable; answered with the {@link Reserved} mark once it is. */
    public record Reserve(long highWater, ActorRef<Reserved> replyTo) implements Command {
    }

    /** The event, and the answer to {@link Reserve}: timestamps up to {@code highWater} may be issued. */
    public record Reserved(long highWater) implements KryoMessage {
    }

    /** The durable mark (0: none yet), once, at the end of recovery. */
    public record Recovered(long highWater) {
    }

    record Mark(long highWater) {
    }

    private final ActorRef<Recovered> owner;

    private HighWaterLog(String persistenceId, ActorRef<Recovered> owner) {
        super(PersistenceId.ofUniqueId(persistenceId));
        this.owner = owner;
    }

    public static Behavior<Command> create(String persistenceId, ActorRef<Recovered> owner) {
        return new HighWaterLog(persistenceId, owner);
    }

    @Override
    public Mark emptyState() {
        return new Mark(0);
    }

    @Override
    public CommandHandlerWithReply<Command, Reserved, Mark> commandHandler() {
        return newCommandHandlerWithReplyBuilder().forAnyState()
                .onCommand(Reserve.class, this::onReserve)
                .build();
    }

    private ReplyEffect<Reserved, Mark> onReserve(Mark mark, Reserve reserve) {
        if (reserve.highWater() <= mark.highWater()) {
            return Effect().reply(reserve.replyTo(), new Reserved(mark.highWater()));
        }
        return Effect().persist(new Reserved(reserve.highWater()))
                .thenReply(reserve.replyTo(), m -> new Reserved(m.highWater()));
    }

    @Override
    public EventHandler<Mark, Reserved> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onEvent(Reserved.class, (mark, e) -> new Mark(Math.max(mark.highWater(), e.highWater())))
                .build();
    }

    @Override
    public SignalHandler<Mark> signalHandler() {
        return newSignalHandlerBuilder()
                .onSignal(RecoveryCompleted.instance(), mark -> owner.tell(new Recovered(mark.highWater())))
                .build();
    }
}
