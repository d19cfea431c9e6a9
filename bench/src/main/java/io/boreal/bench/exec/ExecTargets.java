package io.boreal.bench.exec;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.boreal.bench.impl.Target;
import io.boreal.bench.sysbench.OltpTest;

/**
 * The goals for the async mode against its thread-per-connection twin (PolarDB reports
 * +70% throughput and -60% p99 for its thread pool at high concurrency), held on
 * {@code oltp_write_only}: at {@value #TARGET_SESSIONS} sessions async reaches
 * {@value #TPS_RATIO}x the twin's tps at most {@value #P99_RATIO}x its p99; and at
 * {@value #MOST_SESSIONS} sessions async keeps {@value #OF_PEAK} of its own peak tps.
 */
final class ExecTargets {

    static final OltpTest TARGET_TEST = OltpTest.OLTP_WRITE_ONLY;
    static final int TARGET_SESSIONS = 1024;
    static final int MOST_SESSIONS = 4096;
    static final double TPS_RATIO = 2.0;
    static final double P99_RATIO = 0.3;
    static final double OF_PEAK = 0.9;

    private ExecTargets() {
    }

    static List<Target> of(ExecResults results) {
        String at = TARGET_TEST.sysbenchName() + ", " + TARGET_SESSIONS + " sessions";
        Optional<ExecResult> async = results.result(TARGET_TEST, TARGET_SESSIONS, ExecMode.ASYNC);
        Optional<ExecResult> blocking = results.result(TARGET_TEST, TARGET_SESSIONS, ExecMode.BLOCKING);
        String tps = async.isPresent() && blocking.isPresent() ? String.format(Locale.ROOT,
                "async %,.1f tps, blocking %,.1f tps", async.get().median().tps(), blocking.get().median().tps()) : "";
        String p99 = async.isPresent() && blocking.isPresent() ? String.format(Locale.ROOT,
                "async %.2f ms, blocking %.2f ms", async.get().median().latency().p99Ms(),
                blocking.get().median().latency().p99Ms()) : "";
        Optional<ExecResult> most = results.result(TARGET_TEST, MOST_SESSIONS, ExecMode.ASYNC);
        Optional<ExecResult> peak = results.peak(TARGET_TEST, ExecMode.ASYNC);
        String ofPeak = most.isPresent() && peak.isPresent() ? String.format(Locale.ROOT,
                "%,.1f tps at %d sessions, peak %,.1f tps at %d", most.get().median().tps(), MOST_SESSIONS,
                peak.get().median().tps(), peak.get().sessions()) : "";
        return List.of(
                Target.atLeast("async / blocking tps, " + at, results.asyncOverBlockingTps(TARGET_TEST,
                        TARGET_SESSIONS), TPS_RATIO, tps),
                Target.atMost("async / blocking p99, " + at, results.asyncOverBlockingP99(TARGET_TEST,
                        TARGET_SESSIONS), P99_RATIO, p99),
                Target.atLeast("async tps at " + MOST_SESSIONS + " sessions / async peak, "
                        + TARGET_TEST.sysbenchName(), results.overPeak(TARGET_TEST, MOST_SESSIONS, ExecMode.ASYNC),
                        OF_PEAK, ofPeak));
    }
}
