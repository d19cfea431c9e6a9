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
     * the leaf that applied it with its range as it was then ({@code low <= key < high}, null:
     * open). A client may send later requests for keys in that range straight to that leaf: keys
     * only ever move right, and a page sends a key below its own range back to the root, so a
     * stale range costs hops, never a wrong answer.
     */
    public record Operated(Key key, Object reply, int hops, ActorRef<Command> leaf, Key low, Key high) {
    }

    /**
     * A decision's reply that the leaf delivers itself instead of answering {@link Operated}:
     * the answer goes straight to whoever needs it, not back through the requester. The
     * requester still gets an {@link Operated} with a null reply when the request did not enter
     * at this leaf, so that it learns where the key lives.
     */
    public record Forward(Runnable delivery) {
    }

    /**
     * Streams the entries with {@code from <= key < to} ({@code <= to} with {@code toInclusive};
     * null: unbounded) in key order, as {@link ScanChunk}s numbered from 0; the last has
     * {@code done}. Each entry passes {@code select} at its leaf, which returns what to send
     * (null: skip the entry); {@code limit} (-1: all) counts what was sent.
     */
    public record Scan(long scanId, Key from, Key to, boolean toInclusive, int limit, Select select,
                       ActorRef<ScanChunk> replyTo, int sequence) implements Command {

        /** Every entry of {@code [from, to)}, as it is. */
        public Scan(long scanId, Key from, Key to, int limit, ActorRef<ScanChunk> replyTo, int sequence) {
            this(scanId, from, to, false, limit, Select.ALL, replyTo, sequence);
        }

        /** Whether {@code key} is past the end of the range. */
        public boolean pastEnd(Key key) {
            if (to == null) {
                return false;
            }
            int c = key.compareTo(to);
            return toInclusive ? c > 0 : c >= 0;
        }

        /** The rest of this scan, continuing at {@code next} with {@code sent} entries already sent. */
        public Scan continueAt(Key next, int sent) {
            return new Scan(scanId, next, to, toInclusive, limit < 0 ? -1 : limit - sent, select, replyTo,
                    sequence + 1);
        }
    }

    /**
     * What a scan sends for an entry, decided at its leaf (so a filter costs no message); runs
     * inside the leaf's actor and must not block or keep the value.
     */
    @FunctionalInterface
    public interface Select {
        /** Sends every entry as it is. */
        Select ALL = (key, value) -> value;

        /** @return what to send for this entry (the value, or something made from it), or null to skip it */
        Object select(Key key, Object value);
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
