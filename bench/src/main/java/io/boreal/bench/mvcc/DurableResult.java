package io.boreal.bench.mvcc;

import java.util.List;

/**
 * Every run of oltp_write_only on a file database with the journal's fsync on or off, and the
 * median one by tps.
 */
public record DurableResult(boolean fsync, int sessions, List<OltpOutcome> runs) {

    public DurableResult {
        runs = List.copyOf(runs);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs");
        }
    }

    public OltpOutcome median() {
        return OltpResult.median(runs);
    }

    public String label() {
        return fsync ? "fsync on" : "fsync off";
    }
}
