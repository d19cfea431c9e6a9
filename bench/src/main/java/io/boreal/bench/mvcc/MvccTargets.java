package io.boreal.bench.mvcc;

import java.util.ArrayList;
import java.util.List;
import io.boreal.bench.impl.Target;
import io.boreal.bench.sysbench.OltpTest;

/**
 * The goals the measurements are held against, printed next to the results and written in the
 * JSON. A target whose measurement was not made (its part skipped, 256 not among the session
 * counts) has no value and is not met.
 */
final class MvccTargets {

    static final int TARGET_SESSIONS = 256;
    static final double CTS_OVER_ACTIVE_LIST = 1.5;
    /** "Flat": the cts read view at the most open transactions costs at most this times that at the fewest. */
    static final double FLAT_GROWTH = 1.5;
    static final double DURABLE_OVER_NON_DURABLE = 0.5;
    static final double FSYNCS_PER_COMMIT = 0.05;

    private MvccTargets() {
    }

    static List<Target> of(MvccResults results, MvccSettings settings) {
        List<Target> targets = new ArrayList<>();
        if (settings.runs(MvccPart.OLTP)) {
            for (OltpTest test : settings.tests()) {
                targets.add(Target.atLeast("cts / active_list tps, " + test.sysbenchName() + ", " + TARGET_SESSIONS
                        + " sessions", results.ctsOverActiveList(test, TARGET_SESSIONS), CTS_OVER_ACTIVE_LIST));
            }
        }
        if (settings.runs(MvccPart.READ_VIEW)) {
            int fewest = settings.openTransactions().stream().min(Integer::compare).orElseThrow();
            int most = settings.openTransactions().stream().max(Integer::compare).orElseThrow();
            targets.add(Target.atMost(String.format("cts read view cost flat: ns at %,d open / ns at %,d open", most, fewest),
                    results.readViewGrowth(MvccMode.CTS), FLAT_GROWTH));
        }
        if (settings.runs(MvccPart.DURABLE)) {
            targets.add(Target.atLeast("durable / non-durable tps, oltp_write_only, " + settings.durableSessions()
                    + " sessions", results.durableOverNonDurable(), DURABLE_OVER_NON_DURABLE));
            targets.add(Target.atMost("fsyncs per commit (durable)", results.fsyncsPerCommit(), FSYNCS_PER_COMMIT));
        }
        return targets;
    }
}
