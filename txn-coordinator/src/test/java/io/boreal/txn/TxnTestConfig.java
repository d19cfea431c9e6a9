package io.boreal.txn;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/** The test actor systems' config: Akka's in-memory journal, events through Kryo as on disk. */
final class TxnTestConfig {

    private TxnTestConfig() {
    }

    /**
     * The inmem journal serializes every event ({@code test-serialization}) and Java serialization
     * is off, so an event missing from {@link TxnKryoRegistrar} fails the test.
     */
    static Config inmemJournal() {
        return ConfigFactory.parseString("""
            akka {
              loglevel = INFO
              loggers = ["akka.event.slf4j.Slf4jLogger"]
              logging-filter = "akka.event.slf4j.Slf4jLoggingFilter"
              actor.allow-java-serialization = off
              persistence {
                journal.plugin = "akka.persistence.journal.inmem"
                journal.inmem.test-serialization = on
                snapshot-store.plugin = "akka.persistence.no-snapshot-store"
              }
            }
            """);
    }
}
