package io.boreal.actors.impl.plan;

import java.util.HashSet;
import java.util.Set;

import io.boreal.actors.impl.sql.Expr;
import io.boreal.actors.impl.sql.Values;
import io.boreal.storage.schema.ColumnType;

/**
 * One aggregate of a query: COUNT, SUM, MIN, MAX or AVG over an expression of the row (null for
 * COUNT(*)), optionally DISTINCT.
 */
public record AggregateCall(Kind kind, Expr argument, boolean distinct) {

    public enum Kind { COUNT, SUM, MIN, MAX, AVG }

    /** The type of the result, from the argument's. */
    public ColumnType type() {
        ColumnType arg = argument == null ? null : argument.type();
        return switch (kind) {
            case COUNT -> ColumnType.BIGINT;
            case MIN, MAX -> arg;
            case SUM -> arg == ColumnType.DOUBLE ? ColumnType.DOUBLE
                    : arg == ColumnType.DECIMAL ? ColumnType.DECIMAL : ColumnType.BIGINT;
            case AVG -> arg == ColumnType.DOUBLE ? ColumnType.DOUBLE : ColumnType.DECIMAL;
        };
    }

    Accumulator newAccumulator() {
        return new Accumulator();
    }

    /**
     * Folds the rows of one group, or the partial folds of it other partitions made
     * ({@link #merge}). Not thread-safe (one per group per execution).
     *
     * <p>Its partial state is {@link #partialValue()} and {@link #count()}: the sum, minimum or
     * maximum so far (null before the first non-null argument) and how many values went in. A
     * DISTINCT aggregate has no partial state that merges (two partitions may both have seen a
     * value): it is folded in one place from the rows themselves.
     */
    final class Accumulator {
        private long count;
        private Object value;
        private final Set<Object> seen = distinct ? new HashSet<>() : null;

        void add(Object[] row, Object[] params) {
            if (argument == null) {
                count++;
                return;
            }
            Object v = argument.eval(row, params);
            if (v == null || (seen != null && !seen.add(v))) {
                return;
            }
            count++;
            value = combine(v);
        }

        /** Adds another accumulator's partial state of the same group. */
        void merge(Object partialValue, long partialCount) {
            count += partialCount;
            if (partialValue != null) {
                value = combine(partialValue);
            }
        }

        private Object combine(Object v) {
            return switch (kind) {
                case COUNT -> null;
                case SUM, AVG -> value == null ? v : Values.arithmetic('+', value, v);
                case MIN -> value == null || Values.compare(v, value) < 0 ? v : value;
                case MAX -> value == null || Values.compare(v, value) > 0 ? v : value;
            };
        }

        Object partialValue() {
            return value;
        }

        long count() {
            return count;
        }

        Object result() {
            return switch (kind) {
                case COUNT -> count;
                case MIN, MAX -> value;
                case SUM -> value == null ? null : Values.coerce(value, type(), "SUM");
                case AVG -> value == null ? null
                        : Values.coerce(Values.arithmetic('/', Values.coerce(value, type(), "AVG"), count), type(), "AVG");
            };
        }
    }
}
