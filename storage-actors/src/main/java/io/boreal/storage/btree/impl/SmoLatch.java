package io.boreal.storage.btree.impl;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicReference;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import io.boreal.storage.btree.BTree;

/**
 * The serial twin's index-wide latch (InnoDB's index SX latch): one holder at a time, granted
 * in arrival order, to a page that must split or to an operation restarting pessimistically.
 * Used only in {@link io.boreal.storage.btree.TreeMode#SERIAL_SMO}.
 */
final class SmoLatch {

    interface Command {
    }

    /** A page wants to split; it gets {@link PageActor.LatchGranted} when it holds the latch. */
    record Acquire(ActorRef<BTree.Command> page, long askedAtNs) implements Command {
    }

    /** An operation restarts from the root holding the latch; its leaf releases it. */
    record Pessimistic(BTree.Operate operate) implements Command {
    }

    enum Release implements Command { INSTANCE }

    private SmoLatch() {
    }

    static Behavior<Command> create(AtomicReference<ActorRef<BTree.Command>> root) {
        return Behaviors.setup(context -> {
            ArrayDeque<Command> waiting = new ArrayDeque<>();
            boolean[] held = {false};
            return Behaviors.receive(Command.class)
                    .onMessage(Release.class, r -> {
                        held[0] = false;
                        grantNext(waiting, held, root);
                        return Behaviors.same();
                    })
                    .onAnyMessage(request -> {
                        waiting.add(request);
                        grantNext(waiting, held, root);
                        return Behaviors.same();
                    })
                    .build();
        });
    }

    private static void grantNext(ArrayDeque<Command> waiting, boolean[] held,
                                  AtomicReference<ActorRef<BTree.Command>> root) {
        if (held[0] || waiting.isEmpty()) {
            return;
        }
        held[0] = true;
        Command next = waiting.poll();
        if (next instanceof Acquire a) {
            a.page().tell(new PageActor.LatchGranted(a.askedAtNs()));
        } else if (next instanceof Pessimistic p) {
            root.get().tell(p.operate());
        }
    }
}
