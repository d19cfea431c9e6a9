package io.boreal.bench.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where a benchmark's databases live: the directory the user named (kept), or a fresh
 * temporary one, deleted with everything in it on {@link #close()}.
 */
public final class ScratchDir implements AutoCloseable {

    private final Path path;
    private final boolean temporary;

    private ScratchDir(Path path, boolean temporary) {
        this.path = path;
        this.temporary = temporary;
    }

    /** {@code dir} when given, else a new temporary directory named after {@code prefix}. */
    public static ScratchDir of(Path dir, String prefix) throws IOException {
        return dir != null ? new ScratchDir(dir, false) : new ScratchDir(Files.createTempDirectory(prefix), true);
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        if (!temporary) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
