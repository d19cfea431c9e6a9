package io.boreal.storage;

/**
 * A failure the engine reports to its client, carrying the SQLState the JDBC driver puts on
 * its {@code SQLException}. Thrown (or completed exceptionally) anywhere below the driver;
 * the session that meets it stays usable.
 *
 * <p>SQLStates in use: 42000 syntax, 42S01 table exists, 42S02 unknown table, 42S22 unknown
 * column, 22018 type mismatch, 22001 value too long, 23000 duplicate key or NOT NULL,
 * 40001 write conflict, 40P01 deadlock, 55P03 lock wait timeout, 0A000 not supported,
 * 25000 invalid transaction state, 08003 session closed, XX000 internal error.
 */
public final class EngineException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String sqlState;

    public EngineException(String sqlState, String message) {
        super(message, null, false, false);
        this.sqlState = sqlState;
    }

    public EngineException(String sqlState, String message, Throwable cause) {
        super(message, cause, false, false);
        this.sqlState = sqlState;
    }

    public String sqlState() {
        return sqlState;
    }

    public static EngineException syntax(String message) {
        return new EngineException("42000", message);
    }

    public static EngineException unknownTable(String table) {
        return new EngineException("42S02", "table '" + table + "' does not exist");
    }

    public static EngineException unknownColumn(String column) {
        return new EngineException("42S22", "column '" + column + "' does not exist");
    }

    public static EngineException typeMismatch(String message) {
        return new EngineException("22018", message);
    }

    public static EngineException duplicateKey(String index, Object key) {
        return new EngineException("23000", "duplicate key " + key + " in index " + index);
    }

    public static EngineException notSupported(String message) {
        return new EngineException("0A000", message);
    }

    public static EngineException writeConflict(String message) {
        return new EngineException("40001", message);
    }

    /**
     * 40001: a partition cannot serve a read at the transaction's snapshot (it recovered after
     * the snapshot was taken, or purged what the snapshot needs). Nothing was read or written:
     * a statement that is its transaction's first may run again at a fresh snapshot.
     */
    public static EngineException snapshotTooOld(String detail) {
        return new EngineException("40001", SNAPSHOT_TOO_OLD + detail);
    }

    /** Whether this is a {@link #snapshotTooOld} refusal (also after crossing nodes: by its text). */
    public boolean isSnapshotTooOld() {
        return "40001".equals(sqlState) && String.valueOf(getMessage()).startsWith(SNAPSHOT_TOO_OLD);
    }

    private static final String SNAPSHOT_TOO_OLD = "snapshot too old: ";

    public static EngineException lockWaitTimeout(String message) {
        return new EngineException("55P03", message);
    }

    public static EngineException internal(String message, Throwable cause) {
        return new EngineException("XX000", message, cause);
    }

    /**
     * Kryo's form of a failure that crosses nodes: its SQLState and message. The cause and the
     * stack stay on the node that failed (where they were logged, if they mattered).
     */
    public static final class KryoSerializer extends com.esotericsoftware.kryo.Serializer<EngineException> {
        public KryoSerializer() {
            setImmutable(true);
        }

        @Override
        public void write(com.esotericsoftware.kryo.Kryo kryo, com.esotericsoftware.kryo.io.Output output,
                          EngineException error) {
            output.writeString(error.sqlState);
            output.writeString(error.getMessage());
        }

        @Override
        public EngineException read(com.esotericsoftware.kryo.Kryo kryo, com.esotericsoftware.kryo.io.Input input,
                                    Class<? extends EngineException> type) {
            String sqlState = input.readString();
            return new EngineException(sqlState, input.readString());
        }
    }
}
