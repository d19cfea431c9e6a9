package io.boreal.storage.journal;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.javadsl.CommandHandler;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehavior;

/** Persists one 100-byte event per {@code Add}; its state is the number of its events. */
final class CountingEntity extends EventSourcedBehavior<CountingEntity.Command, String, Long> {
    interface Command {
    }

    record Add(ActorRef<Done> replyTo) implements Command {
    }

    record GetCount(ActorRef<Long> replyTo) implements Command {
    }

    static final String EVENT = "x".repeat(100);
    private final String pluginId;

    private CountingEntity(String pid, String pluginId) {
        super(PersistenceId.ofUniqueId(pid));
        this.pluginId = pluginId;
    }

    static Behavior<Command> create(String pid, String pluginId) {
        return new CountingEntity(pid, pluginId);
    }

    @Override
    public String journalPluginId() {
        return pluginId;
    }

    @Override
    public Long emptyState() {
        return 0L;
    }

    @Override
    public CommandHandler<Command, String, Long> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
            .onCommand(Add.class, (state, c) -> Effect().persist(EVENT)
                .thenRun(s -> c.replyTo().tell(Done.getInstance())))
            .onCommand(GetCount.class, (state, c) -> Effect().none().thenRun(s -> c.replyTo().tell(s)))
            .build();
    }

    @Override
    public EventHandler<Long, String> eventHandler() {
        return newEventHandlerBuilder().forAnyState().onAnyEvent((state, e) -> state + 1);
    }
}
