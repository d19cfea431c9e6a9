package io.boreal.bench.mvcc;

import java.util.Comparator;
import java.util.List;

import io.boreal.bench.sysbench.OltpTest;

/** Every run of one OLTP test at one session count in one mode, and the median one by tps. */
public record OltpResult(OltpTest test, int sessions, MvccMode mode, List<OltpOutcome> runs) {

    public OltpResult {
        runs = List.copyOf(runs);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs");
        }
    }

    /** The median run by tps (the lower middle one of an even count). */
    public OltpOutcome median() {
        return median(runs);
    }

    static OltpOutcome median(List<OltpOutcome> runs) {
        List<OltpOutcome> sorted = runs.stream().sorted(Comparator.comparingDouble(OltpOutcome::tps)).toList();
        return sorted.get((sorted.size() - 1) / 2);
    }
}
