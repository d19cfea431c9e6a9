package io.boreal.actors;

/**
 * Counters of the node's statement gate ({@code boreal.thread_concurrency}) at one moment.
 * Statements that never wait at the gate (COMMIT, ROLLBACK, BEGIN, SET, SHOW VARIABLES, prepare)
 * are not counted.
 *
 * @param admitted    statements that got a permit since the database started
 * @param waited      statements that found no free permit and queued (whether admitted since, still
 *                    queued, or taken out by their session's close)
 * @param maxInFlight the most statements that held a permit at the same time
 * @param inFlight    statements holding a permit now
 * @param queued      statements waiting for one now
 */
public record AdmissionStats(long admitted, long waited, int maxInFlight, int inFlight, int queued) {
}
