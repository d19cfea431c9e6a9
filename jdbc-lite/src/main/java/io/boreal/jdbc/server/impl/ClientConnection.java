package io.boreal.jdbc.server.impl;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.boreal.actors.BorealDatabase;
import io.boreal.actors.SqlSession;
import io.boreal.actors.StatementResult;
import io.boreal.jdbc.server.ServerSettings;
import io.boreal.jdbc.wire.Frame;
import io.boreal.jdbc.wire.FrameCodec;
import io.boreal.jdbc.wire.FrameWriter;
import io.boreal.jdbc.wire.ProtocolException;
import io.boreal.storage.EngineException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * One client connection: the protocol's state machine in front of one engine {@link SqlSession},
 * the same session the in-process driver uses.
 *
 * <pre>
 *   greeting ──Hello──> authenticating ──session open──> serving ──Close / EOF──> closed
 *        └─ anything else, a bad version, a wrong password: Error, then closed
 *   serving: requests run one at a time, in arrival order (the session keeps that order too);
 *            Cancel acts at once on the running one; answers leave in request order
 * </pre>
 *
 * <p>Threading: every method runs on the channel's event loop; engine replies are brought back
 * to it ({@code whenCompleteAsync(…, eventLoop)}), so the state needs no lock. No thread waits
 * for the engine.
 *
 * <p>Bounds: prepared statements and open cursors per connection are capped (54000 past them);
 * a client that sends requests faster than they run stops being read once {@value #MAX_QUEUED}
 * wait, so its frames back up in TCP instead of in memory. A query's rows leave one chunk per
 * Fetch: the client's reading paces the sending.
 */
public final class ClientConnection extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);
    static final int MAX_QUEUED = 64;
    static final int MAX_STATEMENTS = 4096;
    static final int MAX_CURSORS = 256;

    private final BorealDatabase db;
    private final ServerSettings settings;
    private final ServerCounters counters;
    private final FrameWriter out = new FrameWriter(4096);
    private final ArrayDeque<Frame> queue = new ArrayDeque<>();
    private final Map<Integer, String> statements = new HashMap<>();
    private final Map<Integer, Cursor> cursors = new HashMap<>();
    private ChannelHandlerContext ctx;
    private String peer = "?";
    private SqlSession session;
    private boolean authenticating;
    private boolean running;
    private boolean closed;
    private boolean counted;
    private int nextId = 1;

    /** An open result: the rows not yet sent. */
    private static final class Cursor {
        final List<Object[]> rows;
        int next;

        Cursor(List<Object[]> rows, int next) {
            this.rows = rows;
            this.next = next;
        }
    }

    public ClientConnection(BorealDatabase db, ServerSettings settings, ServerCounters counters) {
        this.db = db;
        this.settings = settings;
        this.counters = counters;
    }

    // ---- channel events ------------------------------------------------------------------------

    @Override
    public void channelActive(ChannelHandlerContext context) {
        ctx = context;
        peer = String.valueOf(context.channel().remoteAddress());
        counted = true;
        int open = counters.connections.incrementAndGet();
        if (open > settings.maxConnections()) {
            LOG.warn("refused connection from {}: {} connections open, the maximum is {} (boreal.server.max-connections)",
                    peer, open - 1, settings.maxConnections());
            refuse("53300", "too many connections: the server allows " + settings.maxConnections());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        release();
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        if (closed) {
            return;
        }
        if (msg instanceof FrameDecoder.Violation v) {
            violation(v.message());
        } else if (msg instanceof Frame frame) {
            onFrame(frame);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext context) {
        runNext();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) {
        if (event instanceof IdleStateEvent && !running && queue.isEmpty() && !closed) {
            LOG.info("closing connection from {}: idle for {} (boreal.server.idle-timeout)", peer,
                    settings.idleTimeout());
            refuse("08006", "connection closed by the server: idle for " + settings.idleTimeout());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        if (!closed) {
            LOG.info("connection from {} failed: {}", peer, cause.toString());
        }
        closeNow();
    }

    // ---- the protocol --------------------------------------------------------------------------

    private void onFrame(Frame frame) {
        if (!FrameDecoder.fromClient(frame)) {
            violation("a " + frame.getClass().getSimpleName() + " frame comes only from a server");
        } else if (session == null) {
            greeting(frame);
        } else if (frame instanceof Frame.Hello) {
            violation("a second Hello");
        } else if (frame instanceof Frame.Cancel) {
            session.cancel();
        } else {
            queue.add(frame);
            if (queue.size() >= MAX_QUEUED) {
                ctx.channel().config().setAutoRead(false);
            }
            runNext();
        }
    }

    private void greeting(Frame frame) {
        if (authenticating) {
            violation("a request before the Hello was answered");
            return;
        }
        if (!(frame instanceof Frame.Hello hello)) {
            violation("the first frame must be a Hello, not " + frame.getClass().getSimpleName());
            return;
        }
        if (hello.magic() != Frame.MAGIC || hello.version() != Frame.VERSION) {
            violation("protocol version " + hello.version() + " (magic 0x" + Integer.toHexString(hello.magic())
                    + ") is not spoken here; this server speaks version " + Frame.VERSION);
            return;
        }
        authenticating = true;
        db.openSession(hello.user(), hello.password()).whenCompleteAsync((opened, error) -> {
            authenticating = false;
            if (error != null) {
                EngineException why = engineError(error);
                LOG.info("refused connection from {} for user '{}': {} {}", peer, hello.user(), why.sqlState(),
                        why.getMessage());
                refuse(why.sqlState(), why.getMessage());
                return;
            }
            counters.sessions.incrementAndGet();
            if (closed) {
                closeSession(opened);
                return;
            }
            session = opened;
            send(new Frame.Welcome(Frame.VERSION, "Boreal", db.name()));
            runNext();
        }, ctx.executor());
    }

    private void runNext() {
        // A client that does not read its answers stops being served (and, once MAX_QUEUED wait, read).
        while (!running && !closed && !queue.isEmpty() && ctx.channel().isWritable()) {
            Frame request = queue.poll();
            if (queue.size() < MAX_QUEUED / 2 && !ctx.channel().config().isAutoRead()) {
                ctx.channel().config().setAutoRead(true);
            }
            running = true;
            try {
                run(request);
            } catch (ProtocolException e) {
                violation(e.getMessage());
            }
        }
    }

    /** Starts {@code request}; it ends with {@link #finish} (now, or once the engine answers). */
    private void run(Frame request) throws ProtocolException {
        if (request instanceof Frame.Execute e) {
            String sql = statementText(e.statementId(), e.sql());
            if (sql != null) {
                answer(session.execute(sql, e.params(), Math.max(0, e.timeoutMs())),
                        (result, error) -> replyExecuted(result, error, e.fetchSize()));
            }
        } else if (request instanceof Frame.Prepare p) {
            if (statements.size() >= MAX_STATEMENTS) {
                finish(new Frame.Error("54000", "too many prepared statements on one connection (the maximum is "
                        + MAX_STATEMENTS + "); close some"));
                return;
            }
            answer(session.prepare(p.sql()), (info, error) -> {
                if (error != null) {
                    finish(errorFrame(error));
                } else {
                    int id = nextId++;
                    statements.put(id, p.sql());
                    finish(new Frame.Prepared(id, info.parameterCount(), info.columns()));
                }
            });
        } else if (request instanceof Frame.Batch b) {
            String sql = statementText(b.statementId(), b.sql());
            if (sql != null) {
                answer(session.executeBatch(sql, b.paramSets()), (counts, error) ->
                        finish(error == null ? new Frame.BatchCounts(counts) : batchError(error)));
            }
        } else if (request instanceof Frame.Fetch f) {
            Cursor cursor = cursors.get(f.cursorId());
            if (cursor == null) {
                finish(new Frame.Error("34000", "no open cursor " + f.cursorId()));
            } else {
                List<Object[]> chunk = chunk(cursor, f.maxRows());
                boolean more = cursor.next < cursor.rows.size();
                if (!more) {
                    cursors.remove(f.cursorId());
                }
                finish(new Frame.RowsMore(chunk, more));
            }
        } else if (request instanceof Frame.CloseCursor c) {
            cursors.remove(c.cursorId());
            finish(null);
        } else if (request instanceof Frame.CloseStatement c) {
            statements.remove(c.statementId());
            finish(null);
        } else if (request instanceof Frame.SetAutoCommit s) {
            answer(session.setAutoCommit(s.autoCommit()), this::replyDone);
        } else if (request instanceof Frame.EndTransaction t) {
            answer(t.commit() ? session.commit() : session.rollback(), this::replyDone);
        } else if (request instanceof Frame.Ping) {
            finish(new Frame.Pong());
        } else if (request instanceof Frame.Close) {
            SqlSession closing = session;
            session = null;
            answer(closing.close(), (done, error) -> {
                counters.sessions.decrementAndGet();
                send(new Frame.Done());
                closeNow();
            });
        } else {
            throw new ProtocolException("unexpected " + request.getClass().getSimpleName() + " frame");
        }
    }

    /** The SQL of a request: its text, or the text its prepared id names (26000 when none). */
    private String statementText(int statementId, String sql) throws ProtocolException {
        if (statementId == 0) {
            if (sql == null) {
                throw new ProtocolException("a statement with neither text nor a prepared id");
            }
            return sql;
        }
        String prepared = statements.get(statementId);
        if (prepared == null) {
            finish(new Frame.Error("26000", "no prepared statement " + statementId + " on this connection"));
        }
        return prepared;
    }

    private void replyExecuted(StatementResult result, Throwable error, int fetchSize) {
        if (error != null) {
            finish(errorFrame(error));
        } else if (result instanceof StatementResult.Rows rows) {
            Cursor cursor = new Cursor(rows.rows(), 0);
            List<Object[]> first = chunk(cursor, fetchSize);
            boolean more = cursor.next < rows.rows().size();
            int id = 0;
            if (more) {
                if (cursors.size() >= MAX_CURSORS) {
                    finish(new Frame.Error("54000", "too many open result sets on one connection (the maximum is "
                            + MAX_CURSORS + "); close some"));
                    return;
                }
                id = nextId++;
                cursors.put(id, cursor);
            }
            finish(new Frame.RowsStart(id, rows.columns(), first, more));
        } else if (result instanceof StatementResult.UpdateCount count) {
            finish(new Frame.UpdateCount(count.count(), count.generatedKeys()));
        } else {
            finish(new Frame.Error("XX000", "internal error: unexpected result " + result));
        }
    }

    private <T> void replyDone(T ignored, Throwable error) {
        finish(error == null ? new Frame.Done() : errorFrame(error));
    }

    private List<Object[]> chunk(Cursor cursor, int maxRows) {
        int size = maxRows > 0 ? Math.min(maxRows, settings.fetchSize() * 10) : settings.fetchSize();
        int from = cursor.next;
        int to = (int) Math.min(cursor.rows.size(), (long) from + size);
        cursor.next = to;
        return cursor.rows.subList(from, to);
    }

    /** Runs {@code then} on the event loop once {@code stage} completes. */
    private <T> void answer(CompletionStage<T> stage, BiConsumer<T, Throwable> then) {
        stage.whenCompleteAsync((value, error) -> {
            try {
                then.accept(value, error);
            } catch (RuntimeException e) {
                LOG.error("connection from {}: answering failed", peer, e);
                finish(new Frame.Error("XX000", "internal error: " + e));
            }
        }, ctx.executor());
    }

    /** The running request is answered with {@code reply} (null: it has none); the next one runs. */
    private void finish(Frame reply) {
        if (reply != null) {
            send(reply);
        }
        running = false;
        runNext();
    }

    // ---- errors and closing --------------------------------------------------------------------

    private static EngineException engineError(Throwable error) {
        Throwable t = error;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof SqlSession.BatchFailure b) {
            return b.engineCause();
        }
        if (t instanceof EngineException e) {
            return e;
        }
        LOG.warn("internal error answered to a client", t);
        return EngineException.internal("internal error: " + t, t);
    }

    private static Frame errorFrame(Throwable error) {
        EngineException e = engineError(error);
        return new Frame.Error(e.sqlState(), e.getMessage());
    }

    private static Frame batchError(Throwable error) {
        Throwable t = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (t instanceof SqlSession.BatchFailure b) {
            return new Frame.BatchError(b.countsBefore(), b.engineCause().sqlState(), b.engineCause().getMessage());
        }
        return errorFrame(error);
    }

    private void violation(String message) {
        LOG.warn("protocol violation from {}: {}; closing the connection", peer, message);
        refuse(ProtocolException.SQLSTATE, "protocol violation: " + message);
    }

    /** Tells the client why, then closes once that is written. */
    private void refuse(String sqlState, String message) {
        if (closed) {
            return;
        }
        closed = true;
        ctx.writeAndFlush(encode(new Frame.Error(sqlState, message))).addListener(ChannelFutureListener.CLOSE);
        release();
    }

    private void send(Frame frame) {
        if (!closed) {
            ctx.writeAndFlush(encode(frame), ctx.voidPromise());
        }
    }

    private ByteBuf encode(Frame frame) {
        out.reset();
        FrameCodec.write(out, frame);
        ByteBuf buf = ctx.alloc().buffer(out.length());
        buf.writeBytes(out.array(), 0, out.length());
        return buf;
    }

    private void closeNow() {
        closed = true;
        ctx.close();
        release();
    }

    /** Gives back what the connection holds; idempotent. */
    private void release() {
        closed = true;
        queue.clear();
        cursors.clear();
        statements.clear();
        if (session != null) {
            closeSession(session);
            session = null;
        }
        if (counted) {
            counted = false;
            counters.connections.decrementAndGet();
        }
    }

    private void closeSession(SqlSession s) {
        s.close().whenComplete((done, error) -> counters.sessions.decrementAndGet());
    }
}
