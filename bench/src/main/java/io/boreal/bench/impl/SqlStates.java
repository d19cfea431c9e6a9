package io.boreal.bench.impl;

import io.boreal.actors.SqlSession;
import io.boreal.storage.EngineException;

/** The SQLState and a one-line description of a failure an async {@link SqlSession} stage completed with. */
public final class SqlStates {

    private SqlStates() {
    }

    /** The SQLState of the first {@link EngineException} in the cause chain, or null when there is none. */
    public static String of(Throwable error) {
        EngineException e = engineCause(error);
        return e == null ? null : e.sqlState();
    }

    /** {@code SQLState 40001: message}, or the root cause when no SQLState is known. */
    public static String describe(Throwable error) {
        EngineException e = engineCause(error);
        if (e != null) {
            return "SQLState " + e.sqlState() + ": " + e.getMessage();
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root);
    }

    private static EngineException engineCause(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof EngineException e) {
                return e;
            }
            if (t instanceof SqlSession.BatchFailure b) {
                return b.engineCause();
            }
        }
        return null;
    }
}
