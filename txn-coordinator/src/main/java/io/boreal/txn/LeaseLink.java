package io.boreal.txn;

import java.time.Duration;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;

/**
 * How a {@link TimestampClient} reaches the oracle for a range: by an Akka ask ({@link #akka}, the
 * twin) or over Aeron ({@link AeronLeaseLink}).
 *
 * <p>Contract: after {@link #request}, exactly one of {@link Granted#leased} or
 * {@link Granted#failed} runs, later, on a thread that is not the caller's and may not block.
 * The client sends one request at a time.
 */
public interface LeaseLink {

    /** Asks for {@code count} fresh timestamps. */
    void request(int count, Granted granted);

    /** The answer to one {@link #request}. */
    interface Granted {
        /** The timestamps {@code [from, toExclusive)}. */
        void leased(long from, long toExclusive);

        /** No answer (the client asks again). */
        void failed(Throwable why);
    }

    /** Asks {@code oracle} with a {@link TimestampOracle.Lease}; an ask unanswered in {@code timeout} fails. */
    static LeaseLink akka(ActorSystem<?> system, ActorRef<TimestampOracle.Command> oracle, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) { // an ask with it would fail at once, forever
            throw new IllegalArgumentException("the lease timeout must be positive: " + timeout);
        }
        return (count, granted) -> AskPattern.<TimestampOracle.Command, TimestampOracle.Leased>ask(oracle,
                        replyTo -> new TimestampOracle.Lease(count, replyTo), timeout, system.scheduler())
                // not on the thread that completes the ask (in-process, the oracle's own)
                .whenCompleteAsync((leased, failure) -> {
                    if (failure == null) {
                        granted.leased(leased.from(), leased.toExclusive());
                    } else {
                        granted.failed(failure);
                    }
                }, system.executionContext());
    }
}
