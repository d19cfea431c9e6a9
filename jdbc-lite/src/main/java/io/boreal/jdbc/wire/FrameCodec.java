package io.boreal.jdbc.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes and reads every {@link Frame}: the protocol's layouts in one place (PROTOCOL.md mirrors
 * this class). Writing never fails for a frame built from engine values; reading fails with
 * {@link ProtocolException} for anything that is not exactly one well-formed frame.
 */
public final class FrameCodec {

    // client to server
    public static final byte HELLO = 0x01;
    public static final byte EXECUTE = 0x02;
    public static final byte PREPARE = 0x03;
    public static final byte BATCH = 0x04;
    public static final byte FETCH = 0x05;
    public static final byte CLOSE_CURSOR = 0x06;
    public static final byte CLOSE_STATEMENT = 0x07;
    public static final byte SET_AUTOCOMMIT = 0x08;
    public static final byte END_TRANSACTION = 0x09;
    public static final byte CANCEL = 0x0A;
    public static final byte PING = 0x0B;
    public static final byte CLOSE = 0x0C;
    // server to client
    public static final byte WELCOME = 0x40;
    public static final byte ERROR = 0x41;
    public static final byte DONE = 0x42;
    public static final byte UPDATE_COUNT = 0x43;
    public static final byte ROWS_START = 0x44;
    public static final byte ROWS_MORE = 0x45;
    public static final byte PREPARED = 0x46;
    public static final byte BATCH_COUNTS = 0x47;
    public static final byte BATCH_ERROR = 0x48;
    public static final byte PONG = 0x49;

    private FrameCodec() {
    }

    /** Appends {@code frame} to {@code out}, length prefix included. */
    public static void write(FrameWriter out, Frame frame) {
        if (frame instanceof Frame.Hello h) {
            out.begin(HELLO).putInt(h.magic()).putInt(h.version()).putString(h.user()).putString(h.password())
                    .putString(h.client());
        } else if (frame instanceof Frame.Execute e) {
            out.begin(EXECUTE).putInt(e.statementId()).putString(e.sql());
            WireValues.putList(out, e.params());
            out.putInt(e.fetchSize()).putInt(e.timeoutMs());
        } else if (frame instanceof Frame.Prepare p) {
            out.begin(PREPARE).putString(p.sql());
        } else if (frame instanceof Frame.Batch b) {
            out.begin(BATCH).putInt(b.statementId()).putString(b.sql()).putInt(b.paramSets().size());
            for (List<?> set : b.paramSets()) {
                WireValues.putList(out, set);
            }
            out.putInt(b.timeoutMs());
        } else if (frame instanceof Frame.Fetch f) {
            out.begin(FETCH).putInt(f.cursorId()).putInt(f.maxRows());
        } else if (frame instanceof Frame.CloseCursor c) {
            out.begin(CLOSE_CURSOR).putInt(c.cursorId());
        } else if (frame instanceof Frame.CloseStatement c) {
            out.begin(CLOSE_STATEMENT).putInt(c.statementId());
        } else if (frame instanceof Frame.SetAutoCommit s) {
            out.begin(SET_AUTOCOMMIT).putBoolean(s.autoCommit());
        } else if (frame instanceof Frame.EndTransaction t) {
            out.begin(END_TRANSACTION).putBoolean(t.commit());
        } else if (frame instanceof Frame.Cancel) {
            out.begin(CANCEL);
        } else if (frame instanceof Frame.Ping) {
            out.begin(PING);
        } else if (frame instanceof Frame.Close) {
            out.begin(CLOSE);
        } else {
            writeReply(out, frame);
            return;
        }
        out.end();
    }

    private static void writeReply(FrameWriter out, Frame frame) {
        if (frame instanceof Frame.Welcome w) {
            out.begin(WELCOME).putInt(w.version()).putString(w.server()).putString(w.database());
        } else if (frame instanceof Frame.Error e) {
            out.begin(ERROR).putString(e.sqlState()).putString(e.message());
        } else if (frame instanceof Frame.Done) {
            out.begin(DONE);
        } else if (frame instanceof Frame.UpdateCount u) {
            out.begin(UPDATE_COUNT).putLong(u.count());
            WireValues.putList(out, u.generatedKeys());
        } else if (frame instanceof Frame.RowsStart r) {
            out.begin(ROWS_START).putInt(r.cursorId());
            WireValues.putColumns(out, r.columns());
            WireValues.putRows(out, r.rows(), r.columns().size());
            out.putBoolean(r.more());
        } else if (frame instanceof Frame.RowsMore r) {
            out.begin(ROWS_MORE);
            WireValues.putRows(out, r.rows(), r.rows().isEmpty() ? 0 : r.rows().get(0).length);
            out.putBoolean(r.more());
        } else if (frame instanceof Frame.Prepared p) {
            out.begin(PREPARED).putInt(p.statementId()).putInt(p.parameterCount());
            WireValues.putColumns(out, p.columns());
        } else if (frame instanceof Frame.BatchCounts b) {
            out.begin(BATCH_COUNTS);
            putLongs(out, b.counts());
        } else if (frame instanceof Frame.BatchError b) {
            out.begin(BATCH_ERROR);
            putLongs(out, b.countsBefore());
            out.putString(b.sqlState()).putString(b.message());
        } else if (frame instanceof Frame.Pong) {
            out.begin(PONG);
        } else {
            throw new IllegalArgumentException("unknown frame " + frame);
        }
        out.end();
    }

    /** Reads the one frame in {@code in} (its payload after the length prefix: type byte first). */
    public static Frame read(FrameReader in) throws ProtocolException {
        byte type = in.getByte();
        Frame frame = switch (type) {
            case HELLO -> new Frame.Hello(in.getInt(), in.getInt(), in.getText("user"), in.getString(), in.getString());
            case EXECUTE -> new Frame.Execute(in.getInt(), in.getString(), WireValues.getList(in), in.getInt(),
                    in.getInt());
            case PREPARE -> new Frame.Prepare(in.getText("sql"));
            case BATCH -> readBatch(in);
            case FETCH -> new Frame.Fetch(in.getInt(), in.getInt());
            case CLOSE_CURSOR -> new Frame.CloseCursor(in.getInt());
            case CLOSE_STATEMENT -> new Frame.CloseStatement(in.getInt());
            case SET_AUTOCOMMIT -> new Frame.SetAutoCommit(in.getBoolean());
            case END_TRANSACTION -> new Frame.EndTransaction(in.getBoolean());
            case CANCEL -> new Frame.Cancel();
            case PING -> new Frame.Ping();
            case CLOSE -> new Frame.Close();
            case WELCOME -> new Frame.Welcome(in.getInt(), in.getString(), in.getString());
            case ERROR -> new Frame.Error(in.getText("SQLState"), in.getString());
            case DONE -> new Frame.Done();
            case UPDATE_COUNT -> new Frame.UpdateCount(in.getLong(), WireValues.getList(in));
            case ROWS_START -> new Frame.RowsStart(in.getInt(), WireValues.getColumns(in), WireValues.getRows(in),
                    in.getBoolean());
            case ROWS_MORE -> new Frame.RowsMore(WireValues.getRows(in), in.getBoolean());
            case PREPARED -> new Frame.Prepared(in.getInt(), in.getInt(), WireValues.getColumns(in));
            case BATCH_COUNTS -> new Frame.BatchCounts(getLongs(in));
            case BATCH_ERROR -> new Frame.BatchError(getLongs(in), in.getText("SQLState"), in.getString());
            case PONG -> new Frame.Pong();
            default -> throw new ProtocolException("unknown frame type 0x" + Integer.toHexString(type & 0xff));
        };
        in.expectEnd(frame.getClass().getSimpleName());
        return frame;
    }

    private static Frame.Batch readBatch(FrameReader in) throws ProtocolException {
        int statementId = in.getInt();
        String sql = in.getString();
        int n = in.getCount("parameter set", 4);
        List<List<?>> sets = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            sets.add(WireValues.getList(in));
        }
        return new Frame.Batch(statementId, sql, sets, in.getInt());
    }

    private static void putLongs(FrameWriter out, long[] values) {
        out.putInt(values.length);
        for (long v : values) {
            out.putLong(v);
        }
    }

    private static long[] getLongs(FrameReader in) throws ProtocolException {
        long[] values = new long[in.getCount("count", 8)];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.getLong();
        }
        return values;
    }
}
