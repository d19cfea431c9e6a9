package io.boreal.storage.journal;

import com.typesafe.config.Config;

/** Akka's in-memory journal, used by the engine for {@code jdbc:boreal:mem:} databases. */
class InmemJournalContractTest extends JournalContractTest {

    @Override
    protected Config journalConfig() {
        return JournalTestConfig.inmemJournal();
    }

    @Override
    protected String pluginId() {
        return JournalTestConfig.INMEM_PLUGIN;
    }
}
