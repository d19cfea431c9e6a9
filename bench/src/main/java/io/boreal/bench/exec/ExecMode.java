package io.boreal.bench.exec;

/**
 * The engine's two execution modes ({@code boreal.execution_mode}), each reached from the other
 * by SQL alone; a statement finishes in the mode it started in.
 */
public enum ExecMode {

    /** Thread per connection, the twin: each session runs on its own platform thread, which blocks at every wait. */
    BLOCKING("blocking"),
    /** Every session is an actor that gives its thread back at each wait (row lock, log flush, timestamp). */
    ASYNC("async");

    /** The engine variable switched. */
    static final String VARIABLE = "boreal.execution_mode";

    private final String label;

    ExecMode(String label) {
        this.label = label;
    }

    /** The value of {@code boreal.execution_mode}, printed in the tables and written in the JSON. */
    public String label() {
        return label;
    }

    String switchStatement() {
        return "SET GLOBAL " + VARIABLE + " = '" + label + "'";
    }
}
