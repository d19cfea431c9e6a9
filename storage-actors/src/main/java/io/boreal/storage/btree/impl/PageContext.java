package io.boreal.storage.btree.impl;

import java.util.function.Supplier;

import java.util.concurrent.atomic.AtomicReference;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.MailboxSelector;
import akka.actor.typed.javadsl.ActorContext;
import io.boreal.storage.btree.BTree;
import io.boreal.storage.btree.TreeMode;
import io.boreal.storage.btree.TreeStats;

/**
 * What all pages of one tree share: the mode switch, capacities, the published root, counters,
 * the index latch (used in SERIAL_SMO; present in both so the mode can change at run time), and
 * the nursery that makes pages for splits.
 * Immutable but for the root reference and what the mode switch reads.
 */
record PageContext(Supplier<TreeMode> modeSwitch, int leafCapacity, int innerCapacity,
                   AtomicReference<ActorRef<BTree.Command>> root, TreeStats.TreeCounters counters,
                   ActorRef<SmoLatch.Command> latch, ActorRef<PageNursery.Spare> nursery) {

    /** The mode as of now; read once per structure modification. */
    TreeMode mode() {
        return modeSwitch.get();
    }

    static final MailboxSelector SMO_FIRST = MailboxSelector.fromConfig("boreal.btree.smo-first-mailbox");

    ActorRef<BTree.Command> spawn(ActorContext<?> parent, Behavior<BTree.Command> page) {
        return parent.spawnAnonymous(page, SMO_FIRST);
    }
}
