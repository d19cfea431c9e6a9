package io.boreal.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.typesafe.config.ConfigFactory;

import io.boreal.txn.TimestampClient;

/**
 * Commits wait by message when the node's leased range of commit timestamps is used up: with a
 * lease of one timestamp nearly every commit finds the range empty, and one-partition commits,
 * two-phase commits and autocommit writes must all still complete, with nothing lost.
 */
class TimestampLeaseTest {

    private static final long WAIT_S = 60;
    private static final int SESSIONS = 8;
    private static final int ROUNDS = 40;
    private BorealDatabase db;

    @AfterEach
    void stop() {
        if (db != null) {
            db.close();
        }
    }

    private SqlSession session() throws Exception {
        return db.openSession("test").toCompletableFuture().get(WAIT_S, TimeUnit.SECONDS);
    }

    private static StatementResult run(SqlSession s, String sql) throws Exception {
        return s.execute(sql, List.of()).toCompletableFuture().get(WAIT_S, TimeUnit.SECONDS);
    }

    private static long single(SqlSession s, String sql) throws Exception {
        return ((Number) ((StatementResult.Rows) run(s, sql)).rows().get(0)[0]).longValue();
    }

    /** Each lease crosses the transport under test: Aeron UDP (the default), Aeron IPC, or Akka asks. */
    @ParameterizedTest
    @CsvSource({"cts, aeron, udp", "active_list, aeron, udp", "cts, aeron, ipc", "cts, akka, udp"})
    void commitsWaitForTheNextLeaseAndAllComplete(String mvcc, String transport, String channel) throws Exception {
        db = BorealDatabase.start(ConfigFactory.parseMap(Map.of("boreal.mvcc.cts-lease", 1, "boreal.mvcc.mode", mvcc,
                        "boreal.timestamps.transport", transport, "boreal.timestamps.aeron.channel", channel))
                .withFallback(BorealDatabase.memoryConfig("lease-" + mvcc)));
        SqlSession setup = session();
        run(setup, "CREATE TABLE counters (id INT PRIMARY KEY, v BIGINT NOT NULL) PARTITION BY HASH(id) PARTITIONS 4");
        for (int id = 0; id < SESSIONS * 2; id++) {
            run(setup, "INSERT INTO counters (id, v) VALUES (" + id + ", 0)");
        }
        List<CompletableFuture<Void>> loops = new ArrayList<>();
        for (int s = 0; s < SESSIONS; s++) {
            int mine = s * 2;
            SqlSession session = session();
            loops.add(CompletableFuture.runAsync(() -> {
                try {
                    for (int round = 0; round < ROUNDS; round++) {
                        run(session, "BEGIN");
                        run(session, "UPDATE counters SET v = v + 1 WHERE id = " + mine);
                        run(session, "UPDATE counters SET v = v + 1 WHERE id = " + (mine + 1));
                        run(session, "COMMIT");
                        run(session, "UPDATE counters SET v = v + 1 WHERE id = " + mine); // autocommit
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).get(WAIT_S * 2, TimeUnit.SECONDS);
        assertEquals(SESSIONS * ROUNDS * 3L, single(setup, "SELECT SUM(v) FROM counters"));
        TimestampClient clock = (TimestampClient) db.node().txns().log().clock();
        assertTrue(clock.rangeEmptyCount() > 0, "the test never found the leased range empty");
    }
}
