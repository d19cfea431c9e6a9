package io.boreal.jdbc.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

import io.boreal.actors.SqlSession;
import io.boreal.actors.StatementResult;
import io.boreal.storage.EngineException;

/**
 * A {@link SqlSession} that answers from a script and records every call, so the driver can
 * be tested without the engine. Unscripted statements answer an update count of 0; unscripted
 * prepares report one parameter per {@code ?} and no columns.
 */
class ScriptedSession implements SqlSession {

    /** Every call, in order: "execute SQL [params]", "batch SQL [sets]", "prepare SQL", "commit", … */
    final List<String> calls = new CopyOnWriteArrayList<>();
    /** The parameters of every execute, in order. */
    final List<List<?>> params = new CopyOnWriteArrayList<>();
    /** Counted down when a statement scripted to hang arrives. */
    final CountDownLatch hungArrived = new CountDownLatch(1);

    private final Map<String, Function<List<?>, CompletionStage<StatementResult>>> answers = new ConcurrentHashMap<>();
    private final Map<String, CompletionStage<PreparedInfo>> prepares = new ConcurrentHashMap<>();
    private volatile Function<List<List<?>>, CompletionStage<long[]>> batchAnswer;

    ScriptedSession answer(String sql, StatementResult result) {
        answers.put(sql, p -> CompletableFuture.completedFuture(result));
        return this;
    }

    ScriptedSession answer(String sql, Function<List<?>, StatementResult> result) {
        answers.put(sql, p -> CompletableFuture.completedFuture(result.apply(p)));
        return this;
    }

    ScriptedSession fail(String sql, EngineException failure) {
        answers.put(sql, p -> CompletableFuture.failedFuture(failure));
        return this;
    }

    ScriptedSession throwAtCall(String sql, RuntimeException failure) {
        answers.put(sql, p -> {
            throw failure;
        });
        return this;
    }

    ScriptedSession hang(String sql) {
        answers.put(sql, p -> {
            hungArrived.countDown();
            return new CompletableFuture<>();
        });
        return this;
    }

    ScriptedSession prepared(String sql, PreparedInfo info) {
        prepares.put(sql, CompletableFuture.completedFuture(info));
        return this;
    }

    ScriptedSession failPrepare(String sql, EngineException failure) {
        prepares.put(sql, CompletableFuture.failedFuture(failure));
        return this;
    }

    ScriptedSession batch(Function<List<List<?>>, CompletionStage<long[]>> answer) {
        batchAnswer = answer;
        return this;
    }

    @Override
    public CompletionStage<StatementResult> execute(String sql, List<?> parameters, int timeoutMs) {
        return execute(sql, parameters);
    }

    @Override
    public void cancel() {
        calls.add("cancel");
    }

    @Override
    public CompletionStage<StatementResult> execute(String sql, List<?> parameters) {
        calls.add("execute " + sql + " " + parameters);
        params.add(parameters);
        Function<List<?>, CompletionStage<StatementResult>> answer = answers.get(sql);
        return answer == null ? CompletableFuture.completedFuture(StatementResult.UpdateCount.of(0))
                : answer.apply(parameters);
    }

    @Override
    public CompletionStage<long[]> executeBatch(String sql, List<List<?>> paramSets) {
        calls.add("batch " + sql + " " + paramSets);
        Function<List<List<?>>, CompletionStage<long[]>> answer = batchAnswer;
        if (answer == null) {
            long[] ones = new long[paramSets.size()];
            java.util.Arrays.fill(ones, 1);
            return CompletableFuture.completedFuture(ones);
        }
        return answer.apply(new ArrayList<>(paramSets));
    }

    @Override
    public CompletionStage<PreparedInfo> prepare(String sql) {
        calls.add("prepare " + sql);
        CompletionStage<PreparedInfo> info = prepares.get(sql);
        return info != null ? info
                : CompletableFuture.completedFuture(new PreparedInfo((int) sql.chars().filter(c -> c == '?').count(),
                        List.of()));
    }

    @Override
    public CompletionStage<Void> setAutoCommit(boolean autoCommit) {
        calls.add("setAutoCommit " + autoCommit);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> commit() {
        calls.add("commit");
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> rollback() {
        calls.add("rollback");
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> close() {
        calls.add("close");
        return CompletableFuture.completedFuture(null);
    }

    /** A connection over a fresh scripted session. */
    static BorealConnection connect(ScriptedSession session) {
        return new BorealConnection("jdbc:boreal:mem:scripted", "tester", session, c -> { });
    }

    static EngineException engineError(String sqlState, String message) {
        return new EngineException(sqlState, message);
    }
}
