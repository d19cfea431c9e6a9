package io.boreal.txn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import io.boreal.txn.impl.DecisionLog;

/**
 * The records of the node's cross-partition transactions: the durable decision of each
 * two-phase commit. The coordinator asks to record COMMIT once every participant has
 * prepared; a participant that recovers with a prepared transaction and no outcome asks to
 * record ABORT. The first decision recorded wins and is the answer to both (presumed abort: a
 * transaction with no record never committed).
 *
 * <p>A COMMIT is kept until every participant has logged the outcome ({@link Resolved}): then
 * no recovery can ask for it, and it is forgotten (the next write logs that too), so the
 * records hold only the decisions still needed. A recorded ABORT is kept.
 *
 * <p>Why two actors, as the {@link TimestampOracle}: this one never persists, so it can gather
 * every request that arrives while a write is in flight into the next write, however many;
 * {@link DecisionLog} is sent one write at a time, so its persistence stash stays empty. If the
 * log stops (a journal failure), this actor fails too (death pact).
 *
 * <p>Invariant: a decision, once recorded, never changes; nobody hears a decision before it is
 * durable.
 */
public final class TxnRecords {

    /** What the records are told; a partition on another node than the coordinator's sends it too. */
    public interface Command extends io.boreal.transport.kryo.KryoMessage {
    }

    /**
     * Records {@code commit} for {@code transactionId}, written in {@code participants}
     * partitions, at {@code commitTs} (0: its coordinator takes the timestamp after the
     * decision), unless a decision exists; answered with the one that stands.
     */
    public record Decide(long transactionId, boolean commit, int participants, long commitTs,
                         ActorRef<Decision> replyTo) implements Command {
    }

    /** The decision that stands; {@code commitTs} is the commit timestamp it was recorded with, or 0. */
    public record Decision(long transactionId, boolean commit, long commitTs)
            implements io.boreal.transport.kryo.KryoMessage {
    }

    /** A participant has logged the outcome of {@code transactionId} durably. */
    public record Resolved(long transactionId) implements Command {
    }

    private record LogRecovered(Map<Long, DecisionLog.Entry> decisions) implements Command {
    }

    private enum LogAppended implements Command { INSTANCE }

    private static final class Record {
        final boolean commit;
        final long commitTs;
        int participants;

        Record(boolean commit, int participants, long commitTs) {
            this.commit = commit;
            this.participants = participants;
            this.commitTs = commitTs;
        }

        Decision decision(long transactionId) {
            return new Decision(transactionId, commit, commitTs);
        }
    }

    private final ActorRef<DecisionLog.Command> log;
    private final ActorRef<DecisionLog.Appended> appended;
    private final Map<Long, Record> decisions = new HashMap<>();
    /** Requests for a decision not yet durable: gathered while a write is in flight. */
    private List<Decide> gathering = new ArrayList<>();
    private List<Decide> inFlight = List.of();
    /** The decisions being written: they stand once durable. */
    private Map<Long, Decide> writingDecisions = Map.of();
    private List<Long> forgotten = new ArrayList<>();
    private boolean writing;

    private TxnRecords(ActorContext<Command> context, String persistenceId) {
        this.appended = context.messageAdapter(DecisionLog.Appended.class, a -> LogAppended.INSTANCE);
        ActorRef<DecisionLog.Recovered> recovered =
                context.messageAdapter(DecisionLog.Recovered.class, r -> new LogRecovered(r.decisions()));
        this.log = context.spawn(DecisionLog.create(persistenceId, recovered), "decision-log");
        context.watch(log); // Terminated is not handled: a death pact
    }

    public static Behavior<Command> create(String persistenceId) {
        return Behaviors.setup(context -> new TxnRecords(context, persistenceId).recovering());
    }

    private Behavior<Command> recovering() {
        List<Command> early = new ArrayList<>();
        return Behaviors.receive(Command.class)
                .onMessage(LogRecovered.class, r -> {
                    r.decisions().forEach((id, e) -> decisions.put(id, new Record(e.commit(), e.participants(), e.commitTs())));
                    Behavior<Command> serving = serving();
                    for (Command c : early) {
                        handle(c);
                    }
                    return serving;
                })
                .onAnyMessage(c -> {
                    early.add(c);
                    return Behaviors.same();
                })
                .build();
    }

    private Behavior<Command> serving() {
        return Behaviors.receive(Command.class)
                .onMessage(LogAppended.class, a -> {
                    onAppended();
                    return Behaviors.same();
                })
                .onAnyMessage(c -> {
                    handle(c);
                    return Behaviors.same();
                })
                .build();
    }

    private void handle(Command command) {
        if (command instanceof Decide decide) {
            Record known = decisions.get(decide.transactionId());
            if (known != null) {
                decide.replyTo().tell(known.decision(decide.transactionId()));
                return;
            }
            gathering.add(decide);
        } else if (command instanceof Resolved resolved) {
            Record known = decisions.get(resolved.transactionId());
            if (known != null && known.commit && --known.participants <= 0) {
                decisions.remove(resolved.transactionId());
                forgotten.add(resolved.transactionId());
            }
        }
        if (!writing && !gathering.isEmpty()) {
            write();
        }
    }

    /**
     * Writes the decision of every gathered request whose transaction has none yet (the first
     * request per transaction wins) and what was forgotten; requests whose transaction was
     * decided by an earlier write hear that decision now.
     */
    private void write() {
        Map<Long, Decide> first = new LinkedHashMap<>();
        List<Decide> batch = new ArrayList<>();
        for (Decide d : gathering) {
            Record known = decisions.get(d.transactionId());
            if (known != null) {
                d.replyTo().tell(known.decision(d.transactionId()));
            } else {
                first.putIfAbsent(d.transactionId(), d);
                batch.add(d);
            }
        }
        gathering = new ArrayList<>();
        if (batch.isEmpty()) {
            return;
        }
        long[] ids = new long[first.size()];
        boolean[] commits = new boolean[first.size()];
        int[] participants = new int[first.size()];
        long[] commitTimestamps = new long[first.size()];
        int i = 0;
        for (Decide d : first.values()) {
            ids[i] = d.transactionId();
            commits[i] = d.commit();
            commitTimestamps[i] = d.commit() ? d.commitTs() : 0;
            participants[i++] = d.participants();
        }
        long[] gone = forgotten.stream().mapToLong(Long::longValue).toArray();
        log.tell(new DecisionLog.Append(new DecisionLog.Decided(ids, commits, participants, commitTimestamps, gone),
                appended));
        inFlight = batch;
        writingDecisions = first;
        forgotten = new ArrayList<>();
        writing = true;
    }

    /** The write is durable: its decisions stand, and everyone who asked hears the one for them. */
    private void onAppended() {
        writingDecisions.forEach((id, d) ->
                decisions.put(id, new Record(d.commit(), d.participants(), d.commit() ? d.commitTs() : 0)));
        for (Decide d : inFlight) {
            d.replyTo().tell(decisions.get(d.transactionId()).decision(d.transactionId()));
        }
        inFlight = List.of();
        writingDecisions = Map.of();
        writing = false;
        if (!gathering.isEmpty()) {
            write();
        }
    }
}
