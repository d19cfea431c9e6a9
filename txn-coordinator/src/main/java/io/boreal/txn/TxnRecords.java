package io.boreal.txn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.javadsl.CommandHandler;
import akka.persistence.typed.javadsl.Effect;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehavior;
import io.boreal.transport.kryo.KryoMessage;

/**
 * The records of the node's cross-partition transactions: the durable decision of each
 * two-phase commit. The coordinator asks to record COMMIT once every participant has
 * prepared; a participant that recovers with a prepared transaction and no outcome asks to
 * record ABORT. The first decision recorded wins and is the answer to both (presumed abort: a
 * transaction with no record never committed).
 *
 * <p>Decisions arriving while a write is in flight are gathered into the next one, so the
 * typed-persistence stash never fills and many commits share one journal write.
 *
 * <p>Invariant: a decision, once recorded, never changes; nobody hears a decision before it
 * is durable.
 */
public final class TxnRecords extends EventSourcedBehavior<TxnRecords.Command, TxnRecords.Decided, TxnRecords.State> {

    public interface Command {
    }

    /** Record {@code commit} for {@code transactionId} unless a decision exists; answered with the one that stands. */
    public record Decide(long transactionId, boolean commit, ActorRef<Decision> replyTo) implements Command {
    }

    public record Decision(long transactionId, boolean commit) {
    }

    private record Written(List<Decide> batch) implements Command {
    }

    /** The event: decisions recorded together. */
    public record Decided(long[] transactionIds, boolean[] commits) implements KryoMessage {
    }

    /** The decisions, and the requests gathered while a write is in flight. */
    static final class State {
        final Map<Long, Boolean> decisions = new HashMap<>();
        List<Decide> gathering = new ArrayList<>();
        boolean writing;
    }

    public static Behavior<Command> create(String persistenceId) {
        return akka.actor.typed.javadsl.Behaviors.setup(context -> new TxnRecords(persistenceId, context.getSelf()));
    }

    private final ActorRef<Command> self;

    private TxnRecords(String persistenceId, ActorRef<Command> self) {
        super(PersistenceId.ofUniqueId(persistenceId));
        this.self = self;
    }

    @Override
    public State emptyState() {
        return new State();
    }

    @Override
    public CommandHandler<Command, Decided, State> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(Decide.class, this::onDecide)
                .onCommand(Written.class, this::onWritten)
                .build();
    }

    private Effect<Decided, State> onDecide(State state, Decide decide) {
        Boolean known = state.decisions.get(decide.transactionId());
        if (known != null) {
            decide.replyTo().tell(new Decision(decide.transactionId(), known));
            return Effect().none();
        }
        state.gathering.add(decide);
        return state.writing ? Effect().none() : write(state);
    }

    private Effect<Decided, State> write(State state) {
        List<Decide> batch = state.gathering;
        state.gathering = new ArrayList<>();
        state.writing = true;
        Map<Long, Boolean> first = new HashMap<>();
        for (Decide d : batch) {
            first.putIfAbsent(d.transactionId(), d.commit());
        }
        long[] ids = new long[first.size()];
        boolean[] commits = new boolean[first.size()];
        int i = 0;
        for (Map.Entry<Long, Boolean> e : first.entrySet()) {
            ids[i] = e.getKey();
            commits[i++] = e.getValue();
        }
        return Effect().persist(new Decided(ids, commits)).thenRun(s -> self.tell(new Written(batch)));
    }

    private Effect<Decided, State> onWritten(State state, Written written) {
        for (Decide d : written.batch()) {
            d.replyTo().tell(new Decision(d.transactionId(), state.decisions.get(d.transactionId())));
        }
        state.writing = false;
        return state.gathering.isEmpty() ? Effect().none() : write(state);
    }

    @Override
    public EventHandler<State, Decided> eventHandler() {
        return newEventHandlerBuilder().forAnyState().onEvent(Decided.class, (state, event) -> {
            for (int i = 0; i < event.transactionIds().length; i++) {
                state.decisions.putIfAbsent(event.transactionIds()[i], event.commits()[i]);
            }
            return state;
        }).build();
    }
}
