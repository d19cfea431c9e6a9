/**
 * JDBC-lite: the java.sql driver of Boreal ({@link io.boreal.jdbc.BorealDriver}).
 *
 * <pre>
 *   application thread ── java.sql ──> BorealConnection ── SqlSession (async) ──> Session actor
 *          (blocks here, bounded)  <── reply (CompletionStage) ──────────────────┘
 * </pre>
 *
 * <p>The engine never blocks a thread; the driver blocks only the application's calling thread
 * while it waits for the engine's reply. Failures are {@link java.sql.SQLException}s with the
 * engine's SQLState, as the subclass JDBC names for its class (42 syntax, 23 integrity,
 * 40 rollback, 22 data, 08 connection, 0A not supported).
 *
 * <p>Thread-safety: the driver is thread-safe; a Connection and the statements and result sets
 * made from it are used by one thread at a time, as with most drivers (a pool hands each
 * connection to one thread at a time). Implementations live in {@code io.boreal.jdbc.impl}.
 */
package io.boreal.jdbc;
