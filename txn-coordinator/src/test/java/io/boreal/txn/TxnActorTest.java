package io.boreal.txn;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import akka.actor.testkit.typed.javadsl.ActorTestKit;

/** A test class of this module's actors: one actor system per class, on {@link TxnTestConfig#inmemJournal()}. */
abstract class TxnActorTest {

    static ActorTestKit testKit;

    @BeforeAll
    static void startKit() {
        testKit = ActorTestKit.create(TxnTestConfig.inmemJournal());
    }

    @AfterAll
    static void stopKit() {
        testKit.shutdownTestKit();
    }
}
