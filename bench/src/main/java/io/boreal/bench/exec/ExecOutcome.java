package io.boreal.bench.exec;

import io.boreal.bench.LatencySummary;

/**
 * One run of one side (one test, session count and execution mode).
 *
 * @param tps          events (transactions, or autocommit statements) that succeeded in the
 *                     measured window, per second of it
 * @param events       events that succeeded in the window
 * @param errors       events that failed in the window with an ignored SQLState (rolled back, not retried)
 * @param latency      latency of the window's successful events (BEGIN to COMMIT, or the statement)
 * @param switches     context switches per second over the window and the threads at its end, from /proc
 * @param gcMs         time the JVM's collectors took over the window (ms; a full heap shows here first)
 * @param rows         rows of the sbtest tables after the run
 * @param expectedRows rows they should hold: the loaded ones plus every insert acknowledged so far
 * @param firstError   the first failure of the run, or null
 */
public record ExecOutcome(double tps, long events, long errors, LatencySummary latency, ContextSwitches switches,
                          long gcMs, long rows, long expectedRows, String firstError) {
}
