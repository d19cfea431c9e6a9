package io.boreal.storage.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import java.util.concurrent.TimeUnit;

import akka.actor.ClassicActorSystemProvider;
import akka.persistence.jdbc.testkit.javadsl.SchemaUtils;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;

/** Configs and temp directories shared by the journal tests. */
public final class JournalTestConfig {

    public static final String FILE_PLUGIN = "boreal.journal.file";
    public static final String INMEM_PLUGIN = "akka.persistence.journal.inmem";
    /** akka-persistence-jdbc's journal (measured against the file journal; a test dependency only). */
    public static final String JDBC_PLUGIN = "jdbc-journal";

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

    /**
     * akka-persistence-jdbc 5.1.0 as default journal, on an embedded H2 file database in {@code dir}
     * with H2's default durability settings (nothing but {@code urlSettings}, e.g. {@code ";WRITE_DELAY=0"},
     * is added to the URL). The database is a shared one ({@code use-shared-db}) so that the journal and
     * {@link #createJdbcSchema} use one connection pool, closed when the system terminates: the H2
     * database is then closed too. The schema is not created automatically.
     */
    public static Config jdbcH2Journal(Path dir, String urlSettings) {
        String url = "jdbc:h2:file:" + dir.resolve("journal").toAbsolutePath() + ";DATABASE_TO_UPPER=false" + urlSettings;
        return ConfigFactory.parseString("""
                akka.persistence.journal.plugin = "jdbc-journal"
                jdbc-journal.use-shared-db = "slick"
                akka-persistence-jdbc.shared-databases.slick {
                  profile = "slick.jdbc.H2Profile$"
                  db {
                    driver = "org.h2.Driver"
                    user = "sa"
                    password = ""
                  }
                }
                """)
            .withValue("akka-persistence-jdbc.shared-databases.slick.db.url", ConfigValueFactory.fromAnyRef(url))
            .withFallback(BASE);
    }

    public static Config jdbcH2Journal(Path dir) {
        return jdbcH2Journal(dir, "");
    }

    /** Creates akka-persistence-jdbc's tables (schema/h2/h2-create-schema.sql of its jar) if they do not exist. */
    public static void createJdbcSchema(ClassicActorSystemProvider system) {
        try {
            SchemaUtils.createIfNotExists(system).toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not create the akka-persistence-jdbc schema", e);
        }
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
