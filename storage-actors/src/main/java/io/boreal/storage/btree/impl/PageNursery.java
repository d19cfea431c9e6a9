package io.boreal.storage.btree.impl;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import io.boreal.storage.btree.BTree;

/**
 * Makes unborn pages for a tree, as its own children, and hands each to a page that will need a
 * sibling soon. A page that splits turns its spare into the sibling with one message instead of
 * spawning a child of its own: pages spawned by pages would nest one level deeper at every
 * split (the rightmost leaf under AUTO_INC inserts begets the next one), and Akka's cost of
 * spawning a child grows with the depth of its path. Here every page path has the same short
 * depth.
 */
final class PageNursery {

    /** {@code page} wants a spare; it gets {@link PageActor.SpareReady}. */
    record Spare(ActorRef<BTree.Command> page) {
    }

    private PageNursery() {
    }

    static Behavior<Spare> create() {
        return Behaviors.setup(context -> Behaviors.receiveMessage(spare -> {
            spare.page().tell(new PageActor.SpareReady(context.spawnAnonymous(PageActor.unborn(), PageContext.SMO_FIRST)));
            return Behaviors.same();
        }));
    }
}
