package io.boreal.storage.journal;

import java.util.ArrayList;
import java.util.List;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.javadsl.CommandHandler;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehavior;

/** A persistent actor whose state is the list of its events: {@code persist} and {@code persistAll} through a journal. */
public final class EventLogEntity extends EventSourcedBehavior<EventLogEntity.Command, Object, List<Object>> {

    public interface Command {
    }

    /** Persists the events as one AtomicWrite (one event: {@code persist}; several: {@code persistAll}). */
    public record Append(List<Object> events, ActorRef<Done> replyTo) implements Command {
    }

    public record GetEvents(ActorRef<List<Object>> replyTo) implements Command {
    }

    private final String journalPluginId;

    private EventLogEntity(String persistenceId, String journalPluginId) {
        super(PersistenceId.ofUniqueId(persistenceId));
        this.journalPluginId = journalPluginId;
    }

    public static Behavior<Command> create(String persistenceId, String journalPluginId) {
        return new EventLogEntity(persistenceId, journalPluginId);
    }

    @Override
    public String journalPluginId() {
        return journalPluginId;
    }

    @Override
    public List<Object> emptyState() {
        return List.of();
    }

    @Override
    public CommandHandler<Command, Object, List<Object>> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
            .onCommand(Append.class, (state, c) -> (c.events().size() == 1
                ? Effect().persist(c.events().get(0))
                : Effect().persist(c.events()))
                .thenRun(s -> c.replyTo().tell(Done.getInstance())))
            .onCommand(GetEvents.class, (state, c) -> Effect().none().thenRun(s -> c.replyTo().tell(s)))
            .build();
    }

    @Override
    public EventHandler<List<Object>, Object> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
            .onAnyEvent((state, event) -> {
                List<Object> next = new ArrayList<>(state.size() + 1);
                next.addAll(state);
                next.add(event);
                return next;
            });
    }
}
