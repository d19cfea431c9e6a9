package io.boreal.storage.journal;

import java.nio.file.Path;

import com.typesafe.config.Config;
import org.junit.jupiter.api.BeforeAll;

/**
 * akka-persistence-jdbc 5.1.0 on an embedded H2 file database (H2's default settings), the
 * alternative to the file journal that DESIGN.md names: the same contract cases.
 */
class JdbcH2JournalContractTest extends JournalContractTest {

    private final Path dir = JournalTestConfig.newTempDir("boreal-journal-jdbc-h2");

    @Override
    protected Config journalConfig() {
        return JournalTestConfig.jdbcH2Journal(dir);
    }

    @Override
    protected String pluginId() {
        return JournalTestConfig.JDBC_PLUGIN;
    }

    /** Runs after the superclass's {@code startSystem}, before the first test writes. */
    @BeforeAll
    void createSchema() {
        JournalTestConfig.createJdbcSchema(testKit.system());
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
