package io.boreal.bench.exec;

import java.util.Comparator;
import java.util.List;

import io.boreal.bench.sysbench.OltpTest;

/** Every run of one test at one session count in one execution mode, and the median one by tps. */
public record ExecResult(OltpTest test, int sessions, ExecMode mode, List<ExecOutcome> runs) {

    public ExecResult {
        runs = List.copyOf(runs);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs");
        }
    }

    /** The median run by tps (the lower middle one of an even count); its latency and /proc numbers go with it. */
    public ExecOutcome median() {
        List<ExecOutcome> sorted = runs.stream().sorted(Comparator.comparingDouble(ExecOutcome::tps)).toList();
        return sorted.get((sorted.size() - 1) / 2);
    }
}
