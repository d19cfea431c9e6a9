package io.boreal.storage.btree.impl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.boreal.storage.Key;
import io.boreal.storage.btree.BTree;
import io.boreal.storage.btree.Decision;
import io.boreal.storage.btree.TreeMode;

/**
 * One page of an index tree, leaf (level 0) or inner. See {@link BTree} for the routing rules.
 *
 * <p>A leaf that grows past its capacity splits: in BLINK mode at once, in SERIAL_SMO mode once
 * it holds the index latch, deferring ordinary requests meanwhile and sending them back through
 * the latch to restart pessimistically from the root when the split is complete.
 *
 * <p>Hot path: every tree operation passes through {@link #onOperate} once per page visited.
 */
public final class PageActor extends AbstractBehavior<BTree.Command> {

    /** Tells a page who its parent is now (its old parent split, or a new root was made). */
    record SetParent(ActorRef<BTree.Command> parent) implements BTree.Smo {
    }

    /** A child split: {@code separator} starts {@code child}'s range. In SERIAL_SMO, ack to {@code ackTo}. */
    record InsertSeparator(Key separator, ActorRef<BTree.Command> child, ActorRef<BTree.Command> ackTo)
            implements BTree.Smo {
    }

    /** SERIAL_SMO: the parent has the separator (and finished its own split, if it had to). */
    enum SmoAck implements BTree.Smo { INSTANCE }

    /** SERIAL_SMO: this page holds the index latch. */
    record LatchGranted(long askedAtNs) implements BTree.Smo {
    }

    /** SERIAL_SMO: a split just gave this page more than it may hold; split it too. */
    enum SplitIfFull implements BTree.Smo { INSTANCE }

    /** From the {@link PageNursery}: an unborn page this page may turn into its next sibling. */
    record SpareReady(ActorRef<BTree.Command> page) implements BTree.Command {
    }

    /**
     * Brings an unborn page to life with its part of a split. {@code entries} is handed over:
     * the sender never touches it again. It is the first message the page gets, since nobody
     * else knows the page before the splitting page links it.
     */
    record Born(PageContext tree, int level, TreeMap<Key, Object> entries, ActorRef<BTree.Command> leftmost,
                Key lowKey, Key highKey, ActorRef<BTree.Command> right, ActorRef<BTree.Command> parent)
            implements BTree.Smo {
    }

    private final PageContext tree;
    private final int level;
    /** Leaf: key to value. Inner: separator to the child whose range starts there. */
    private final TreeMap<Key, Object> entries;
    /** Inner: the child left of the first separator. */
    private ActorRef<BTree.Command> leftmost;
    /** Keys below this one are not this page's, nor any page's to its right; null: none. Fixed. */
    private final Key lowKey;
    private Key highKey;
    private ActorRef<BTree.Command> right;
    private ActorRef<BTree.Command> parent;
    /** An unborn page to become the next sibling, once this page is half full; null: none yet. */
    private ActorRef<BTree.Command> spare;
    private boolean spareAsked;

    // SERIAL_SMO only
    private boolean waitingForLatch;
    private boolean inSmo;
    private final ArrayDeque<BTree.Command> deferred = new ArrayDeque<>();
    private ActorRef<BTree.Command> ackWhenDone;

    private PageActor(ActorContext<BTree.Command> context, PageContext tree, int level, TreeMap<Key, Object> entries,
                      ActorRef<BTree.Command> leftmost, Key lowKey, Key highKey, ActorRef<BTree.Command> right,
                      ActorRef<BTree.Command> parent) {
        super(context);
        this.tree = tree;
        this.level = level;
        this.entries = entries;
        this.leftmost = leftmost;
        this.lowKey = lowKey;
        this.highKey = highKey;
        this.right = right;
        this.parent = parent;
    }

    /**
     * A page over a copy of {@code entries}, taken here on the caller's side: a page never shares
     * its map with the actor that made it, whatever the caller does with its own afterwards.
     */
    static Behavior<BTree.Command> create(PageContext tree, int level, TreeMap<Key, Object> entries,
                                          ActorRef<BTree.Command> leftmost, Key lowKey, Key highKey,
                                          ActorRef<BTree.Command> right, ActorRef<BTree.Command> parent) {
        TreeMap<Key, Object> own = new TreeMap<>(entries);
        return Behaviors.setup(context -> new PageActor(context, tree, level, own, leftmost, lowKey, highKey, right,
                parent));
    }

    /** A page that waits for its {@link Born} (see {@link PageNursery}). */
    static Behavior<BTree.Command> unborn() {
        return Behaviors.setup(context -> Behaviors.receive(BTree.Command.class)
                .onMessage(Born.class, b -> new PageActor(context, b.tree(), b.level(), b.entries(), b.leftmost(),
                        b.lowKey(), b.highKey(), b.right(), b.parent()))
                .build());
    }

    @Override
    public Receive<BTree.Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(BTree.Operate.class, this::onOperate)
                .onMessage(BTree.Scan.class, this::onScan)
                .onMessage(InsertSeparator.class, this::onInsertSeparator)
                .onMessage(SetParent.class, m -> {
                    parent = m.parent();
                    return this;
                })
                .onMessage(LatchGranted.class, this::onLatchGranted)
                .onMessage(SmoAck.class, m -> onSmoAck())
                .onMessage(SplitIfFull.class, m -> {
                    if (level == 0 && entries.size() > tree.leafCapacity()) {
                        splitWhenAllowed(entries.lastKey());
                    }
                    return this;
                })
                .onMessage(BTree.Describe.class, this::onDescribe)
                .onMessage(SpareReady.class, m -> {
                    spare = m.page();
                    return this;
                })
                .build();
    }

    private boolean beyond(Key key) {
        return highKey != null && key != null && key.compareTo(highKey) >= 0;
    }

    private ActorRef<BTree.Command> childFor(Key key) {
        Map.Entry<Key, Object> e = key == null ? null : entries.floorEntry(key);
        @SuppressWarnings("unchecked")
        ActorRef<BTree.Command> child = e == null ? leftmost : (ActorRef<BTree.Command>) e.getValue();
        return child;
    }

    private Behavior<BTree.Command> onOperate(BTree.Operate op) {
        if (lowKey != null && op.key().compareTo(lowKey) < 0) {
            tree.root().get().tell(op.hop()); // entered too far right (a stale hint): start over
            return this;
        }
        if (beyond(op.key())) {
            right.tell(op.hop());
            return this;
        }
        if (level > 0) {
            childFor(op.key()).tell(op.hop());
            return this;
        }
        if ((waitingForLatch && !op.pessimistic()) || inSmo) {
            deferred.add(op);
            return this;
        }
        Decision.Outcome outcome = op.decision().decide(entries.get(op.key()));
        if (outcome.store() == Decision.REMOVE) {
            entries.remove(op.key());
        } else if (outcome.store() != Decision.KEEP) {
            entries.put(op.key(), outcome.store());
            prepareSibling(tree.leafCapacity());
        }
        tree.counters().operated(op.hops() + 1);
        if (outcome.reply() instanceof BTree.Forward forward) {
            forward.delivery().run();
            if (op.hops() > 0) {
                op.replyTo().tell(new BTree.Operated(op.key(), null, op.hops() + 1, getContext().getSelf(), lowKey,
                        highKey));
            }
        } else {
            op.replyTo().tell(new BTree.Operated(op.key(), outcome.reply(), op.hops() + 1, getContext().getSelf(),
                    lowKey, highKey));
        }
        boolean full = entries.size() > tree.leafCapacity();
        if (op.pessimistic() && full) {
            // A pessimistic insert holds the index latch: it splits the page itself, as
            // InnoDB's pessimistic insert does; finishSmo releases the latch.
            inSmo = true;
            split(op.key(), getContext().getSelf());
        } else if (op.pessimistic()) {
            tree.latch().tell(SmoLatch.Release.INSTANCE);
        } else if (full) {
            splitWhenAllowed(op.key());
        }
        return this;
    }

    /** Once half full, asks the nursery for the page its next split will fill. */
    private void prepareSibling(int capacity) {
        if (spare == null && !spareAsked && entries.size() * 2 >= capacity) {
            spareAsked = true;
            tree.nursery().tell(new PageNursery.Spare(getContext().getSelf()));
        }
    }

    private Behavior<BTree.Command> onScan(BTree.Scan scan) {
        if (lowKey != null && (scan.from() == null || scan.from().compareTo(lowKey) < 0)) {
            tree.root().get().tell(scan); // started too far right: start over
            return this;
        }
        if (beyond(scan.from())) {
            right.tell(scan);
            return this;
        }
        if (level > 0) {
            childFor(scan.from()).tell(scan);
            return this;
        }
        if (waitingForLatch || inSmo) {
            deferred.add(scan);
            return this;
        }
        NavigableMap<Key, Object> range = scan.from() == null ? entries : entries.tailMap(scan.from(), true);
        List<Map.Entry<Key, Object>> found = new ArrayList<>();
        int limit = scan.limit() < 0 ? Integer.MAX_VALUE : scan.limit();
        for (Map.Entry<Key, Object> e : range.entrySet()) {
            if (scan.pastEnd(e.getKey()) || found.size() >= limit) {
                break;
            }
            Object selected = scan.select().select(e.getKey(), e.getValue());
            if (selected != null) {
                found.add(Map.entry(e.getKey(), selected));
            }
        }
        boolean limitReached = found.size() >= limit;
        boolean endReached = right == null || (highKey != null && scan.to() != null
                && (scan.toInclusive() ? scan.to().compareTo(highKey) < 0 : scan.to().compareTo(highKey) <= 0));
        boolean done = limitReached || endReached;
        scan.replyTo().tell(new BTree.ScanChunk(scan.scanId(), scan.sequence(), found, done));
        if (done) {
            tree.counters().scanned();
        } else {
            right.tell(scan.continueAt(highKey, found.size()));
        }
        return this;
    }

    private void splitWhenAllowed(Key inserted) {
        if (tree.mode() == TreeMode.BLINK) {
            split(inserted, null);
        } else if (!waitingForLatch && !inSmo) {
            waitingForLatch = true;
            tree.latch().tell(new SmoLatch.Acquire(getContext().getSelf(), System.nanoTime()));
        }
    }

    private Behavior<BTree.Command> onLatchGranted(LatchGranted granted) {
        tree.counters().latchWaited(System.nanoTime() - granted.askedAtNs());
        waitingForLatch = false;
        if (entries.size() <= tree.leafCapacity()) { // deletes made room meanwhile
            finishSmo();
            return this;
        }
        inSmo = true;
        split(entries.lastKey(), getContext().getSelf());
        return this;
    }

    /**
     * Splits this page: the upper part moves to a new right sibling, the separator goes to the
     * parent (or a new root is made). {@code ackTo} is null in BLINK mode.
     */
    private void split(Key inserted, ActorRef<BTree.Command> ackTo) {
        Key separator = separator(inserted);
        TreeMap<Key, Object> upper = new TreeMap<>(entries.tailMap(separator, true));
        entries.keySet().removeAll(upper.keySet());
        ActorRef<BTree.Command> upperLeftmost = null;
        if (level > 0) {
            // The separator's child becomes the new page's leftmost; the separator itself moves up.
            @SuppressWarnings("unchecked")
            ActorRef<BTree.Command> first = (ActorRef<BTree.Command>) upper.remove(separator);
            upperLeftmost = first;
        }
        List<ActorRef<BTree.Command>> moved = level > 0 ? children(upperLeftmost, upper) : List.of();
        ActorRef<BTree.Command> sibling;
        if (spare != null) {
            sibling = spare;
            spare = null;
            spareAsked = false;
            sibling.tell(new Born(tree, level, upper, upperLeftmost, separator, highKey, right, parent));
        } else {
            sibling = tree.spawn(getContext(), create(tree, level, upper, upperLeftmost, separator, highKey, right,
                    parent));
        }
        highKey = separator;
        right = sibling;
        boolean wasRoot = parent == null;
        if (wasRoot) {
            // Before the moved children hear of the sibling (see makeNewRoot).
            makeNewRoot(separator, sibling);
        }
        if (level == 0) {
            tree.counters().leafSplit();
        } else {
            tree.counters().innerSplit();
            SetParent adopted = new SetParent(sibling);
            moved.forEach(child -> child.tell(adopted));
        }
        if (!wasRoot) {
            parent.tell(new InsertSeparator(separator, sibling, ackTo));
        } else if (ackTo != null) {
            getContext().getSelf().tell(SmoAck.INSTANCE);
        }
    }

    /** Where to cut: the middle, or right after the new key when it is the rightmost (ascending keys). */
    private Key separator(Key inserted) {
        if (highKey == null && level == 0 && inserted != null && inserted.equals(entries.lastKey()) && entries.size() > 2) {
            return inserted; // AUTO_INC: keep the left page full, start the new rightmost page with the new key
        }
        int middle = entries.size() / 2;
        int i = 0;
        for (Key k : entries.keySet()) {
            if (i++ == middle) {
                return k;
            }
        }
        throw new IllegalStateException("empty page cannot split");
    }

    /**
     * The old root's new sibling was born with no parent; it learns its parent from the
     * {@link SetParent} sent here, before the new root is published and before the children
     * moved to the sibling are told of it. SMO messages are served first and in order, so the
     * sibling has its parent before any request reaches it and before any separator from a
     * moved child that split at once: it cannot split while it believes itself the root (it
     * would make a second root, and the splits below it would never reach the published one).
     */
    private void makeNewRoot(Key separator, ActorRef<BTree.Command> sibling) {
        TreeMap<Key, Object> rootEntries = new TreeMap<>();
        rootEntries.put(separator, sibling);
        ActorRef<BTree.Command> newRoot = tree.spawn(getContext(),
                create(tree, level + 1, rootEntries, getContext().getSelf(), null, null, null, null));
        parent = newRoot;
        sibling.tell(new SetParent(newRoot));
        tree.root().set(newRoot);
        tree.counters().rootSplit();
    }

    private Behavior<BTree.Command> onInsertSeparator(InsertSeparator insert) {
        if (beyond(insert.separator())) {
            right.tell(insert);
            return this;
        }
        entries.put(insert.separator(), insert.child());
        prepareSibling(tree.innerCapacity());
        insert.child().tell(new SetParent(getContext().getSelf()));
        if (entries.size() > tree.innerCapacity()) {
            if (insert.ackTo() != null) {
                ackWhenDone = insert.ackTo();
                inSmo = true;
                split(null, getContext().getSelf());
            } else {
                split(null, null);
            }
        } else if (insert.ackTo() != null) {
            insert.ackTo().tell(SmoAck.INSTANCE);
        }
        return this;
    }

    private Behavior<BTree.Command> onSmoAck() {
        if (level > 0) {
            inSmo = false;
            ActorRef<BTree.Command> ack = ackWhenDone;
            ackWhenDone = null;
            ack.tell(SmoAck.INSTANCE);
            return this;
        }
        finishSmo();
        return this;
    }

    /** SERIAL_SMO leaf: release the latch; what waited restarts from the root, pessimistically. */
    private void finishSmo() {
        inSmo = false;
        tree.latch().tell(SmoLatch.Release.INSTANCE);
        while (!deferred.isEmpty()) {
            BTree.Command waiting = deferred.poll();
            if (waiting instanceof BTree.Operate op) {
                tree.counters().restarted();
                tree.latch().tell(new SmoLatch.Pessimistic(new BTree.Operate(op.key(), op.decision(), op.replyTo(),
                        op.hops() + 1, true)));
            } else {
                tree.root().get().tell(waiting);
            }
        }
        if (entries.size() > tree.leafCapacity()) {
            splitWhenAllowed(entries.lastKey());
        }
        if (right != null) {
            right.tell(SplitIfFull.INSTANCE); // the sibling this split made may be over capacity too
        }
    }

    private Behavior<BTree.Command> onDescribe(BTree.Describe describe) {
        List<ActorRef<BTree.Command>> children = level > 0 ? children(leftmost, entries) : List.of();
        describe.replyTo().tell(new BTree.PageState(getContext().getSelf(), level, new ArrayList<>(entries.keySet()),
                children, highKey, right));
        return this;
    }

    /** An inner page's children in order: the leftmost, then one per separator. */
    private static List<ActorRef<BTree.Command>> children(ActorRef<BTree.Command> first, TreeMap<Key, Object> separators) {
        List<ActorRef<BTree.Command>> children = new ArrayList<>(separators.size() + 1);
        children.add(first);
        for (Object child : separators.values()) {
            @SuppressWarnings("unchecked")
            ActorRef<BTree.Command> ref = (ActorRef<BTree.Command>) child;
            children.add(ref);
        }
        return children;
    }
}
