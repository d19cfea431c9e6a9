package io.boreal.jdbc.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.boreal.jdbc.wire.Frame;
import io.boreal.jdbc.wire.FrameCodec;
import io.boreal.jdbc.wire.FrameReader;
import io.boreal.jdbc.wire.FrameWriter;
import io.boreal.jdbc.wire.ProtocolException;

/**
 * Bad input at the frame level: {@value #DEFAULT_FRAMES} frames (or {@code -Dboreal.fuzz.frames})
 * from raw sockets — valid requests, bit-flipped ones, truncated ones, oversized and negative
 * length prefixes, garbage bodies, server frames and second Hellos out of order, wrong versions,
 * and plain random byte streams — while a well-behaved JDBC client writes throughout.
 *
 * <p>Asserted: every reply the server sends decodes as a server frame and no error is XX000;
 * every connection ends within 30 s (the server refuses a bad frame and closes, answers the final
 * Close, takes the client's end-of-stream as the end, or closes it once idle); the well-behaved
 * client never fails and every insert it was told of is there afterwards; once the fuzzers are
 * gone no connection, session or thread is left over. Seeded: {@code -Dboreal.fuzz.seed=N}.
 */
class FrameFuzzTest {

    private static final int DEFAULT_FRAMES = 100_000;
    private static final List<String> CORPUS = List.of(
            "INSERT INTO fz (id, v, d) VALUES (?, ?, ?)",
            "SELECT * FROM fz WHERE id = ?",
            "SELECT id, v FROM fz WHERE id > ? ORDER BY id LIMIT ?",
            "UPDATE fz SET v = ?, d = ? WHERE id = ?",
            "DELETE FROM fz WHERE id = ?",
            "SELECT COUNT(*), SUM(d), MAX(v) FROM fz",
            "SELECT * FROM fz",
            "SELECT ?, ?",
            "SELECT * FROM ledger WHERE id = ?");

    private final Queue<String> failures = new ConcurrentLinkedQueue<>();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();

    @Test
    void mutatedFramesNeitherBreakTheServerNorLeakAnything() throws Exception {
        int frames = Integer.getInteger("boreal.fuzz.frames", DEFAULT_FRAMES);
        long seed = Long.getLong("boreal.fuzz.seed", 11L);
        try (TestServers node = TestServers.start("boreal.server.max-connections = 500\nboreal.server.idle-timeout = 1s\nboreal.statement-timeout = 5s")) {
            try (Connection c = DriverManager.getConnection(node.url())) {
                Sql.exec(c, "CREATE TABLE fz (id INT PRIMARY KEY, v VARCHAR(20), d DECIMAL(10,2)) PARTITION BY HASH(id) PARTITIONS 4");
                Sql.exec(c, "CREATE TABLE ledger (id INT PRIMARY KEY, note VARCHAR(20)) PARTITION BY HASH(id) PARTITIONS 4");
            }
            int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();

            AtomicBoolean stop = new AtomicBoolean();
            List<Integer> acked = new ArrayList<>();
            Thread writer = new Thread(() -> writeLedger(node, stop, acked), "well-behaved-client");
            writer.start();
            List<Thread> fuzzers = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                Random random = new Random(seed * 31 + t);
                Thread f = new Thread(() -> {
                    while (sent.get() < frames && failures.size() < 20) {
                        fuzzOneConnection(node.server.port(), random);
                    }
                }, "fuzzer-" + t);
                fuzzers.add(f);
                f.start();
            }
            for (Thread f : fuzzers) {
                f.join(TimeUnit.MINUTES.toMillis(10));
            }
            stop.set(true);
            writer.join(TimeUnit.MINUTES.toMillis(1));
            assertTrue(failures.isEmpty(), failures.size() + " failures, first: " + failures.peek());
            assertTrue(sent.get() >= frames, "sent " + sent.get());

            try (Connection c = DriverManager.getConnection(node.url())) {
                assertTrue(acked.size() > 0, "the well-behaved client wrote nothing");
                assertEquals(acked.size(), Sql.count(c, "SELECT COUNT(*) FROM ledger"),
                        "acknowledged inserts of the well-behaved client");
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while ((node.server.openConnections() > 0 || node.server.openSessions() > 0)
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(0, node.server.openConnections(), "connections left open");
            assertEquals(0, node.server.openSessions(), "sessions left open");
            int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
            assertTrue(threadsAfter <= threadsBefore + 16,
                    "threads " + threadsBefore + " before, " + threadsAfter + " after " + connections + " connections");
            System.out.printf("frame fuzz: %d frames over %d connections, %d acknowledged inserts, threads %d -> %d%n",
                    sent.get(), connections.get(), acked.size(), threadsBefore, threadsAfter);
        }
    }

    /** Inserts one row per statement until told to stop; each id it was answered for is acknowledged. */
    private void writeLedger(TestServers node, AtomicBoolean stop, List<Integer> acked) {
        try (Connection c = DriverManager.getConnection(node.url());
             PreparedStatement insert = c.prepareStatement("INSERT INTO ledger (id, note) VALUES (?, 'ok')")) {
            for (int id = 1; !stop.get(); id++) {
                insert.setInt(1, id);
                insert.executeUpdate();
                acked.add(id);
                Thread.sleep(2);
            }
        } catch (SQLException | InterruptedException e) {
            failures.add("the well-behaved client failed: " + e);
        }
    }

    private void fuzzOneConnection(int port, Random r) {
        connections.incrementAndGet();
        List<String> trace = new ArrayList<>();
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            int mode = r.nextInt(20);
            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            if (mode == 0) { // a random byte stream from the first byte on
                byte[] noise = new byte[1 + r.nextInt(4096)];
                r.nextBytes(noise);
                burst.write(noise);
                sent.incrementAndGet();
            } else if (mode == 1) { // a Hello of another protocol version or magic, or a request first
                Frame first = r.nextBoolean()
                        ? new Frame.Hello(r.nextBoolean() ? Frame.MAGIC : r.nextInt(), Frame.VERSION + 1 + r.nextInt(3),
                                "app", "s3cret", "fuzz")
                        : request(r);
                burst.write(encode(first));
                sent.incrementAndGet();
            } else {
                s.getOutputStream().write(encode(new Frame.Hello(Frame.MAGIC, Frame.VERSION, "app", "s3cret", "fuzz")));
                Frame welcome = readFrame(new DataInputStream(s.getInputStream()));
                if (!(welcome instanceof Frame.Welcome)) {
                    failures.add("a valid Hello was answered with " + welcome);
                    return;
                }
                int n = 1 + r.nextInt(60);
                for (int i = 0; i < n; i++) {
                    Frame frame = request(r);
                    Mutated m = mutate(r, encode(frame));
                    trace.add(frame.getClass().getSimpleName() + " " + m.kind());
                    burst.write(m.bytes());
                }
                sent.addAndGet(n);
                burst.write(encode(new Frame.Close()));
            }
            // Zeros after the end: a zero length prefix, which the server refuses. A truncated
            // frame may instead leave the server inside a long "frame" whose length was read from
            // the middle of another; so the connection then ends with end-of-stream, which the
            // server must take as the end of the connection, or (one in ten) is left open, for
            // the server to close once it is idle.
            burst.write(new byte[1024]);
            s.getOutputStream().write(burst.toByteArray());
            if (r.nextInt(10) != 0) {
                s.shutdownOutput();
            }
            drain(s);
        } catch (SocketTimeoutException e) {
            failures.add("the server neither answered nor closed a connection for 30 s; it was sent " + trace);
        } catch (SocketException | EOFException e) {
            // the server closed first (it may reset a connection whose bytes it dropped unread)
        } catch (IOException | ProtocolException e) {
            failures.add(e.toString());
        }
    }

    /** Reads replies until the server closes; each must be a well-formed server frame, no XX000. */
    private void drain(Socket s) throws IOException, ProtocolException {
        DataInputStream in = new DataInputStream(s.getInputStream());
        while (true) {
            int length;
            try {
                length = in.readInt();
            } catch (EOFException e) {
                return;
            }
            if (length < 1 || length > 64 * 1024 * 1024) {
                failures.add("the server sent a frame length of " + length);
                return;
            }
            byte[] body = new byte[length];
            in.readFully(body);
            Frame reply = FrameCodec.read(new FrameReader().wrap(body, 0, length));
            if (reply instanceof Frame.Error e && (e.sqlState().equals("XX000") || e.sqlState().length() != 5)) {
                failures.add("error " + e.sqlState() + ": " + e.message());
            } else if (reply instanceof Frame.Hello || reply instanceof Frame.Execute) {
                failures.add("the server sent a client frame " + reply);
            }
        }
    }

    private static Frame readFrame(DataInputStream in) throws IOException, ProtocolException {
        int length = in.readInt();
        byte[] body = new byte[length];
        in.readFully(body);
        return FrameCodec.read(new FrameReader().wrap(body, 0, length));
    }

    // ---- frames and their mutations ------------------------------------------------------------

    /** A well-formed client request with plausible (sometimes stale or wrong) ids and values. */
    private static Frame request(Random r) {
        String sql = CORPUS.get(r.nextInt(CORPUS.size()));
        return switch (r.nextInt(12)) {
            case 0, 1, 2, 3 -> new Frame.Execute(r.nextInt(8) == 0 ? 1 + r.nextInt(4) : 0, sql, params(r),
                    r.nextInt(4) == 0 ? 2 : r.nextInt(100), 1 + r.nextInt(3000));
            case 4 -> new Frame.Prepare(sql);
            case 5 -> new Frame.Batch(r.nextInt(4) == 0 ? 1 + r.nextInt(4) : 0, sql,
                    List.of(params(r), params(r), params(r)), 1 + r.nextInt(3000));
            case 6 -> new Frame.Fetch(r.nextInt(6), r.nextInt(5) - 1);
            case 7 -> r.nextBoolean() ? new Frame.CloseCursor(r.nextInt(6)) : new Frame.CloseStatement(r.nextInt(6));
            case 8 -> new Frame.SetAutoCommit(r.nextBoolean());
            case 9 -> new Frame.EndTransaction(r.nextBoolean());
            case 10 -> r.nextInt(4) == 0 ? new Frame.Cancel() : new Frame.Ping();
            default -> outOfOrder(r);
        };
    }

    /** A frame that is well-formed but never valid from a client at this point. */
    private static Frame outOfOrder(Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> new Frame.Hello(Frame.MAGIC, Frame.VERSION, "app", "s3cret", "again");
            case 1 -> new Frame.Welcome(Frame.VERSION, "x", "y");
            case 2 -> new Frame.Error("00000", "from a client");
            case 3 -> new Frame.UpdateCount(r.nextLong(), List.of());
            default -> new Frame.Pong();
        };
    }

    private static List<Object> params(Random r) {
        List<Object> values = new ArrayList<>();
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
            values.add(switch (r.nextInt(9)) {
                case 0 -> null;
                case 1 -> r.nextInt(200);
                case 2 -> r.nextLong();
                case 3 -> "v" + r.nextInt(1000);
                case 4 -> r.nextBoolean() ? r.nextDouble() : Double.NaN;
                case 5 -> new BigDecimal(BigInteger.valueOf(r.nextLong()), r.nextInt(8) == 0 ? r.nextInt() : r.nextInt(40) - 20);
                case 6 -> r.nextBoolean();
                case 7 -> new Timestamp(r.nextLong() % 4_000_000_000_000L);
                default -> r.nextInt();
            });
        }
        return values;
    }

    private static byte[] encode(Frame frame) {
        FrameWriter w = new FrameWriter(256);
        FrameCodec.write(w, frame);
        return Arrays.copyOf(w.array(), w.length());
    }

    /** A frame as sent, and what was done to it. */
    private record Mutated(String kind, byte[] bytes) { }

    /** Half the frames stay valid; the rest are broken one way or another. */
    private static Mutated mutate(Random r, byte[] frame) {
        int roll = r.nextInt(100);
        if (roll < 55) {
            return new Mutated("valid", frame);
        } else if (roll < 72) { // flip bits in the body
            byte[] flipped = frame.clone();
            for (int i = 1 + r.nextInt(3); i > 0 && flipped.length > 4; i--) {
                flipped[4 + r.nextInt(flipped.length - 4)] ^= (byte) (1 << r.nextInt(8));
            }
            return new Mutated("bit-flipped", flipped);
        } else if (roll < 80) { // truncated: the length says more than is sent
            return new Mutated("truncated", Arrays.copyOf(frame, 4 + r.nextInt(frame.length - 4)));
        } else if (roll < 84) { // a length prefix out of range
            int[] lengths = {0, -1, Integer.MIN_VALUE, 16 * 1024 * 1024 + 1, Integer.MAX_VALUE};
            byte[] bad = frame.clone();
            int length = lengths[r.nextInt(lengths.length)];
            bad[0] = (byte) (length >>> 24);
            bad[1] = (byte) (length >>> 16);
            bad[2] = (byte) (length >>> 8);
            bad[3] = (byte) length;
            return new Mutated("length " + length, bad);
        } else if (roll < 92) { // garbage behind a correct length
            byte[] garbage = new byte[4 + 1 + r.nextInt(256)];
            r.nextBytes(garbage);
            int length = garbage.length - 4;
            garbage[0] = 0;
            garbage[1] = 0;
            garbage[2] = (byte) (length >>> 8);
            garbage[3] = (byte) length;
            return new Mutated("garbage", garbage);
        } else { // a wrong type byte on a valid body
            byte[] retyped = frame.clone();
            retyped[4] = (byte) r.nextInt(256);
            return new Mutated("type 0x" + Integer.toHexString(retyped[4] & 0xff), retyped);
        }
    }
}
