package io.boreal.jdbc.wire;

/**
 * A frame that breaks the protocol: truncated, oversized, of an unknown type or version, or
 * sent out of order. Its SQLState is {@value #SQLSTATE} (PostgreSQL's protocol_violation); the
 * peer that receives one answers with an error frame and closes the connection, since the
 * stream can no longer be trusted to be in step.
 */
public final class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    public static final String SQLSTATE = "08P01";

    public ProtocolException(String message) {
        super(message, null, false, false);
    }
}
