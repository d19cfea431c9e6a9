package io.boreal.storage.journal;

import java.nio.file.Path;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/** Boreal's file journal, with small segments so that the contract cases cross segment boundaries. */
class FileJournalContractTest extends JournalContractTest {

    private final Path dir = JournalTestConfig.newTempDir("boreal-journal-contract");

    @Override
    protected Config journalConfig() {
        return JournalTestConfig.fileJournal(dir, ConfigFactory.parseString("segment-size = 64 KiB"));
    }

    @Override
    protected String pluginId() {
        return JournalTestConfig.FILE_PLUGIN;
    }

    @Override
    protected boolean supportsRejectingNonSerializableObjects() {
        return true;
    }

    @Override
    protected void afterSystemTerminated() {
        JournalTestConfig.deleteRecursively(dir);
    }
}
