package io.boreal.bench.exec;

import java.util.Optional;

/**
 * What {@code /proc} says of one measured window ({@link ProcCounters}); each is empty where
 * {@code /proc} is missing.
 *
 * @param processPerSec context switches per second of this process's threads
 * @param systemPerSec  context switches per second of the whole machine
 * @param threads       live threads of this process at the end of the window
 */
public record ContextSwitches(Optional<Double> processPerSec, Optional<Double> systemPerSec,
                              Optional<Integer> threads) {
}
