package io.boreal.storage.btree;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import io.boreal.storage.Key;

/**
 * One client of a tree, as a SQL session would be: it runs its operations one after another
 * (the next is sent when the previous one answered) and logs, for each, when it was sent, when
 * its answer came ({@link System#nanoTime()}, only to order events causally, never asserted on)
 * and the answer. Many sessions run at once; the test checks their logs against a model.
 */
final class TreeSession {

    /** What a session does. Keys are longs ({@code Key.of(long)}). */
    sealed interface Op permits Insert, Put, Remove, Get, Range {
    }

    record Insert(long key, String value) implements Op {
    }

    record Put(long key, String value) implements Op {
    }

    record Remove(long key) implements Op {
    }

    record Get(long key) implements Op {
    }

    /** A scan of {@code from <= key < to} (null: unbounded), at most {@code limit} (-1: all). */
    record Range(Long from, Long to, int limit) implements Op {
    }

    /**
     * One operation and its answer: the decision's reply for point operations, the scan's chunks
     * (in sequence order) for a {@link Range}.
     */
    record Observation(Op op, long sentNs, long answeredNs, Object reply) {
    }

    /** {@code problems}: protocol breaches seen on the way (a stray or repeated scan chunk). */
    record Log(int session, List<Observation> observations, List<String> problems) {
    }

    interface Command {
    }

    record Start(ActorRef<Log> replyTo) implements Command {
    }

    private record Answered(BTree.Operated operated) implements Command {
    }

    private record ChunkArrived(BTree.ScanChunk chunk) implements Command {
    }

    private final int session;
    private final IndexTree tree;
    private final List<Op> ops;
    private final List<Observation> observations = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final ActorRef<BTree.Operated> operatedAdapter;
    private final ActorRef<BTree.ScanChunk> chunkAdapter;
    private final TreeMap<Integer, BTree.ScanChunk> chunks = new TreeMap<>();
    private ActorRef<Log> replyTo;
    private long sentNs;
    private long scanId = -1;

    private TreeSession(ActorContext<Command> context, int session, IndexTree tree, List<Op> ops) {
        this.session = session;
        this.tree = tree;
        this.ops = ops;
        this.operatedAdapter = context.messageAdapter(BTree.Operated.class, Answered::new);
        this.chunkAdapter = context.messageAdapter(BTree.ScanChunk.class, ChunkArrived::new);
    }

    static Behavior<Command> create(int session, IndexTree tree, List<Op> ops) {
        return Behaviors.setup(context -> new TreeSession(context, session, tree, ops).idle());
    }

    private Behavior<Command> idle() {
        return Behaviors.receive(Command.class)
                .onMessage(Start.class, start -> {
                    replyTo = start.replyTo();
                    return sendNext();
                })
                .build();
    }

    private Behavior<Command> waiting() {
        return Behaviors.receive(Command.class)
                .onMessage(Answered.class, answered -> onAnswered(answered.operated().reply()))
                .onMessage(ChunkArrived.class, arrived -> onChunk(arrived.chunk()))
                .build();
    }

    private Behavior<Command> sendNext() {
        if (observations.size() == ops.size()) {
            replyTo.tell(new Log(session, observations, problems));
            return Behaviors.stopped();
        }
        Op op = ops.get(observations.size());
        sentNs = System.nanoTime();
        if (op instanceof Range range) {
            chunks.clear();
            scanId = ((long) session << 32) | observations.size();
            tree.tell(new BTree.Scan(scanId, key(range.from()), key(range.to()), range.limit(), chunkAdapter, 0));
        } else {
            tree.tell(new BTree.Operate(Key.of(keyOf(op)), decisionOf(op), operatedAdapter));
        }
        return waiting();
    }

    private Behavior<Command> onAnswered(Object reply) {
        observations.add(new Observation(ops.get(observations.size()), sentNs, System.nanoTime(), reply));
        return sendNext();
    }

    /** Chunks may come out of order: the scan is answered once the last one and all before it are in. */
    private Behavior<Command> onChunk(BTree.ScanChunk chunk) {
        if (chunk.scanId() != scanId) {
            problems.add("chunk of scan " + chunk.scanId() + " while scanning " + scanId + ": " + chunk);
            return Behaviors.same();
        }
        if (chunks.put(chunk.sequence(), chunk) != null) {
            problems.add("scan " + scanId + " (" + ops.get(observations.size()) + "): chunk " + chunk.sequence()
                    + " came twice");
        }
        BTree.ScanChunk last = chunks.lastEntry().getValue();
        if (last.done() && chunks.size() == last.sequence() + 1) {
            scanId = -1;
            return onAnswered(List.copyOf(chunks.values()));
        }
        return Behaviors.same();
    }

    private static Key key(Long k) {
        return k == null ? null : Key.of(k);
    }

    /** The key of a point operation. */
    static long keyOf(Op op) {
        if (op instanceof Insert insert) {
            return insert.key();
        } else if (op instanceof Put put) {
            return put.key();
        } else if (op instanceof Remove remove) {
            return remove.key();
        } else if (op instanceof Get get) {
            return get.key();
        }
        throw new IllegalArgumentException("a range has no single key: " + op);
    }

    private static Decision decisionOf(Op op) {
        if (op instanceof Insert insert) {
            return Decision.insert(insert.value());
        } else if (op instanceof Put put) {
            return Decision.put(put.value());
        } else if (op instanceof Remove) {
            return Decision.remove();
        } else if (op instanceof Get) {
            return Decision.get();
        }
        throw new IllegalArgumentException("a range is a scan: " + op);
    }
}
