package io.boreal.bench.impl;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/**
 * Where an in-process benchmark keeps its database (a picocli mixin): {@code --storage},
 * {@code --fsync}, {@code --dir}. Read them through {@link #check}, which refuses bad values with
 * an {@link IllegalArgumentException} (exit code 2 under {@link BenchExit}).
 */
public final class StorageOptions {

    @Option(names = "--storage", defaultValue = "file",
            description = "file (durable, group-committed redo log) or mem (its journal keeps every event on the"
                    + " heap, so long runs grow it) (default: ${DEFAULT-VALUE}).")
    String storage;

    @Option(names = "--fsync", defaultValue = "on",
            description = "With --storage file: on or off (off skips the disk flush; comparison only)"
                    + " (default: ${DEFAULT-VALUE}).")
    String fsync;

    @Option(names = "--dir", description = "Where the database goes with --storage file (default: a fresh"
            + " temporary directory, deleted at the end).")
    Path dir;

    /**
     * Checks the values; {@code dirWithoutFile} allows {@code --dir} with {@code --storage mem}
     * (a benchmark with a part that always uses files).
     */
    public StorageOptions check(boolean dirWithoutFile) {
        if (!storage.equals("mem") && !storage.equals("file")) {
            throw new IllegalArgumentException("--storage is mem or file, not " + storage);
        }
        if (!fsync.equals("on") && !fsync.equals("off")) {
            throw new IllegalArgumentException("--fsync is on or off, not " + fsync);
        }
        if (dir != null && !fileMode() && !dirWithoutFile) {
            throw new IllegalArgumentException("--dir needs --storage file");
        }
        return this;
    }

    public boolean fileMode() {
        return storage.equals("file");
    }

    public boolean fsync() {
        return fsync.equals("on");
    }

    public Path dir() {
        return dir;
    }

    /** As the benchmarks print it: {@code file, fsync on} or {@code mem}. */
    public String describe() {
        return storage + (fileMode() ? ", fsync " + fsync : "") + (dir != null ? " in " + dir : "");
    }
}
