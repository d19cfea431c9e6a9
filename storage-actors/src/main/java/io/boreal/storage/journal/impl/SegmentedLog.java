package io.boreal.storage.journal.impl;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import io.boreal.storage.journal.JournalCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open journal directory: its lock, its recovered index and segments, and its writer.
 *
 * <pre>
 *  dir/
 *    LOCK                               held (OS file lock) while open
 *    00000000000000000007.journal       sealed segment
 *    00000000000000000008.journal       active segment: the writer appends here
 * </pre>
 *
 * <p>One open {@code SegmentedLog} per directory: a second open in this JVM or another process
 * fails while the first holds the lock. The OS drops the lock when its process dies (kill -9
 * included), so a survivor can open a dead node's directory; closing releases it for the next
 * open in the same JVM (an ActorSystem restart).
 */
final class SegmentedLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SegmentedLog.class);
    private static final long CLOSE_TIMEOUT_MS = 30_000;

    final JournalSettings settings;
    /** The fence epochs of a shared directory, null for a journal of its own. */
    final Fences fences;
    final JournalIndex index = new JournalIndex();
    final SegmentTable segments = new SegmentTable();
    private final FileChannel lockChannel;
    private final FileLock lock;
    private LogWriter writer;

    private SegmentedLog(JournalSettings settings, FileChannel lockChannel, FileLock lock, JournalCounters counters) {
        this.settings = settings;
        this.fences = settings.shared() ? new Fences(settings.sharedDir(), settings.node(), settings.fsync(), counters) : null;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Locks the directory, runs the recovery scan and starts the writer. */
    static SegmentedLog open(JournalSettings settings, JournalCounters counters) throws IOException {
        Path dir = settings.dir().toAbsolutePath();
        Files.createDirectories(dir);
        if (settings.fsync() && dir.getParent() != null) {
            LogWriter.forceDirectory(dir.getParent(), counters); // a new directory's own entry
        }
        FileChannel lockChannel = FileChannel.open(dir.resolve("LOCK"), StandardOpenOption.CREATE,
            StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lockChannel.close();
            throw new IllegalStateException("journal directory " + dir + " is already open in this JVM");
        }
        if (lock == null) {
            lockChannel.close();
            throw new IllegalStateException("journal directory " + dir + " is locked by another process");
        }
        SegmentedLog opened = new SegmentedLog(settings, lockChannel, lock, counters);
        try {
            opened.recoverAndStart(counters);
            return opened;
        } catch (IOException | RuntimeException | Error e) {
            opened.closeFiles();
            throw e;
        }
    }

    private void recoverAndStart(JournalCounters counters) throws IOException {
        long t0 = System.nanoTime();
        LogRecovery recovery = new LogRecovery(settings, index, segments, counters);
        recovery.run();
        long nanos = System.nanoTime() - t0;
        counters.onRecovered(recovery.recoveredRecords, nanos, recovery.truncatedBytes);
        log.info("journal {}: recovered {} records of {} persistenceIds from {} segments in {} ms",
            settings.dir(), recovery.recoveredRecords, index.size(), segments.snapshot().length, nanos / 1_000_000);
        writer = new LogWriter(settings, segments, counters, recovery.active, recovery.activeEnd, fences);
        writer.start();
    }

    /** Queues a request for the writer; call from the journal actor only. */
    void submit(LogRequest request) {
        writer.submit(request);
    }

    /** Writes what is queued, stops the writer, closes every file and releases the lock. */
    @Override
    public void close() {
        try {
            if (writer != null) {
                writer.close(CLOSE_TIMEOUT_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeFiles();
        }
    }

    private void closeFiles() {
        for (Segment segment : segments.snapshot()) {
            try {
                segment.close();
            } catch (IOException e) {
                log.warn("closing journal segment {} failed", segment.path, e);
            }
        }
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            log.warn("releasing the lock of journal directory {} failed", settings.dir(), e);
        }
    }
}
