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

    /** Asks for {@code count} fresh timestamps: a lease, or a tracked range ({@link CommitHorizon}; count may be 0). */
    void request(int count, boolean tracked, Granted granted);

    /** The tracked range starting at {@code first} is used: every commit stamped from it is visible. */
    void done(long first);

    /** The answer to one {@link #request}. */
    interface Granted {
        /** The timestamps {@code [from, toExclusive)}, and the coordinator's completed snapshot (0 for a lease). */
        void leased(long from, long toExclusive, long completed);

        /** No answer (the client asks again). */
        void failed(Throwable why);
    }

    /**
     * Asks {@code oracle} with a {@link TimestampOracle.Lease} or {@link TimestampOracle.Track}
     * (as node {@code nodeId}); an ask unanswered in {@code timeout} fails.
     */
    static LeaseLink akka(ActorSystem<?> system, ActorRef<TimestampOracle.Command> oracle, int nodeId,
                          Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) { // an ask with it would fail at once, forever
            throw new IllegalArgumentException("the lease timeout must be positive: " + timeout);
        }
        return new LeaseLink() {
            @Override
            public void request(int count, boolean tracked, Granted granted) {
                if (tracked) {
                    AskPattern.<TimestampOracle.Command, TimestampOracle.Tracked>ask(oracle,
                                    replyTo -> new TimestampOracle.Track(nodeId, count, replyTo), timeout,
                                    system.scheduler())
                            .whenCompleteAsync((range, failure) -> {
                                if (failure == null) {
                                    granted.leased(range.from(), range.toExclusive(), range.completed());
                                } else {
                                    granted.failed(failure);
                                }
                            }, system.executionContext());
                    return;
                }
                AskPattern.<TimestampOracle.Command, TimestampOracle.Leased>ask(oracle,
                                replyTo -> new TimestampOracle.Lease(count, replyTo), timeout, system.scheduler())
                        // not on the thread that completes the ask (in-process, the oracle's own)
                        .whenCompleteAsync((leased, failure) -> {
                            if (failure == null) {
                                granted.leased(leased.from(), leased.toExclusive(), 0);
                            } else {
                                granted.failed(failure);
                            }
                        }, system.executionContext());
            }

            @Override
            public void done(long first) {
                oracle.tell(new TimestampOracle.Done(nodeId, first));
            }
        };
    }

    /** {@link #akka(ActorSystem, ActorRef, int, Duration)} for a node that never asks for tracked ranges. */
    static LeaseLink akka(ActorSystem<?> system, ActorRef<TimestampOracle.Command> oracle, Duration timeout) {
        return akka(system, oracle, 0, timeout);
    }
}
