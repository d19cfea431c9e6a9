package io.boreal.storage.btree.impl;

import java.util.concurrent.atomic.AtomicReference;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.MailboxSelector;
import akka.actor.typed.javadsl.ActorContext;
import io.boreal.storage.btree.BTree;
import io.boreal.storage.btree.TreeMode;
import io.boreal.storage.btree.TreeStats;

/**
 * What all pages of one tree share: mode, capacities, the published root, counters, and (in
 * SERIAL_SMO) the index latch. Immutable but for the root reference.
 */
record PageContext(TreeMode mode, int leafCapacity, int innerCapacity,
                   AtomicReference<ActorRef<BTree.Command>> root, TreeStats.TreeCounters counters,
                   ActorRef<SmoLatch.Command> latch) {

    static final MailboxSelector SMO_FIRST = MailboxSelector.fromConfig("boreal.btree.smo-first-mailbox");

    ActorRef<BTree.Command> spawn(ActorContext<?> parent, Behavior<BTree.Command> page) {
        return parent.spawnAnonymous(page, SMO_FIRST);
    }
}
