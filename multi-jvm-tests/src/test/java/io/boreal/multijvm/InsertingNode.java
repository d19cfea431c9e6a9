package io.boreal.multijvm;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The victim of {@link KillWhileInsertingIT}: opens a file database, then inserts rows from
 * several connections forever (ids from {@code args[1]} on), printing {@code ACK id} only after each INSERT returned (that is,
 * after the engine acknowledged it as durable). It never exits by itself.
 */
public final class InsertingNode {

    static final int WRITERS = 4;

    /** The one value a row with this id may carry: any other value is a torn or wrong row. */
    static String payloadOf(long id) {
        return ("row-" + id + "-").repeat(4);
    }

    public static void main(String[] args) throws Exception {
        String url = "jdbc:boreal:file:" + args[0];
        long firstId = Long.parseLong(args[1]);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS acked (id BIGINT PRIMARY KEY, payload VARCHAR(200) NOT NULL)");
        }
        PrintStream out = System.out;
        out.println("READY");
        out.flush();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            Thread t = new Thread(() -> insertForever(url, firstId + writer, out), "writer-" + w);
            t.start();
            writers.add(t);
        }
        for (Thread t : writers) {
            t.join();
        }
    }

    private static void insertForever(String url, long firstId, PrintStream out) {
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement insert = c.prepareStatement("INSERT INTO acked (id, payload) VALUES (?, ?)")) {
            for (long id = firstId; ; id += WRITERS) {
                insert.setLong(1, id);
                insert.setString(2, payloadOf(id));
                insert.executeUpdate();
                synchronized (out) {
                    out.println("ACK " + id);
                    out.flush();
                }
            }
        } catch (Exception e) {
            e.printStackTrace();
        }
    }
}
