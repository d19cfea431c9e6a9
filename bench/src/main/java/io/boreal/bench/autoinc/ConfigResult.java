package io.boreal.bench.autoinc;

import java.util.Comparator;
import java.util.List;

/** Every run of one configuration at one session count, and the median one by inserts/s. */
public record ConfigResult(int sessions, AutoIncConfig config, List<RunOutcome> runs) {

    public ConfigResult {
        runs = List.copyOf(runs);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs");
        }
    }

    /** The median run by inserts/s (the lower middle one of an even count). */
    public RunOutcome median() {
        List<RunOutcome> sorted = runs.stream().sorted(Comparator.comparingDouble(RunOutcome::insertsPerSecond)).toList();
        return sorted.get((sorted.size() - 1) / 2);
    }
}
