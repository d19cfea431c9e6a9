package io.boreal.storage.btree;

import java.util.NavigableMap;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import io.boreal.storage.Key;

/**
 * The actor a tree's pages are children of, as a partition is in the engine: tests ask it to
 * create or build a tree and get the {@link IndexTree} back (one JVM, so the object itself).
 * Stopping the owner stops every page of its trees.
 */
final class TreeOwner {

    interface Command {
    }

    /** {@code entries == null}: {@link IndexTree#create}; otherwise {@link IndexTree#build}. */
    record Plant(String name, TreeMode mode, int leafCapacity, NavigableMap<Key, ?> entries,
                 ActorRef<IndexTree> replyTo) implements Command {
    }

    private TreeOwner() {
    }

    static Behavior<Command> create() {
        return Behaviors.setup(context -> Behaviors.receive(Command.class)
                .onMessage(Plant.class, plant -> {
                    IndexTree tree = plant.entries() == null
                            ? IndexTree.create(context, plant.name(), plant.mode(), plant.leafCapacity())
                            : IndexTree.build(context, plant.name(), plant.mode(), plant.leafCapacity(),
                                    plant.entries());
                    plant.replyTo().tell(tree);
                    return Behaviors.same();
                })
                .build());
    }
}
