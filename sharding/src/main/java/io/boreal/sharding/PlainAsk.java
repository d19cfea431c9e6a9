package io.boreal.sharding;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import akka.actor.typed.ActorRef;
import akka.actor.typed.RecipientRef;
import akka.actor.typed.Scheduler;
import akka.actor.typed.scaladsl.AskPattern;
import akka.pattern.StatusReply;
import akka.util.Timeout;
import scala.concurrent.ExecutionContext;
import scala.concurrent.Future;

/**
 * Ask with a status reply, answered as a plain {@link CompletableFuture} completed on the thread
 * that delivers the reply.
 *
 * <p>Why not Akka's javadsl ask: it returns a future whose every dependent stage, even
 * {@code thenApply}, runs asynchronously on the common pool; where the common pool has fewer
 * than two threads (machines with two cores) the JDK then starts a new thread per task. On the
 * statement path that was a thread created per statement, and 98% of a point select's cost.
 * Callbacks on the future returned here run on the replying (engine) thread: keep them short.
 */
public final class PlainAsk {

    private PlainAsk() {
    }

    public static <Req, Res> CompletableFuture<Res> withStatus(RecipientRef<Req> to,
                                                               Function<ActorRef<StatusReply<Res>>, Req> message,
                                                               Duration timeout, Scheduler scheduler) {
        Future<Res> reply = AskPattern.Askable$.MODULE$.askWithStatus$extension(to, message::apply,
                Timeout.create(timeout), scheduler);
        CompletableFuture<Res> result = new CompletableFuture<>();
        reply.onComplete(outcome -> {
            if (outcome.isSuccess()) {
                result.complete(outcome.get());
            } else {
                result.completeExceptionally(outcome.failed().get());
            }
            return null;
        }, ExecutionContext.parasitic$.MODULE$);
        return result;
    }
}
