package io.boreal.bench.mvcc;

import java.util.List;

/**
 * The read-view cost at one number of open transactions in one mode.
 *
 * @param open   transactions held open while measuring
 * @param mode   the mode they and the measured ones were begun in
 * @param listed transactions in the active list while measuring (N under active_list, 0 under cts)
 * @param runsNs ns per begin + finish of one transaction, one entry per run
 */
public record ReadViewResult(int open, MvccMode mode, int listed, List<Double> runsNs) {

    public ReadViewResult {
        runsNs = List.copyOf(runsNs);
        if (runsNs.isEmpty()) {
            throw new IllegalArgumentException("no runs");
        }
    }

    /** The median run (the lower middle one of an even count). */
    public double nsPerReadView() {
        List<Double> sorted = runsNs.stream().sorted().toList();
        return sorted.get((sorted.size() - 1) / 2);
    }
}
