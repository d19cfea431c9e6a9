package io.boreal.storage.btree.impl;

import com.typesafe.config.Config;

import akka.actor.ActorSystem;
import akka.dispatch.PriorityGenerator;
import akka.dispatch.UnboundedStablePriorityMailbox;
import io.boreal.storage.btree.BTree;

/**
 * The mailbox of page actors: structure modifications ({@link BTree.Smo}) are served before
 * every other message, in arrival order among themselves, so a split reaches its parent as early
 * as possible however many requests queue behind it (the PolarDB remedy for the AUTO_INC hot spot).
 */
public final class SmoFirstMailbox extends UnboundedStablePriorityMailbox {

    public SmoFirstMailbox(ActorSystem.Settings settings, Config config) {
        super(new PriorityGenerator() {
            @Override
            public int gen(Object message) {
                return message instanceof BTree.Smo ? 0 : 1;
            }
        });
    }
}
