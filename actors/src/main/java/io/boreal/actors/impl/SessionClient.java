package io.boreal.actors.impl;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Scheduler;
import akka.pattern.StatusReply;
import io.boreal.actors.SqlSession;
import io.boreal.actors.StatementResult;
import io.boreal.sharding.PlainAsk;

/**
 * {@link SqlSession} over a {@link Session} actor: each call is one ask. The session answers
 * commands in the order they arrive, so calls made one after the other from a thread run in
 * that order.
 *
 * <p>Hot path. The stages returned are plain futures completed on the engine thread that
 * delivers the reply (see {@link PlainAsk} for why): callbacks attached with the non-async
 * methods run there and must be short; use the *Async methods with an executor for heavier work.
 */
public final class SessionClient implements SqlSession {

    /** Longer than any statement timeout: the session always answers first. */
    private static final Duration ASK_TIMEOUT = Duration.ofHours(1);

    private final ActorRef<Session.Command> session;
    private final Scheduler scheduler;

    public SessionClient(ActorRef<Session.Command> session, Scheduler scheduler) {
        this.session = session;
        this.scheduler = scheduler;
    }

    /** The session's first call: checks the user's password. */
    public CompletionStage<Void> authenticate(String user, String password) {
        return this.<Done>ask(replyTo -> new Session.Authenticate(user, password, replyTo)).thenApply(d -> null);
    }

    @Override
    public CompletionStage<StatementResult> execute(String sql, List<?> params) {
        return ask(replyTo -> new Session.Execute(sql, params, replyTo));
    }

    @Override
    public CompletionStage<StatementResult> execute(String sql, List<?> params, int timeoutMs) {
        CompletableFuture<StatementResult> result = ask(replyTo -> new Session.Execute(sql, params, replyTo));
        if (timeoutMs > 0 && !result.isDone()) {
            akka.actor.Cancellable timer = scheduler.scheduleOnce(Duration.ofMillis(timeoutMs), this::cancel,
                    akka.dispatch.ExecutionContexts.global());
            result.whenComplete((r, e) -> timer.cancel());
        }
        return result;
    }

    @Override
    public void cancel() {
        session.tell(Session.Cancel.INSTANCE);
    }

    @Override
    public CompletionStage<long[]> executeBatch(String sql, List<List<?>> paramSets) {
        return ask(replyTo -> new Session.ExecuteBatch(sql, paramSets, replyTo));
    }

    @Override
    public CompletionStage<PreparedInfo> prepare(String sql) {
        return ask(replyTo -> new Session.Prepare(sql, replyTo));
    }

    @Override
    public CompletionStage<Void> setAutoCommit(boolean autoCommit) {
        return this.<Done>ask(replyTo -> new Session.SetAutoCommit(autoCommit, replyTo)).thenApply(d -> null);
    }

    @Override
    public CompletionStage<Void> commit() {
        return end(true);
    }

    @Override
    public CompletionStage<Void> rollback() {
        return end(false);
    }

    private CompletionStage<Void> end(boolean commit) {
        return this.<Done>ask(replyTo -> new Session.EndTransaction(commit, replyTo)).thenApply(d -> null);
    }

    @Override
    public CompletionStage<Void> close() {
        return this.<Done>ask(Session.Close::new).thenApply(d -> null);
    }

    private <T> CompletableFuture<T> ask(Function<ActorRef<StatusReply<T>>, Session.Command> command) {
        return PlainAsk.withStatus(session, command, ASK_TIMEOUT, scheduler);
    }
}
