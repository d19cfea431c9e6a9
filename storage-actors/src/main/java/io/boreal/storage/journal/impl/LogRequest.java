package io.boreal.storage.journal.impl;

/**
 * Work handed to the {@link LogWriter}: an {@link AppendBatch}, a {@link DeleteRequest}, a
 * {@link ResetRequest}, or the
 * stop signal. Each carries the future the writer completes once its records are durable.
 */
sealed interface LogRequest permits AppendBatch, DeleteRequest, ResetRequest, LogRequest.Stop {

    /** Completes the request's future with a failure; the request was not (durably) written. */
    void fail(Throwable cause);

    /** Ends the writer after everything queued before it. */
    record Stop() implements LogRequest {
        @Override
        public void fail(Throwable cause) {
        }
    }
}
