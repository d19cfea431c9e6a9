package io.boreal.sharding;

import java.util.HashMap;
import java.util.Map;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.pattern.StatusReply;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.RecoveryCompleted;
import akka.persistence.typed.javadsl.CommandHandlerWithReply;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import akka.persistence.typed.javadsl.ReplyEffect;
import akka.persistence.typed.javadsl.SignalHandler;
import io.boreal.storage.EngineException;
import io.boreal.storage.schema.IndexDef;
import io.boreal.storage.schema.TableDef;
import io.boreal.transport.kryo.KryoMessage;

/**
 * The cluster's catalog: table definitions, the AUTO_INCREMENT reservations and the node
 * incarnations, kept durable as events by one cluster singleton. Every node keeps a copy, its
 * {@link CatalogView}, which subscribes here: after every change (and after recovery) the catalog
 * sends each view an immutable {@link Snapshot}, which sessions and partitions then read without
 * asking — DDL is rare, lookups are on every statement.
 *
 * <pre>
 *   DDL ──► persist event ──► Changed(snapshot) to every view ──► every view Applied ──► reply
 * </pre>
 *
 * <p>Invariants: a table id is never reused, so a table dropped and created again starts with
 * empty partitions; a DDL statement is acknowledged only once its event is durable and every
 * node's view has applied it (a node that leaves the cluster meanwhile is no longer waited for);
 * incarnations are counted cluster-wide, so transaction ids (which carry one) are unique across
 * nodes as well as across restarts.
 */
public final class Catalog extends EventSourcedBehaviorWithEnforcedReplies<Catalog.Command, Catalog.Event, Catalog.State> {

    public interface Command extends KryoMessage {
    }

    /** Creates a table; {@code table.id()} is ignored (the catalog assigns it). */
    public record CreateTable(TableDef table, boolean ifNotExists, ActorRef<StatusReply<TableDef>> replyTo)
            implements Command {
    }

    public record DropTable(String name, boolean ifExists, ActorRef<StatusReply<TableDef>> replyTo)
            implements Command {
    }

    /** Adds a secondary index to a table; answered with the new definition. */
    public record AddIndex(String table, IndexDef index, ActorRef<StatusReply<TableDef>> replyTo)
            implements Command {
    }

    /**
     * Hands one node a block of {@code count} AUTO_INCREMENT values of a table, above
     * {@code atLeast} and above every block handed out before (to any node), durable as handed
     * out; answered with the block's last value.
     */
    public record ReserveAutoIncrement(long tableId, long count, long atLeast, ActorRef<StatusReply<Long>> replyTo)
            implements Command {
    }

    public interface Event extends KryoMessage {
    }

    public record TableCreated(TableDef table) implements Event {
    }

    public record TableDropped(long tableId) implements Event {
    }

    public record IndexAdded(long tableId, IndexDef index) implements Event {
    }

    public record AutoIncrementReserved(long tableId, long upTo) implements Event {
    }

    /**
     * The node starts again: answered with its incarnation number, one more than the last one
     * recorded (1 on a fresh database), once that is durable. Transaction ids carry it, so ids
     * never repeat across restarts (transaction records and prepared redo records name them).
     */
    public record StartIncarnation(ActorRef<StatusReply<Long>> replyTo) implements Command {
    }

    public record Incarnated(long incarnation) implements Event {
    }

    /** A node's view asks for every snapshot from now on (the current one first). */
    public record Subscribe(ActorRef<CatalogView.Command> view) implements Command {
    }

    /** A view has applied the snapshot of {@code version}. */
    public record Applied(long version, ActorRef<CatalogView.Command> view) implements Command {
    }

    private record ViewGone(ActorRef<CatalogView.Command> view) implements Command {
    }

    /** What the catalog knows at one moment. Immutable. */
    public record Snapshot(Map<String, TableDef> byName, Map<Long, TableDef> byId,
                           Map<Long, Long> autoIncrementReserved, long version) {

        static final Snapshot EMPTY = new Snapshot(Map.of(), Map.of(), Map.of(), 0);

        public TableDef table(String name) {
            return byName.get(name);
        }
    }

    /** The catalog's state: mutable maps, changed only by the event handler. */
    static final class State {
        final Map<String, TableDef> byName = new HashMap<>();
        final Map<Long, TableDef> byId = new HashMap<>();
        final Map<Long, Long> reserved = new HashMap<>();
        long lastTableId;
        long version;
        long incarnation;

        Snapshot snapshot() {
            return new Snapshot(Map.copyOf(byName), Map.copyOf(byId), Map.copyOf(reserved), version);
        }
    }

    private final ActorContext<Command> context;
    private final CatalogReplicas replicas;

    private Catalog(ActorContext<Command> context) {
        super(PersistenceId.ofUniqueId("catalog"));
        this.context = context;
        this.replicas = new CatalogReplicas(context.getSelf());
    }

    /** The catalog singleton's behavior. */
    public static Behavior<Command> create() {
        return Behaviors.setup(Catalog::new);
    }

    @Override
    public State emptyState() {
        return new State();
    }

    @Override
    public CommandHandlerWithReply<Command, Event, State> commandHandler() {
        return newCommandHandlerWithReplyBuilder().forAnyState()
                .onCommand(CreateTable.class, this::onCreate)
                .onCommand(DropTable.class, this::onDrop)
                .onCommand(AddIndex.class, this::onAddIndex)
                .onCommand(ReserveAutoIncrement.class, this::onReserve)
                .onCommand(StartIncarnation.class, (state, start) -> Effect()
                        .persist(new Incarnated(state.incarnation + 1))
                        .thenReply(start.replyTo(), s -> StatusReply.success(s.incarnation)))
                .onCommand(Subscribe.class, this::onSubscribe)
                .onCommand(Applied.class, (state, applied) -> {
                    replicas.applied(applied.view(), applied.version());
                    return Effect().noReply();
                })
                .onCommand(ViewGone.class, (state, gone) -> {
                    replicas.gone(gone.view());
                    return Effect().noReply();
                })
                .build();
    }

    private ReplyEffect<Event, State> onSubscribe(State state, Subscribe subscribe) {
        if (replicas.add(subscribe.view(), state.snapshot())) {
            context.watchWith(subscribe.view(), new ViewGone(subscribe.view()));
        }
        return Effect().noReply();
    }

    /** Persists a schema change, then replies once every view has applied it. */
    private ReplyEffect<Event, State> changeSchema(Event event, ActorRef<StatusReply<TableDef>> replyTo,
                                                   java.util.function.Function<State, TableDef> reply) {
        return Effect().persist(event)
                .thenRun((State s) -> {
                    StatusReply<TableDef> answer = StatusReply.success(reply.apply(s));
                    replicas.publish(s.snapshot(), () -> replyTo.tell(answer));
                })
                .thenNoReply();
    }

    private ReplyEffect<Event, State> onCreate(State state, CreateTable create) {
        TableDef existing = state.byName.get(create.table().name());
        if (existing != null) {
            return create.ifNotExists()
                    ? Effect().reply(create.replyTo(), StatusReply.success(existing))
                    : Effect().reply(create.replyTo(), StatusReply.error(new EngineException("42S01",
                    "table '" + create.table().name() + "' already exists")));
        }
        TableDef t = create.table();
        TableDef withId = new TableDef(state.lastTableId + 1, t.name(), t.columns(), t.primaryKey(), t.indexes(),
                t.partitioning());
        return changeSchema(new TableCreated(withId), create.replyTo(), s -> withId);
    }

    private ReplyEffect<Event, State> onDrop(State state, DropTable drop) {
        TableDef existing = state.byName.get(drop.name());
        if (existing == null) {
            return drop.ifExists()
                    ? Effect().reply(drop.replyTo(), StatusReply.success(null))
                    : Effect().reply(drop.replyTo(), StatusReply.error(EngineException.unknownTable(drop.name())));
        }
        return changeSchema(new TableDropped(existing.id()), drop.replyTo(), s -> existing);
    }

    private ReplyEffect<Event, State> onAddIndex(State state, AddIndex add) {
        TableDef table = state.byName.get(add.table());
        if (table == null) {
            return Effect().reply(add.replyTo(), StatusReply.error(EngineException.unknownTable(add.table())));
        }
        if (table.indexes().stream().anyMatch(i -> i.name().equals(add.index().name()))) {
            return Effect().reply(add.replyTo(), StatusReply.error(new EngineException("42S11",
                    "index '" + add.index().name() + "' already exists on " + table.name())));
        }
        return changeSchema(new IndexAdded(table.id(), add.index()), add.replyTo(), s -> s.byId.get(table.id()));
    }

    private ReplyEffect<Event, State> onReserve(State state, ReserveAutoIncrement reserve) {
        if (!state.byId.containsKey(reserve.tableId())) {
            return Effect().reply(reserve.replyTo(), StatusReply.error(EngineException.unknownTable("#" + reserve.tableId())));
        }
        long upTo = Math.max(state.reserved.getOrDefault(reserve.tableId(), 0L), reserve.atLeast()) + reserve.count();
        return Effect().persist(new AutoIncrementReserved(reserve.tableId(), upTo))
                .thenRun(this::publish)
                .thenReply(reserve.replyTo(), s -> StatusReply.success(upTo));
    }

    private void publish(State state) {
        replicas.publish(state.snapshot(), null);
    }

    @Override
    public EventHandler<State, Event> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onEvent(TableCreated.class, (state, e) -> {
                    state.byName.put(e.table().name(), e.table());
                    state.byId.put(e.table().id(), e.table());
                    state.lastTableId = Math.max(state.lastTableId, e.table().id());
                    state.version++;
                    return state;
                })
                .onEvent(TableDropped.class, (state, e) -> {
                    TableDef dropped = state.byId.remove(e.tableId());
                    state.byName.remove(dropped.name());
                    state.reserved.remove(e.tableId());
                    state.version++;
                    return state;
                })
                .onEvent(IndexAdded.class, (state, e) -> {
                    TableDef changed = state.byId.get(e.tableId()).withIndex(e.index());
                    state.byId.put(changed.id(), changed);
                    state.byName.put(changed.name(), changed);
                    state.version++;
                    return state;
                })
                .onEvent(AutoIncrementReserved.class, (state, e) -> {
                    state.reserved.merge(e.tableId(), e.upTo(), Math::max);
                    return state;
                })
                .onEvent(Incarnated.class, (state, e) -> {
                    state.incarnation = Math.max(state.incarnation, e.incarnation());
                    return state;
                })
                .build();
    }

    @Override
    public SignalHandler<State> signalHandler() {
        return newSignalHandlerBuilder()
                .onSignal(RecoveryCompleted.instance(), this::publish)
                .build();
    }
}
