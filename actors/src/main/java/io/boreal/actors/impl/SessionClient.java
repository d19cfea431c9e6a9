package io.boreal.actors.impl;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Scheduler;
import akka.actor.typed.javadsl.AskPattern;
import io.boreal.actors.SqlSession;
import io.boreal.actors.StatementResult;

/**
 * {@link SqlSession} over a {@link Session} actor: each call is one ask. The session answers
 * commands in the order they arrive, so calls made one after the other from a thread run in
 * that order.
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

    @Override
    public CompletionStage<StatementResult> execute(String sql, List<?> params) {
        return AskPattern.askWithStatus(session, replyTo -> new Session.Execute(sql, params, replyTo), ASK_TIMEOUT, scheduler);
    }

    @Override
    public CompletionStage<long[]> executeBatch(String sql, List<List<?>> paramSets) {
        return AskPattern.askWithStatus(session, replyTo -> new Session.ExecuteBatch(sql, paramSets, replyTo),
                ASK_TIMEOUT, scheduler);
    }

    @Override
    public CompletionStage<PreparedInfo> prepare(String sql) {
        return AskPattern.askWithStatus(session, replyTo -> new Session.Prepare(sql, replyTo), ASK_TIMEOUT, scheduler);
    }

    @Override
    public CompletionStage<Void> setAutoCommit(boolean autoCommit) {
        return AskPattern.<Session.Command, Done>askWithStatus(session,
                replyTo -> new Session.SetAutoCommit(autoCommit, replyTo), ASK_TIMEOUT, scheduler).thenApply(d -> null);
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
        return AskPattern.<Session.Command, Done>askWithStatus(session,
                replyTo -> new Session.EndTransaction(commit, replyTo), ASK_TIMEOUT, scheduler).thenApply(d -> null);
    }

    @Override
    public CompletionStage<Void> close() {
        return AskPattern.<Session.Command, Done>askWithStatus(session, Session.Close::new, ASK_TIMEOUT, scheduler)
                .thenApply(d -> null);
    }
}
