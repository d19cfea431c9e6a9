package io.boreal.actors;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * A connection's view of the engine: one Session actor behind it, so statements of one session
 * run one at a time, in the order they were submitted. Every method returns at once; the stage
 * completes when the engine has answered. A stage that fails carries an
 * {@link io.boreal.storage.EngineException} with the SQLState to report; the session stays usable.
 *
 * <p>Parameters are positional ({@code ?}), values as JDBC passes them (Integer, Long, String,
 * Double, BigDecimal, Boolean, java.sql.Timestamp, null).
 *
 * <p>Thread-safety: the methods may be called from any thread; a caller that submits the next
 * statement before the previous one completed still gets them executed in submission order.
 */
public interface SqlSession {

    /** Executes one statement of any kind: query, DML, DDL, transaction control, SET. */
    CompletionStage<StatementResult> execute(String sql, List<?> params);

    /**
     * Executes one statement once per parameter set. In autocommit mode each entry is its own
     * transaction and entries on different partitions may run at once; the counts come back in
     * entry order. A failed entry fails the stage with a {@link BatchFailure}.
     */
    CompletionStage<long[]> executeBatch(String sql, List<List<?>> paramSets);

    /** Parses and plans a statement once, so that execute() of the same text skips both. */
    CompletionStage<PreparedInfo> prepare(String sql);

    /** Turns autocommit on or off; turning it on commits an open transaction (as JDBC says). */
    CompletionStage<Void> setAutoCommit(boolean autoCommit);

    /** Commits the open transaction, if any. */
    CompletionStage<Void> commit();

    /** Rolls the open transaction back, if any. */
    CompletionStage<Void> rollback();

    /**
     * Runs one statement as {@link #execute(String, List)} does, cancelled ({@link #cancel()})
     * once {@code timeoutMs} pass without an answer (0: no bound); then it fails with 57014.
     */
    CompletionStage<StatementResult> execute(String sql, List<?> params, int timeoutMs);

    /**
     * Cancels the statement running now, if it is still waiting: it fails with 57014 (its
     * effects roll back with its transaction). Returns at once; does nothing when none runs.
     * May be called from any thread, while another call waits.
     */
    void cancel();

    /** Completes when the engine behind the session answers: a no-op in-process, a round trip over the network. */
    default CompletionStage<Void> ping() {
        return java.util.concurrent.CompletableFuture.completedFuture(null);
    }

    /** Rolls back what is open and stops the session; later calls fail with SQLState 08003. */
    CompletionStage<Void> close();

    /**
     * What planning learned about a statement.
     *
     * @param parameterCount the number of {@code ?} markers
     * @param columns        the result columns of a query, empty for other statements
     */
    record PreparedInfo(int parameterCount, List<ColumnInfo> columns) {
    }

    /** A batch entry failed: the counts of the entries before it, then the cause. */
    final class BatchFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final long[] countsBefore;

        public BatchFailure(long[] countsBefore, io.boreal.storage.EngineException cause) {
            super(cause.getMessage(), cause, false, false);
            this.countsBefore = countsBefore;
        }

        public long[] countsBefore() {
            return countsBefore.clone();
        }

        public io.boreal.storage.EngineException engineCause() {
            return (io.boreal.storage.EngineException) getCause();
        }
    }
}
