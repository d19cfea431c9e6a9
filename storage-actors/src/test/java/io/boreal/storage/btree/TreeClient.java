package io.boreal.storage.btree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongFunction;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.boreal.storage.Key;

/**
 * Talks to one tree from the test thread: one request at a time ({@link #operate}), many at once
 * ({@link #operateAll}: every request is sent before the first reply is read, so splits overlap),
 * and scans, several of which may run at once ({@link #startScan} / {@link #awaitScan}).
 */
final class TreeClient {

    /** Only a guard against a hung tree; no test depends on how fast a reply comes. */
    static final Duration WAIT = Duration.ofSeconds(30);
    private static final AtomicLong SCAN_IDS = new AtomicLong();

    private final Consumer<BTree.Command> entry;
    private final TestProbe<BTree.Operated> operated;
    private final TestProbe<BTree.ScanChunk> chunks;
    private final Map<Long, TreeMap<Integer, BTree.ScanChunk>> pendingScans = new HashMap<>();

    /** Requests enter at the tree's current root. */
    TreeClient(ActorTestKit kit, IndexTree tree) {
        this(kit, tree::tell);
    }

    /** Requests enter at {@code page}, as if it were the root or a cached leaf. */
    TreeClient(ActorTestKit kit, ActorRef<BTree.Command> page) {
        this(kit, page::tell);
    }

    private TreeClient(ActorTestKit kit, Consumer<BTree.Command> entry) {
        this.entry = entry;
        this.operated = kit.createTestProbe(BTree.Operated.class);
        this.chunks = kit.createTestProbe(BTree.ScanChunk.class);
    }

    static Key key(long k) {
        return Key.of(k);
    }

    BTree.Operated operate(Key key, Decision decision) {
        entry.accept(new BTree.Operate(key, decision, operated.getRef()));
        BTree.Operated reply = operated.receiveMessage(WAIT);
        assertEquals(key, reply.key(), "reply for another key");
        return reply;
    }

    Object get(long k) {
        return operate(key(k), Decision.get()).reply();
    }

    boolean insert(long k, Object value) {
        return (Boolean) operate(key(k), Decision.insert(value)).reply();
    }

    Object put(long k, Object value) {
        return operate(key(k), Decision.put(value)).reply();
    }

    Object remove(long k) {
        return operate(key(k), Decision.remove()).reply();
    }

    /** Sends every request, then collects the replies (in arrival order). */
    List<BTree.Operated> operateAll(List<Map.Entry<Key, Decision>> requests) {
        sendAll(requests);
        return awaitOperated(requests.size());
    }

    void sendAll(List<Map.Entry<Key, Decision>> requests) {
        for (Map.Entry<Key, Decision> request : requests) {
            entry.accept(new BTree.Operate(request.getKey(), request.getValue(), operated.getRef()));
        }
    }

    /** The next {@code count} replies to requests sent with {@link #sendAll}. */
    List<BTree.Operated> awaitOperated(int count) {
        return operated.receiveSeveralMessages(count, WAIT);
    }

    /** Inserts every key with {@code value(k)} at once and asserts each insert stored its row. */
    void insertAllAtOnce(List<Long> keys, LongFunction<Object> value) {
        List<Map.Entry<Key, Decision>> requests = new ArrayList<>(keys.size());
        for (long k : keys) {
            requests.add(Map.entry(key(k), Decision.insert(value.apply(k))));
        }
        for (BTree.Operated reply : operateAll(requests)) {
            assertEquals(Boolean.TRUE, reply.reply(), "insert of new key " + reply.key() + " did not store it");
        }
    }

    List<Map.Entry<Key, Object>> scan(Key from, Key to, int limit) {
        return awaitScan(startScan(from, to, limit));
    }

    long startScan(Key from, Key to, int limit) {
        long scanId = SCAN_IDS.incrementAndGet();
        pendingScans.put(scanId, new TreeMap<>());
        entry.accept(new BTree.Scan(scanId, from, to, limit, chunks.getRef(), 0));
        return scanId;
    }

    /** The scan's entries, its chunks put in sequence order; fails on a duplicate or stray chunk. */
    List<Map.Entry<Key, Object>> awaitScan(long scanId) {
        TreeMap<Integer, BTree.ScanChunk> mine = pendingScans.get(scanId);
        assertTrue(mine != null, "scan " + scanId + " was not started here");
        while (!complete(mine)) {
            BTree.ScanChunk chunk = chunks.receiveMessage(WAIT);
            TreeMap<Integer, BTree.ScanChunk> of = pendingScans.get(chunk.scanId());
            if (of == null) {
                fail("chunk of unknown scan " + chunk.scanId() + ": " + chunk);
            }
            assertNull(of.put(chunk.sequence(), chunk), "scan " + chunk.scanId() + ": chunk "
                    + chunk.sequence() + " came twice");
        }
        pendingScans.remove(scanId);
        List<Map.Entry<Key, Object>> entries = new ArrayList<>();
        mine.values().forEach(chunk -> entries.addAll(chunk.entries()));
        return entries;
    }

    private static boolean complete(TreeMap<Integer, BTree.ScanChunk> chunks) {
        List<BTree.ScanChunk> last = chunks.values().stream().filter(BTree.ScanChunk::done).toList();
        if (last.isEmpty()) {
            return false;
        }
        assertEquals(1, last.size(), "a scan has exactly one last chunk: " + chunks.keySet());
        int lastSequence = last.get(0).sequence();
        assertEquals(lastSequence, chunks.lastKey(), "a chunk numbered after the last one: " + chunks.keySet());
        if (chunks.size() == lastSequence + 1) {
            assertEquals(0, chunks.firstKey(), "chunks are numbered from 0: " + chunks.keySet());
            return true;
        }
        return false;
    }
}
