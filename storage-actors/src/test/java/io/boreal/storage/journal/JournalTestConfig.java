package io.boreal.storage.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;

/** Configs and temp directories shared by the journal tests. */
public final class JournalTestConfig {

    public static final String FILE_PLUGIN = "boreal.journal.file";
    public static final String INMEM_PLUGIN = "akka.persistence.journal.inmem";

    private static final Config BASE = ConfigFactory.parseString("""
        akka {
          loglevel = INFO
          loggers = ["akka.event.slf4j.Slf4jLogger"]
          logging-filter = "akka.event.slf4j.Slf4jLoggingFilter"
          actor {
            serializers { boreal-journal-test = "io.boreal.storage.journal.TestEventSerializer" }
            serialization-bindings { "io.boreal.storage.journal.TestEvent" = boreal-journal-test }
          }
          persistence.snapshot-store.plugin = "akka.persistence.no-snapshot-store"
        }
        """);

    private JournalTestConfig() {
    }

    /** The file journal as default journal, in {@code dir}. */
    public static Config fileJournal(Path dir) {
        return fileJournal(dir, ConfigFactory.empty());
    }

    /** The file journal as default journal, in {@code dir}, with {@code overrides} of its section. */
    public static Config fileJournal(Path dir, Config overrides) {
        return ConfigFactory.empty()
            .withValue("akka.persistence.journal.plugin", ConfigValueFactory.fromAnyRef(FILE_PLUGIN))
            .withValue(FILE_PLUGIN + ".dir", ConfigValueFactory.fromAnyRef(dir.toString()))
            .withFallback(overrides.atPath(FILE_PLUGIN))
            .withFallback(BASE)
            .resolve();
    }

    public static Config inmemJournal() {
        return ConfigFactory.parseString("""
            akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
            akka.persistence.journal.inmem.test-serialization = on
            """).withFallback(BASE);
    }

    public static Path newTempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
