package io.boreal.jdbc.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;

import com.typesafe.config.Config;

import io.boreal.actors.BorealDatabase;

/**
 * A parsed {@code jdbc:boreal:} URL.
 *
 * <pre>
 *   jdbc:boreal:mem:NAME        in-process, nothing on disk      key "mem:NAME"
 *   jdbc:boreal:file:DIR        in-process, durable under DIR    key "file:" + canonical DIR
 *   jdbc:boreal://h1:p1,h2:p2…  a node over the network          (location: what follows //)
 * </pre>
 *
 * <p>The key names the database inside the JVM: two URLs with one key reach one database. A
 * file directory is made absolute against the working directory, normalized, and resolved
 * through symbolic links as far as it exists, so every spelling of one directory has one key,
 * before and after the directory is created.
 *
 * @param kind     which of the three forms
 * @param key      the registry key (null for {@link Kind#NETWORK})
 * @param location the mem name, the canonical directory, or {@code host:port}
 */
public record BorealUrl(Kind kind, String key, String location) {

    public static final String PREFIX = "jdbc:boreal:";

    /** The three URL forms. */
    public enum Kind { MEMORY, FILE, NETWORK }

    /** Whether the driver is the one for {@code url} (it may still be malformed). */
    public static boolean accepts(String url) {
        return url != null && url.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    /** Parses an accepted URL; a malformed one fails with SQLState 08001. */
    public static BorealUrl parse(String url) throws SQLException {
        if (!accepts(url)) {
            throw malformed(url, "it does not start with " + PREFIX);
        }
        String rest = url.substring(PREFIX.length());
        if (rest.startsWith("mem:")) {
            String name = rest.substring("mem:".length());
            if (name.isBlank()) {
                throw malformed(url, "the database name is missing");
            }
            return new BorealUrl(Kind.MEMORY, "mem:" + name, name);
        }
        if (rest.startsWith("file:")) {
            String dir = rest.substring("file:".length());
            if (dir.isBlank()) {
                throw malformed(url, "the directory is missing");
            }
            Path canonical = canonical(url, dir);
            return new BorealUrl(Kind.FILE, "file:" + canonical, canonical.toString());
        }
        if (rest.startsWith("//")) {
            return new BorealUrl(Kind.NETWORK, null, rest.substring(2));
        }
        throw malformed(url, "expected mem:NAME, file:DIR or //host:port after " + PREFIX);
    }

    /** The engine config of an in-process database; not for {@link Kind#NETWORK}. */
    public Config config() {
        return switch (kind) {
            case MEMORY -> BorealDatabase.memoryConfig(location);
            case FILE -> BorealDatabase.fileConfig(Path.of(location));
            case NETWORK -> throw new IllegalStateException("no in-process config for " + location);
        };
    }

    /** The directory of a {@link Kind#FILE} URL. */
    public Path directory() {
        return Path.of(location);
    }

    private static Path canonical(String url, String dir) throws SQLException {
        try {
            Path path = Path.of(dir).toAbsolutePath().normalize();
            Path existing = path;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            return existing == null ? path : existing.toRealPath().resolve(existing.relativize(path));
        } catch (InvalidPathException | IOException e) {
            throw new SQLNonTransientConnectionException(
                    "malformed URL " + url + ": bad directory: " + e.getMessage(), "08001", e);
        }
    }

    private static SQLException malformed(String url, String why) {
        return new SQLNonTransientConnectionException("malformed URL " + url + ": " + why, "08001");
    }
}
