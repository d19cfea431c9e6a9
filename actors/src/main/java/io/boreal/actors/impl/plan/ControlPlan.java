package io.boreal.actors.impl.plan;

/** Transaction control and session settings: no table involved. */
public record ControlPlan(Kind kind, String name, String value, long catalogVersion) implements Plan {

    public enum Kind { BEGIN, COMMIT, ROLLBACK, SET_AUTOCOMMIT, SET_IGNORED }

    public static ControlPlan of(Kind kind) {
        return new ControlPlan(kind, null, null, 0);
    }

    @Override
    public int parameterCount() {
        return 0;
    }
}
