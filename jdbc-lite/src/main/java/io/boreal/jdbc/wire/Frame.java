package io.boreal.jdbc.wire;

import java.util.List;

import io.boreal.actors.ColumnInfo;

/**
 * The frames of the JDBC-lite wire protocol, one record per frame type; the type bytes are the
 * protocol's message ids and never change meaning (PROTOCOL.md has the whole table). Frames from
 * the client have types below 0x40, frames from the server 0x40 and above. {@link FrameCodec}
 * is the one place that writes and reads them, for client and server alike.
 */
public sealed interface Frame {

    /** "BORL": the first int32 of a Hello, so a stray connection is told apart at once. */
    int MAGIC = 0x424F524C;
    /** The protocol version this build speaks. */
    int VERSION = 1;

    // ---- client to server ------------------------------------------------------------------

    /** Opens the conversation: must be the first frame; nothing else is served before it is answered. */
    record Hello(int magic, int version, String user, String password, String client) implements Frame { }

    /** Runs a statement by text ({@code statementId} 0) or by a prepared id; {@code timeoutMs} 0 = none. */
    record Execute(int statementId, String sql, List<?> params, int fetchSize, int timeoutMs) implements Frame { }

    record Prepare(String sql) implements Frame { }

    record Batch(int statementId, String sql, List<List<?>> paramSets, int timeoutMs) implements Frame { }

    /** The next chunk of an open cursor, at most {@code maxRows} rows (0 = the server's chunk size). */
    record Fetch(int cursorId, int maxRows) implements Frame { }

    /** No reply. */
    record CloseCursor(int cursorId) implements Frame { }

    /** No reply. */
    record CloseStatement(int statementId) implements Frame { }

    record SetAutoCommit(boolean autoCommit) implements Frame { }

    record EndTransaction(boolean commit) implements Frame { }

    /** Out of band, no reply: the running statement (if any) ends with 57014. */
    record Cancel() implements Frame { }

    record Ping() implements Frame { }

    /** Rolls back what is open; answered with Done, then the server closes. */
    record Close() implements Frame { }

    // ---- server to client ------------------------------------------------------------------

    record Welcome(int version, String server, String database) implements Frame { }

    record Error(String sqlState, String message) implements Frame { }

    record Done() implements Frame { }

    record UpdateCount(long count, List<Object> generatedKeys) implements Frame { }

    /** A query's columns and first rows; {@code cursorId} names the rest when {@code more}. */
    record RowsStart(int cursorId, List<ColumnInfo> columns, List<Object[]> rows, boolean more) implements Frame { }

    record RowsMore(List<Object[]> rows, boolean more) implements Frame { }

    record Prepared(int statementId, int parameterCount, List<ColumnInfo> columns) implements Frame { }

    record BatchCounts(long[] counts) implements Frame { }

    record BatchError(long[] countsBefore, String sqlState, String message) implements Frame { }

    record Pong() implements Frame { }
}
