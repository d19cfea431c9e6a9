package io.boreal.actors;

/**
 * Counters of the node's statement scheduler ({@code boreal.thread_concurrency},
 * {@code boreal.scheduler.aging_ms}) at one moment. Statements that never wait at the gate
 * (COMMIT, ROLLBACK, BEGIN, SET, SHOW VARIABLES, prepare) are not counted.
 *
 * @param admitted          statements that got a permit since the database started
 *                          ({@code admittedFinishing + admittedNew})
 * @param waited            statements that found no free permit and queued (whether admitted since,
 *                          still queued, or taken out by their session's close)
 * @param maxInFlight       the most statements that held a permit at the same time
 * @param inFlight          statements holding a permit now
 * @param queued            statements waiting for one now
 * @param admittedFinishing of {@code admitted}, statements of an open transaction (the
 *                          high-priority class)
 * @param admittedNew       of {@code admitted}, statements that start a transaction (the
 *                          low-priority class)
 * @param aged              queued statements admitted ahead of their turn (class, then tenant
 *                          weight) because they had waited longer than the aging limit
 */
public record AdmissionStats(long admitted, long waited, int maxInFlight, int inFlight, int queued,
                             long admittedFinishing, long admittedNew, long aged) {
}
