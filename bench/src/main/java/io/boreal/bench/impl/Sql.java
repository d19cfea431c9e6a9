package io.boreal.bench.impl;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import io.boreal.actors.SqlSession;
import io.boreal.actors.StatementResult;

/** Blocking use of an async {@link SqlSession}, for the control statements around the measured loops. */
public final class Sql {

    /** Beyond the engine's statement timeout (120 s): the engine always answers first. */
    public static final long TIMEOUT_S = 300;

    private Sql() {
    }

    public static StatementResult execute(SqlSession session, String sql) throws Exception {
        return await(session.execute(sql, List.of()));
    }

    /** The rows of a query. */
    public static List<Object[]> query(SqlSession session, String sql) throws Exception {
        return ((StatementResult.Rows) execute(session, sql)).rows();
    }

    public static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(TIMEOUT_S, TimeUnit.SECONDS);
    }
}
