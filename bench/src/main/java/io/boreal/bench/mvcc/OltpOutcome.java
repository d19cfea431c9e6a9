package io.boreal.bench.mvcc;

import io.boreal.bench.LatencySummary;
import io.boreal.storage.journal.JournalMetrics;

/**
 * One OLTP run of one configuration.
 *
 * @param tps        transactions committed in the measured window, per second of it
 * @param commits    transactions committed in the measured window (counted by the driver)
 * @param errors     transactions rolled back in the window after an ignored error
 * @param latency    BEGIN-to-COMMIT latency of the window's committed transactions
 * @param journal    what the node's journals did in the window (every journal of the node summed)
 * @param listedMid  transactions in the active list half-way through the window (0 under cts:
 *                   only transactions begun under active_list join it)
 * @param rows       rows of the sbtest tables after the run
 * @param firstError the first failure of the run, or null
 */
public record OltpOutcome(double tps, long commits, long errors, LatencySummary latency,
                          JournalMetrics.Snapshot journal, int listedMid, long rows, String firstError) {

    /** fsyncs of the window per transaction committed in it; 0 when none committed. */
    public double fsyncsPerCommit() {
        return commits == 0 ? 0 : (double) journal.fsyncs() / commits;
    }

    /** Commits per write cycle of the log writers (how many commits one group commit carried, roughly). */
    public double commitsPerGroupCommit() {
        return journal.groupCommits() == 0 ? 0 : (double) commits / journal.groupCommits();
    }
}
