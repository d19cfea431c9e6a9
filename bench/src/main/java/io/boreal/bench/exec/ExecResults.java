package io.boreal.bench.exec;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.boreal.bench.sysbench.OltpTest;

/**
 * Everything one {@code bench exec} run measured, and the ratios taken between medians. A ratio
 * is empty when a side is missing or its divisor is zero.
 */
public record ExecResults(List<ExecResult> results) {

    public ExecResults {
        results = List.copyOf(results);
    }

    public Optional<ExecResult> result(OltpTest test, int sessions, ExecMode mode) {
        return results.stream().filter(r -> r.test() == test && r.sessions() == sessions && r.mode() == mode)
                .findFirst();
    }

    /** Median tps in async mode over median tps in blocking mode. */
    public Optional<Double> asyncOverBlockingTps(OltpTest test, int sessions) {
        return ratio(median(test, sessions, ExecMode.ASYNC).map(ExecOutcome::tps),
                median(test, sessions, ExecMode.BLOCKING).map(ExecOutcome::tps));
    }

    /** p99 latency of the async median run over that of the blocking one. */
    public Optional<Double> asyncOverBlockingP99(OltpTest test, int sessions) {
        return ratio(median(test, sessions, ExecMode.ASYNC).map(o -> o.latency().p99Ms()),
                median(test, sessions, ExecMode.BLOCKING).map(o -> o.latency().p99Ms()));
    }

    /** The session count at which {@code mode} reached its highest median tps on {@code test}. */
    public Optional<ExecResult> peak(OltpTest test, ExecMode mode) {
        return results.stream().filter(r -> r.test() == test && r.mode() == mode)
                .max(Comparator.comparingDouble(r -> r.median().tps()));
    }

    /** Median tps of {@code mode} at {@code sessions} over its peak on {@code test}. */
    public Optional<Double> overPeak(OltpTest test, int sessions, ExecMode mode) {
        return ratio(median(test, sessions, mode).map(ExecOutcome::tps), peak(test, mode).map(r -> r.median().tps()));
    }

    private Optional<ExecOutcome> median(OltpTest test, int sessions, ExecMode mode) {
        return result(test, sessions, mode).map(ExecResult::median);
    }

    private static Optional<Double> ratio(Optional<Double> one, Optional<Double> other) {
        return one.isPresent() && other.isPresent() && other.get() > 0
                ? Optional.of(one.get() / other.get()) : Optional.empty();
    }
}
