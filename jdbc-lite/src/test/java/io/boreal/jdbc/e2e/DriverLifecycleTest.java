package io.boreal.jdbc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.boreal.actors.BorealDatabase;
import io.boreal.actors.StatementResult;
import io.boreal.jdbc.BorealDriver;

/** How in-process databases are started, shared, registered and shut down by URL. */
class DriverLifecycleTest {

    @Test
    void oneNameIsOneDatabaseAndAnotherNameAnother() throws SQLException {
        String url = Sql.memUrl("shared");
        String other = Sql.memUrl("other");
        try (Connection a = DriverManager.getConnection(url); Connection b = DriverManager.getConnection(url);
             Connection c = DriverManager.getConnection(other)) {
            Sql.exec(a, "CREATE TABLE t (id INT PRIMARY KEY)", "INSERT INTO t (id) VALUES (1)");
            assertEquals(1, Sql.single(b, "SELECT COUNT(*) FROM t"));
            assertEquals("42S02", assertThrows(SQLException.class, () -> Sql.single(c, "SELECT COUNT(*) FROM t")).getSQLState());
        } finally {
            BorealDriver.shutdown(url);
            BorealDriver.shutdown(other);
        }
    }

    @Test
    void shutdownClosesOpenConnectionsAndForgetsAMemoryDatabase() throws SQLException {
        String url = Sql.memUrl("forget");
        try (Connection c = DriverManager.getConnection(url)) {
            Sql.exec(c, "CREATE TABLE t (id INT PRIMARY KEY)");
            BorealDriver.shutdown(url);
            assertTrue(c.isClosed());
            assertTrue(assertThrows(SQLException.class, c::createStatement).getSQLState().startsWith("08"));
        }
        try (Connection fresh = DriverManager.getConnection(url)) {
            assertEquals("42S02", assertThrows(SQLException.class,
                    () -> Sql.single(fresh, "SELECT COUNT(*) FROM t")).getSQLState());
        } finally {
            BorealDriver.shutdown(url);
        }
    }

    @Test
    void concurrentFirstConnectionsStartOneDatabase() throws Exception {
        String url = Sql.memUrl("race");
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Connection> connections = new ArrayList<>();
        try {
            List<Future<Connection>> opened = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                opened.add(pool.submit(() -> {
                    start.await();
                    return DriverManager.getConnection(url);
                }));
            }
            for (Future<Connection> f : opened) {
                connections.add(f.get(5, TimeUnit.MINUTES));
            }
            Sql.exec(connections.get(0), "CREATE TABLE t (id INT PRIMARY KEY)", "INSERT INTO t (id) VALUES (7)");
            for (Connection c : connections) {
                assertEquals(1, Sql.single(c, "SELECT COUNT(*) FROM t WHERE id = 7"));
            }
        } finally {
            pool.shutdownNow();
            for (Connection c : connections) {
                c.close();
            }
            BorealDriver.shutdown(url);
        }
    }

    @Test
    void aRegisteredDatabaseIsReachableAndStaysTheApplicationsToClose() throws Exception {
        String name = "app-" + UUID.randomUUID();
        String url = "jdbc:boreal:mem:" + name;
        BorealDatabase db = BorealDatabase.start(BorealDatabase.memoryConfig(name));
        try {
            BorealDriver.register(url, db);
            BorealDriver.register(url, db);
            try (Connection c = DriverManager.getConnection(url)) {
                Sql.exec(c, "CREATE TABLE t (id INT PRIMARY KEY)", "INSERT INTO t (id) VALUES (1)");
                BorealDriver.shutdown(url);
                assertTrue(c.isClosed());
            }
            var session = db.openSession("still-open").toCompletableFuture().get(1, TimeUnit.MINUTES);
            assertInstanceOf(StatementResult.Rows.class,
                    session.execute("SELECT id FROM t", List.of()).toCompletableFuture().get(1, TimeUnit.MINUTES));
            session.close().toCompletableFuture().get(1, TimeUnit.MINUTES);
        } finally {
            BorealDriver.shutdown(url);
            db.close();
        }
    }

    @Test
    void registeringASecondDatabaseAtAnOpenUrlFails() throws SQLException {
        String url = Sql.memUrl("taken");
        try (Connection c = DriverManager.getConnection(url)) {
            String name = "other-" + UUID.randomUUID();
            BorealDatabase other = BorealDatabase.start(BorealDatabase.memoryConfig(name));
            try {
                assertEquals("08002", assertThrows(SQLException.class, () -> BorealDriver.register(url, other)).getSQLState());
            } finally {
                other.close();
            }
        } finally {
            BorealDriver.shutdown(url);
        }
    }
}
