package io.boreal.bench.mvcc;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.boreal.bench.sysbench.OltpTest;

/**
 * Everything one {@code bench mvcc} run measured (a part not run leaves its list empty), and
 * the ratios taken between medians. A ratio is empty when a side is missing or zero.
 */
public record MvccResults(List<OltpResult> oltp, List<ReadViewResult> readViews, List<DurableResult> durable) {

    public MvccResults {
        oltp = List.copyOf(oltp);
        readViews = List.copyOf(readViews);
        durable = List.copyOf(durable);
    }

    public Optional<OltpResult> oltp(OltpTest test, int sessions, MvccMode mode) {
        return oltp.stream().filter(r -> r.test() == test && r.sessions() == sessions && r.mode() == mode).findFirst();
    }

    /** Median tps under cts over median tps under active_list. */
    public Optional<Double> ctsOverActiveList(OltpTest test, int sessions) {
        return ratio(oltp(test, sessions, MvccMode.CTS).map(r -> r.median().tps()),
                oltp(test, sessions, MvccMode.ACTIVE_LIST).map(r -> r.median().tps()));
    }

    public Optional<ReadViewResult> readView(int open, MvccMode mode) {
        return readViews.stream().filter(r -> r.open() == open && r.mode() == mode).findFirst();
    }

    /** ns per read view under active_list over that under cts, at {@code open} open transactions. */
    public Optional<Double> activeListOverCts(int open) {
        return ratio(readView(open, MvccMode.ACTIVE_LIST).map(ReadViewResult::nsPerReadView),
                readView(open, MvccMode.CTS).map(ReadViewResult::nsPerReadView));
    }

    /** ns per read view at the most open transactions measured over that at the fewest, in {@code mode}. */
    public Optional<Double> readViewGrowth(MvccMode mode) {
        List<ReadViewResult> mine = readViews.stream().filter(r -> r.mode() == mode)
                .sorted(Comparator.comparingInt(ReadViewResult::open)).toList();
        if (mine.size() < 2) {
            return Optional.empty();
        }
        return ratio(Optional.of(mine.get(mine.size() - 1).nsPerReadView()), Optional.of(mine.get(0).nsPerReadView()));
    }

    public Optional<DurableResult> durable(boolean fsync) {
        return durable.stream().filter(r -> r.fsync() == fsync).findFirst();
    }

    /** Median tps with fsync on over median tps with fsync off. */
    public Optional<Double> durableOverNonDurable() {
        return ratio(durable(true).map(r -> r.median().tps()), durable(false).map(r -> r.median().tps()));
    }

    /** fsyncs per commit of the durable median run. */
    public Optional<Double> fsyncsPerCommit() {
        return durable(true).map(DurableResult::median).filter(m -> m.commits() > 0).map(OltpOutcome::fsyncsPerCommit);
    }

    private static Optional<Double> ratio(Optional<Double> one, Optional<Double> other) {
        return one.isPresent() && other.isPresent() && other.get() > 0
                ? Optional.of(one.get() / other.get()) : Optional.empty();
    }
}
