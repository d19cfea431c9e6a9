package io.boreal.storage.journal.impl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import akka.persistence.AtomicWrite;
import akka.persistence.PersistentRepr;
import akka.persistence.journal.Tagged;
import akka.serialization.Serialization;
import akka.serialization.Serializer;
import akka.serialization.Serializers;
import scala.util.Try;

/**
 * The {@code AtomicWrite}s of one {@code doAsyncWriteMessages} call, serialized and measured on
 * the journal actor's thread so that the log writer only copies bytes.
 *
 * <p>Records are flattened into parallel arrays (one allocation per array per call, none per
 * record beyond the serialized payload). Accepted AtomicWrites are groups
 * {@code [groupEnds[g-1], groupEnds[g])} of those arrays; a rejected one (payload not
 * serializable, a string longer than 65535 UTF-8 bytes, metadata) has no records and an
 * exception in {@link #results}.
 */
// Hot path: built once per write call of every persistent actor.
final class AppendBatch implements LogRequest {

    private static final List<Optional<Exception>> ALL_ACCEPTED = Collections.emptyList();

    final PersistentRepr[] reprs;
    final byte[][] payloads;
    final int[] serializerIds;
    final String[] serializerManifests;
    final int[] recordLengths;
    int records;

    final PersistenceIdEntries[] owners;
    final int[] groupEnds;
    int groups;

    /** Per AtomicWrite, in call order; the empty list (Akka's "all accepted") when none was rejected. */
    List<Optional<Exception>> results = ALL_ACCEPTED;
    int rejected;
    final CompletableFuture<Iterable<Optional<Exception>>> done = new CompletableFuture<>();

    private AppendBatch(int atomicWrites, int recordCapacity) {
        reprs = new PersistentRepr[recordCapacity];
        payloads = new byte[recordCapacity][];
        serializerIds = new int[recordCapacity];
        serializerManifests = new String[recordCapacity];
        recordLengths = new int[recordCapacity];
        owners = new PersistenceIdEntries[atomicWrites];
        groupEnds = new int[atomicWrites];
    }

    static AppendBatch prepare(Iterable<AtomicWrite> messages, Serialization serialization, JournalIndex index) {
        int atomicWrites = 0;
        int recordCapacity = 0;
        for (AtomicWrite write : messages) {
            atomicWrites++;
            recordCapacity += write.size();
        }
        AppendBatch batch = new AppendBatch(atomicWrites, recordCapacity);
        int w = 0;
        for (AtomicWrite write : messages) {
            Exception rejection = batch.addGroup(write, serialization, index);
            if (rejection != null) {
                batch.reject(w, atomicWrites, rejection);
            }
            w++;
        }
        return batch;
    }

    private Exception addGroup(AtomicWrite write, Serialization serialization, JournalIndex index) {
        int first = records;
        String persistenceId = write.persistenceId();
        int pidLength = RecordDescriptor.utf8Length(persistenceId);
        if (pidLength > RecordDescriptor.MAX_STRING_LENGTH) {
            return new IllegalArgumentException("persistenceId longer than 65535 UTF-8 bytes");
        }
        scala.collection.Iterator<PersistentRepr> it = write.payload().iterator();
        while (it.hasNext()) {
            PersistentRepr repr = it.next();
            if (repr.metadata().isDefined()) {
                records = first;
                // TODO(feature): store PersistentRepr.metadata (used by Replicated Event Sourcing only).
                return new UnsupportedOperationException("the boreal file journal does not store event metadata");
            }
            Object payload = repr.payload();
            if (payload instanceof Tagged tagged) {
                payload = tagged.payload(); // TODO(feature): keep tags once there is a query side
            }
            Try<byte[]> bytes = serialization.serialize(payload);
            if (bytes.isFailure()) {
                records = first;
                return asException(bytes.failed().get());
            }
            Serializer serializer = serialization.findSerializerFor(payload);
            String serializerManifest = Serializers.manifestFor(serializer, payload);
            int uuidLength = RecordDescriptor.utf8Length(repr.writerUuid());
            int manifestLength = RecordDescriptor.utf8Length(repr.manifest());
            int serializerManifestLength = RecordDescriptor.utf8Length(serializerManifest);
            if (uuidLength > RecordDescriptor.MAX_STRING_LENGTH || manifestLength > RecordDescriptor.MAX_STRING_LENGTH
                || serializerManifestLength > RecordDescriptor.MAX_STRING_LENGTH) {
                records = first;
                return new IllegalArgumentException("writerUuid or a manifest is longer than 65535 UTF-8 bytes");
            }
            byte[] payloadBytes = bytes.get();
            long length = (long) RecordDescriptor.recordLength(pidLength, uuidLength, manifestLength,
                serializerManifestLength, 0) + payloadBytes.length;
            if (length > Integer.MAX_VALUE - 8) {
                records = first;
                return new IllegalArgumentException("event of " + payloadBytes.length + " bytes is too large");
            }
            reprs[records] = repr;
            payloads[records] = payloadBytes;
            serializerIds[records] = serializer.identifier();
            serializerManifests[records] = serializerManifest;
            recordLengths[records] = (int) length;
            records++;
        }
        if (records == first) {
            return null; // an empty AtomicWrite: nothing to write, nothing to reject
        }
        owners[groups] = index.getOrCreate(persistenceId);
        groupEnds[groups] = records;
        groups++;
        return null;
    }

    private void reject(int atomicWriteIndex, int atomicWrites, Exception rejection) {
        if (results == ALL_ACCEPTED) {
            results = new ArrayList<>(Collections.nCopies(atomicWrites, Optional.empty()));
        }
        results.set(atomicWriteIndex, Optional.of(rejection));
        rejected++;
    }

    private static Exception asException(Throwable t) {
        return t instanceof Exception e ? e : new RuntimeException(t);
    }

    long groupLength(int groupStart, int groupEnd) {
        long sum = 0;
        for (int i = groupStart; i < groupEnd; i++) {
            sum += recordLengths[i];
        }
        return sum;
    }

    @Override
    public void fail(Throwable cause) {
        done.completeExceptionally(cause);
    }
}
