package io.boreal.multijvm;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;

/**
 * The victim of {@link TwoPhaseCrashIT}, forked with {@code -Dboreal.crash-point=…}: on a fresh
 * file database ({@code args[0]}) it creates {@code spread}, {@value #ROWS} rows over 8 hash
 * partitions, each inserted by its own autocommit statement (one partition each: one-phase
 * commits, which never reach the crash point), prints {@code READY}, then updates every row in one
 * transaction (so over several partitions) and commits — a two-phase commit, which the hook
 * halts with exit code 137. {@code UPDATED} is printed before the COMMIT, {@code COMMITTED} only
 * if the COMMIT returned (it must not).
 */
public final class CrossPartitionCommitNode {

    /** Ids 1..ROWS: with 8 hash partitions this many keys touch far more than the 3 partitions the test needs. */
    static final int ROWS = 16;
    /** Every row's value before the transaction. */
    static final long BEFORE = 0;
    /** What the transaction adds to every row. */
    static final long DELTA = 1;

    private CrossPartitionCommitNode() {
    }

    public static void main(String[] args) {
        try {
            run("jdbc:boreal:file:" + args[0]);
        } catch (Throwable e) {
            // Not the crash: fail fast (the engine's threads would keep a JVM alive after main threw).
            e.printStackTrace();
            Runtime.getRuntime().halt(1);
        }
        System.exit(0);
    }

    private static void run(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE spread (id INT PRIMARY KEY, v BIGINT NOT NULL) PARTITION BY HASH(id) PARTITIONS 8");
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO spread (id, v) VALUES (?, ?)")) {
                for (int id = 1; id <= ROWS; id++) {
                    insert.setInt(1, id);
                    insert.setLong(2, BEFORE);
                    insert.executeUpdate();
                }
            }
            say("READY");
            c.setAutoCommit(false);
            try (PreparedStatement update = c.prepareStatement("UPDATE spread SET v = v + ? WHERE id = ?")) {
                for (int id = 1; id <= ROWS; id++) {
                    update.setLong(1, DELTA);
                    update.setInt(2, id);
                    if (update.executeUpdate() != 1) {
                        throw new IllegalStateException("row " + id + " not found");
                    }
                }
            }
            say("UPDATED");
            c.commit();
            say("COMMITTED");
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
