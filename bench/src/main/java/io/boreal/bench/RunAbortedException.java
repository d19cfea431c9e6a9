package io.boreal.bench;

/**
 * A run stopped before its time: a worker met an SQLException whose SQLState is not ignored,
 * or could not connect or initialise. The message names the thread, the SQLState and the
 * error; the cause is the original exception.
 */
public final class RunAbortedException extends RuntimeException {
    public RunAbortedException(String message, Throwable cause) {
        super(message, cause);
    }
}
