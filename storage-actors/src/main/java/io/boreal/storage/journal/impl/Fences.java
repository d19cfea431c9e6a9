package io.boreal.storage.journal.impl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.stream.Stream;

import io.boreal.storage.journal.JournalCounters;

/**
 * Who may write each persistenceId of a journal directory that several nodes share (PolarDB's
 * shared storage, on one machine): each node appends to its own log under {@code logs/<node>},
 * and a persistenceId has one writer at a time, the holder of its newest epoch.
 *
 * <pre>
 *  shared/
 *    logs/&lt;node&gt;/NNN.journal           each node's own log (its writer holds its LOCK)
 *    fences/&lt;hex of persistenceId&gt;/
 *      0000000001          epoch 1, taken by the node named inside (created exclusively)
 *      0000000001.ready    its history is complete in that node's log
 *      0000000002          epoch 2, taken by another node: epoch 1's holder is fenced
 * </pre>
 *
 * <p>Protocol. A node that recovers a persistenceId first takes the next epoch (an exclusive file
 * create: of two nodes racing, one gets it, the other takes the one after); then it reads the
 * history from the log of the newest ready epoch's holder (its own log when that is itself, else
 * it copies that history into its own log behind a RESET marker); then it marks its epoch ready.
 * A writer acknowledges a write only after its records are durable and it has checked that no
 * later epoch exists. So once a new holder has taken its epoch, the old one acknowledges nothing
 * more (a paused JVM, a split brain), and every write it acknowledged before was durable before
 * the new holder read its log: nothing acknowledged is lost by a move.
 *
 * <p>Invariants: epochs of a persistenceId are taken in increasing order and each by one node; a
 * history is read only from the log of a ready epoch's holder, after the reader has taken a
 * newer epoch.
 *
 * <p>Thread-safety: stateless apart from the file system; any thread.
 */
final class Fences {

    private static final String READY = ".ready";

    private final Path root;
    private final String node;
    private final boolean fsync;
    private final JournalCounters counters;

    /** An epoch a node holds for one persistenceId. */
    record Tenure(String persistenceId, long epoch) {
    }

    /** The newest ready epoch of a persistenceId and the node whose log holds its history. */
    record Holder(long epoch, String node) {
    }

    Fences(Path shared, String node, boolean fsync, JournalCounters counters) {
        this.root = shared.resolve("fences");
        this.node = node;
        this.fsync = fsync;
        this.counters = counters;
    }

    String node() {
        return node;
    }

    /** Takes the next epoch of {@code persistenceId} for this node; every earlier holder is fenced from now on. */
    Tenure take(String persistenceId) throws IOException {
        Path dir = dir(persistenceId);
        Files.createDirectories(dir);
        long epoch = newestEpoch(dir, false) + 1;
        while (true) {
            try {
                Files.write(dir.resolve(name(epoch)), node.getBytes(StandardCharsets.UTF_8),
                        java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
                break;
            } catch (FileAlreadyExistsException raced) {
                epoch++;
            }
        }
        if (fsync) {
            LogWriter.forceDirectory(dir, counters);
        }
        return new Tenure(persistenceId, epoch);
    }

    /** True while no later epoch than {@code tenure}'s has been taken. */
    boolean stillHeld(String persistenceId, long epoch) {
        return epoch > 0 && !Files.exists(dir(persistenceId).resolve(name(epoch + 1)));
    }

    /** The newest ready epoch before {@code tenure}'s, or null for a persistenceId never written. */
    Holder newestReady(Tenure tenure) throws IOException {
        Path dir = dir(tenure.persistenceId());
        long epoch = newestEpoch(dir, true, tenure.epoch());
        return epoch == 0 ? null : new Holder(epoch, Files.readString(dir.resolve(name(epoch)), StandardCharsets.UTF_8));
    }

    /** The history of {@code tenure} is durable in this node's log: later holders read it from there. */
    void markReady(Tenure tenure) throws IOException {
        Path dir = dir(tenure.persistenceId());
        Files.write(dir.resolve(name(tenure.epoch()) + READY), new byte[0]);
        if (fsync) {
            LogWriter.forceDirectory(dir, counters);
        }
    }

    private Path dir(String persistenceId) {
        return root.resolve(HexFormat.of().formatHex(persistenceId.getBytes(StandardCharsets.UTF_8)));
    }

    private static String name(long epoch) {
        return String.format("%010d", epoch);
    }

    private static long newestEpoch(Path dir, boolean ready) throws IOException {
        return newestEpoch(dir, ready, Long.MAX_VALUE);
    }

    /** The newest epoch below {@code below} (ready ones only, if asked), 0 when there is none. */
    private static long newestEpoch(Path dir, boolean ready, long below) throws IOException {
        long newest = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                boolean isReady = name.endsWith(READY);
                if (isReady != ready) {
                    continue;
                }
                String digits = isReady ? name.substring(0, name.length() - READY.length()) : name;
                try {
                    long epoch = Long.parseLong(digits);
                    if (epoch < below && epoch > newest) {
                        newest = epoch;
                    }
                } catch (NumberFormatException ignored) {
                    // not a fence file (an editor's backup, say): not ours to judge
                }
            }
        } catch (NoSuchFileException none) {
            return 0;
        }
        return newest;
    }
}
