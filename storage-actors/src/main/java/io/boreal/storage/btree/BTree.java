package io.boreal.storage.btree;

import java.util.List;
import java.util.Map;

import akka.actor.typed.ActorRef;
import io.boreal.storage.Key;

/**
 * The protocol of an index tree whose pages are actors (Lehman–Yao B-link tree).
 *
 * <pre>
 *   level 1         [ root: c0 | 50 | c1 ]                     high key: none
 *                     /              \
 *   level 0   [10 20 30] ──right──► [50 60]                    high keys: 50, none
 * </pre>
 *
 * <p>Every page has a high key (keys at or above it live to its right; none on the rightmost
 * page of a level), a right link, and a low key (the separator it was split off at; none on the
 * leftmost page of a level), which never changes. A request enters at the root (the {@link TreeRoot} keeps
 * the current one), each inner page sends it to the child covering its key, and a page whose
 * high key is at or below the key sends it right: so a request is only ever at one page, and a
 * page that split but whose parent does not know yet (a half-finished split) still routes
 * everything correctly.
 *
 * <p>A full leaf splits by itself: it spawns its right sibling with the upper half, takes the
 * separator as its new high key, links the sibling, and sends the separator to its parent as an
 * {@link Smo} message, which pages serve before ordinary requests. In {@link TreeMode#BLINK}
 * many splits run at once and nothing waits for them. In {@link TreeMode#SERIAL_SMO} (the
 * InnoDB-style twin) every split takes one index-wide latch until its parent is updated, and a
 * request that arrived at a splitting page restarts from the root pessimistically, under the
 * latch.
 *
 * <p>One mutation primitive: {@link Operate} hands a key's current value to a {@link Decision}
 * at the leaf, which answers what to store and what to reply.
 */
public final class BTree {

    private BTree() {
    }

    /** Messages a page understands. */
    public interface Command {
    }

    /** Structure modifications: served before every other message of a page. */
    public interface Smo extends Command {
    }

    /**
     * Applies {@code decision} to the value of {@code key} at its leaf; the reply is
     * {@link Operated} with what the decision returned. {@code hops} counts the pages visited.
     */
    public record Operate(Key key, Decision decision, ActorRef<Operated> replyTo, int hops, boolean pessimistic)
            implements Command {

        public Operate(Key key, Decision decision, ActorRef<Operated> replyTo) {
            this(key, decision, replyTo, 0, false);
        }

        /** The same request one page further on. */
        public Operate hop() {
            return new Operate(key, decision, replyTo, hops + 1, pessimistic);
        }
    }

    /**
     * The outcome of an {@link Operate}: the decision's reply, the pages the request visited, and
     * the leaf that applied it. A client may send its next request for a key at or above this
     * one straight to that leaf: keys only ever move right, and a page sends a key below its own
     * range back to the root, so a stale leaf costs hops, never a wrong answer.
     */
    public record Operated(Key key, Object reply, int hops, ActorRef<Command> leaf) {
    }

    /**
     * Streams the entries with {@code from <= key < to} (null: unbounded) in key order, at most
     * {@code limit} (-1: all), as {@link ScanChunk}s numbered from 0; the last has {@code done}.
     */
    public record Scan(long scanId, Key from, Key to, int limit, ActorRef<ScanChunk> replyTo, int sequence)
            implements Command {
    }

    /**
     * Part of a scan's result, from one leaf. Chunks come from different pages, so they may
     * arrive out of order: the receiver orders them by {@code sequence}.
     */
    public record ScanChunk(long scanId, int sequence, List<Map.Entry<Key, Object>> entries, boolean done) {
    }

    /** Answers {@link PageState}: for structure checks in tests and tools. */
    public record Describe(ActorRef<PageState> replyTo) implements Command {
    }

    /**
     * One page as it is now.
     *
     * @param level    0 for leaves
     * @param keys     the leaf's keys, or the inner page's separators (the first child has none)
     * @param children an inner page's children, in order (one more than separators); empty for a leaf
     * @param highKey  null on the rightmost page of a level
     */
    public record PageState(ActorRef<Command> page, int level, List<Key> keys, List<ActorRef<Command>> children,
                            Key highKey, ActorRef<Command> right) {
    }
}
