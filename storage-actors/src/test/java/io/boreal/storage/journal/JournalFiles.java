package io.boreal.storage.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/** Looks at and damages segment files the way crashes and bad disks do. */
public final class JournalFiles {

    private JournalFiles() {
    }

    /** Segment files of {@code dir}, oldest first. */
    public static List<Path> segments(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".journal")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path lastSegment(Path dir) {
        List<Path> segments = segments(dir);
        return segments.get(segments.size() - 1);
    }

    public static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Cuts the last {@code bytes} bytes off, as a write torn by a crash leaves a file. */
    public static void truncateBy(Path file, long bytes) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Inverts the byte at {@code offset}. */
    public static void flipByte(Path file, long offset) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            channel.read(b, offset);
            b.put(0, (byte) ~b.get(0)).position(0);
            channel.write(b, offset);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
