package io.boreal.bench.impl;

import java.util.Optional;

/**
 * A goal a benchmark's measurement is held against, printed next to the results and written in
 * the JSON. A target whose measurement was not made (its part skipped, its session count not
 * run) has no value and is not met.
 *
 * @param name   what is measured
 * @param goal   the goal, as printed ({@code >= 1.5})
 * @param value  the measurement, empty when not made
 * @param met    whether the measurement reaches the goal
 * @param detail the numbers the value was taken from, as printed (may be empty)
 */
public record Target(String name, String goal, Optional<Double> value, boolean met, String detail) {

    public static Target atLeast(String name, Optional<Double> value, double goal) {
        return atLeast(name, value, goal, "");
    }

    public static Target atLeast(String name, Optional<Double> value, double goal, String detail) {
        return new Target(name, ">= " + goal, value, value.map(v -> v >= goal).orElse(false), detail);
    }

    public static Target atMost(String name, Optional<Double> value, double goal) {
        return atMost(name, value, goal, "");
    }

    public static Target atMost(String name, Optional<Double> value, double goal, String detail) {
        return new Target(name, "<= " + goal, value, value.map(v -> v <= goal).orElse(false), detail);
    }

    /** {@code met}, {@code NOT met}, or {@code not measured}. */
    public String status() {
        return value.isEmpty() ? "not measured" : met ? "met" : "NOT met";
    }
}
