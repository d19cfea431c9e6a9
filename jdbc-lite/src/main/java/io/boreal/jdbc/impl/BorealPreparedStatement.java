package io.boreal.jdbc.impl;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.JDBCType;
import java.sql.ParameterMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;

import io.boreal.actors.SqlSession;
import io.boreal.actors.StatementResult;

/**
 * A {@link java.sql.PreparedStatement}: planned once when it is created
 * ({@link SqlSession#prepare}, so a syntax error fails {@code prepareStatement}), then executed
 * with positional values. Setters convert to the engine's value classes on the way in
 * ({@link ParameterValues}); {@code setDate} binds a timestamp at local midnight, {@code setTime}
 * the text {@code HH:mm:ss}, {@code setFloat} the double the float's decimal text denotes.
 *
 * <p>Batches go to {@link SqlSession#executeBatch} in one call. When generated keys were asked
 * for, the entries are executed one by one instead, because the engine's batch reply carries
 * counts only; the outcome is the same, entry by entry in order.
 *
 * <p>Thread-safety: used by one thread at a time, like its connection.
 */
public final class BorealPreparedStatement extends PreparedStatementSurface {

    private final String sql;
    private final SqlSession.PreparedInfo info;
    private final String keyLabel;
    private final ParameterValues parameters;
    private final List<List<?>> batch = new ArrayList<>();

    private BorealPreparedStatement(BorealConnection connection, String sql, SqlSession.PreparedInfo info,
                                    String keyLabel) {
        super(connection);
        this.sql = sql;
        this.info = info;
        this.keyLabel = keyLabel;
        this.parameters = new ParameterValues(info.parameterCount());
    }

    /**
     * Plans {@code sql} in the engine and returns the statement.
     *
     * @param keyLabel the generated keys' column label if the application asked for keys, else null
     */
    static BorealPreparedStatement prepare(BorealConnection connection, String sql, String keyLabel)
            throws SQLException {
        Arguments.checkNotNull("sql", sql);
        SqlSession.PreparedInfo info = connection.await(() -> connection.session().prepare(sql), 0);
        return new BorealPreparedStatement(connection, sql, info, keyLabel);
    }

    @Override
    void checkTextSqlAllowed(String text) throws SQLException {
        throw new SQLException("a PreparedStatement executes the SQL it was prepared with;"
                + " methods taking SQL text are not allowed on it", "HY000");
    }

    // ---- execution ---------------------------------------------------------------------------

    private StatementResult runPrepared() throws SQLException {
        checkOpen();
        return run(sql, parameters.snapshot(), keyLabel);
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        return queryResult(runPrepared());
    }

    @Override
    public int executeUpdate() throws SQLException {
        return saturated(executeLargeUpdate());
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        return updateResult(runPrepared());
    }

    @Override
    public boolean execute() throws SQLException {
        return accept(runPrepared());
    }

    @Override
    public void addBatch() throws SQLException {
        checkOpen();
        batch.add(parameters.snapshot());
    }

    @Override
    public void clearBatch() throws SQLException {
        checkOpen();
        batch.clear();
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        checkOpen();
        clearResults();
        List<List<?>> entries = List.copyOf(batch);
        batch.clear();
        if (entries.isEmpty()) {
            return new long[0];
        }
        if (keyLabel != null) {
            // TODO(perf): one executeBatch call once its reply carries the generated keys.
            return runEach(entries, entry -> run(sql, entry, keyLabel));
        }
        return connection.await(() -> connection.session().executeBatch(sql, entries), queryTimeoutSeconds());
    }

    /** The result columns planning found, or null when the statement is not a query. */
    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        return info.columns().isEmpty() ? null : new BorealResultSetMetaData(info.columns());
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        checkOpen();
        return new BorealParameterMetaData(info.parameterCount());
    }

    // ---- parameters --------------------------------------------------------------------------

    private void bind(int index, Object value) throws SQLException {
        checkOpen();
        parameters.set(index, value);
    }

    @Override
    public void clearParameters() throws SQLException {
        checkOpen();
        parameters.clear();
    }

    @Override
    public void setNull(int index, int sqlType) throws SQLException {
        bind(index, null);
    }

    @Override
    public void setNull(int index, int sqlType, String typeName) throws SQLException {
        bind(index, null);
    }

    @Override
    public void setBoolean(int index, boolean value) throws SQLException {
        bind(index, value);
    }

    @Override
    public void setByte(int index, byte value) throws SQLException {
        bind(index, (int) value);
    }

    @Override
    public void setShort(int index, short value) throws SQLException {
        bind(index, (int) value);
    }

    @Override
    public void setInt(int index, int value) throws SQLException {
        bind(index, value);
    }

    @Override
    public void setLong(int index, long value) throws SQLException {
        bind(index, value);
    }

    @Override
    public void setFloat(int index, float value) throws SQLException {
        bind(index, ParameterValues.bind(value));
    }

    @Override
    public void setDouble(int index, double value) throws SQLException {
        bind(index, value);
    }

    @Override
    public void setBigDecimal(int index, BigDecimal value) throws SQLException {
        bind(index, value);
    }

    @Override
    public void setString(int index, String value) throws SQLException {
        bind(index, value);
    }

    @Override
    public void setTimestamp(int index, Timestamp value) throws SQLException {
        bind(index, value);
    }

    /** Binds the local date-time the instant has in {@code cal}'s zone. */
    @Override
    public void setTimestamp(int index, Timestamp value, Calendar cal) throws SQLException {
        if (value == null || cal == null) {
            bind(index, value);
        } else {
            bind(index, Timestamp.valueOf(LocalDateTime.ofInstant(value.toInstant(), cal.getTimeZone().toZoneId())));
        }
    }

    @Override
    public void setDate(int index, Date value) throws SQLException {
        bind(index, ValueConversions.toTimestamp(value));
    }

    /** Binds local midnight of the day the date has in {@code cal}'s zone. */
    @Override
    public void setDate(int index, Date value, Calendar cal) throws SQLException {
        if (value == null || cal == null) {
            setDate(index, value);
        } else {
            LocalDateTime there = LocalDateTime.ofInstant(value.toInstant(), cal.getTimeZone().toZoneId());
            bind(index, Timestamp.valueOf(there.toLocalDate().atStartOfDay()));
        }
    }

    @Override
    public void setTime(int index, Time value) throws SQLException {
        bind(index, value == null ? null : ParameterValues.timeText(value));
    }

    /** Binds the time of day the time has in {@code cal}'s zone. */
    @Override
    public void setTime(int index, Time value, Calendar cal) throws SQLException {
        if (value == null || cal == null) {
            setTime(index, value);
        } else {
            LocalDateTime there = LocalDateTime.ofInstant(
                    java.time.Instant.ofEpochMilli(value.getTime()), cal.getTimeZone().toZoneId());
            bind(index, ParameterValues.timeText(there.toLocalTime()));
        }
    }

    @Override
    public void setObject(int index, Object value) throws SQLException {
        bind(index, ParameterValues.bind(value));
    }

    @Override
    public void setObject(int index, Object value, int targetSqlType) throws SQLException {
        bind(index, ParameterValues.bindAs(value, targetSqlType, 0));
    }

    @Override
    public void setObject(int index, Object value, int targetSqlType, int scaleOrLength) throws SQLException {
        bind(index, ParameterValues.bindAs(value, targetSqlType, scaleOrLength));
    }

    @Override
    public void setObject(int index, Object value, SQLType targetSqlType) throws SQLException {
        setObject(index, value, vendorType(targetSqlType));
    }

    @Override
    public void setObject(int index, Object value, SQLType targetSqlType, int scaleOrLength) throws SQLException {
        setObject(index, value, vendorType(targetSqlType), scaleOrLength);
    }

    private static int vendorType(SQLType type) throws SQLException {
        if (type instanceof JDBCType jdbc) {
            return jdbc.getVendorTypeNumber();
        }
        throw SqlErrors.unsupported("SQL type " + type);
    }
}
