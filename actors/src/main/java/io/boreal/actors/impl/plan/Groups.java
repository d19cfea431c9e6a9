package io.boreal.actors.impl.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.boreal.actors.impl.sql.Expr;

/**
 * The groups of an aggregate query as they are folded: per GROUP BY key, one accumulator per
 * aggregate call, in the order the keys were first met. Not thread-safe (one per fold).
 */
final class Groups {

    private final List<AggregateCall> calls;
    private final int keyCount;
    private final Map<List<Object>, AggregateCall.Accumulator[]> groups = new LinkedHashMap<>();

    Groups(List<AggregateCall> calls, int keyCount) {
        this.calls = calls;
        this.keyCount = keyCount;
    }

    /** Adds {@code row} to its group, by the GROUP BY expressions. */
    void add(Object[] row, List<Expr> groupBy, Object[] params) {
        Object[] keys = new Object[keyCount];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = groupBy.get(i).eval(row, params);
        }
        for (AggregateCall.Accumulator a : of(keys)) {
            a.add(row, params);
        }
    }

    /** The accumulators of the group of {@code keys}, new ones if it is the first of it. */
    AggregateCall.Accumulator[] of(Object[] keys) {
        return groups.computeIfAbsent(Arrays.asList(keys), k -> {
            AggregateCall.Accumulator[] accumulators = new AggregateCall.Accumulator[calls.size()];
            for (int i = 0; i < accumulators.length; i++) {
                accumulators[i] = calls.get(i).newAccumulator();
            }
            return accumulators;
        });
    }

    /**
     * One row per group: its keys, then each aggregate's result. A query without GROUP BY has
     * one row even over no rows (COUNT 0, SUM NULL).
     */
    List<Object[]> results() {
        if (groups.isEmpty() && keyCount == 0) {
            of(new Object[0]);
        }
        List<Object[]> rows = new ArrayList<>(groups.size());
        for (Map.Entry<List<Object>, AggregateCall.Accumulator[]> group : groups.entrySet()) {
            Object[] row = keysFirst(group.getKey(), calls.size());
            for (int i = 0; i < calls.size(); i++) {
                row[keyCount + i] = group.getValue()[i].result();
            }
            rows.add(row);
        }
        return rows;
    }

    /**
     * One row per group met: its keys, then each aggregate's partial state as two values (see
     * {@link AggregateCall.Accumulator}), which {@link #mergePartial} reads back.
     */
    List<Object[]> partials() {
        List<Object[]> rows = new ArrayList<>(groups.size());
        for (Map.Entry<List<Object>, AggregateCall.Accumulator[]> group : groups.entrySet()) {
            Object[] row = keysFirst(group.getKey(), 2 * calls.size());
            for (int i = 0; i < calls.size(); i++) {
                row[keyCount + 2 * i] = group.getValue()[i].partialValue();
                row[keyCount + 2 * i + 1] = group.getValue()[i].count();
            }
            rows.add(row);
        }
        return rows;
    }

    /** Merges one row of another fold's {@link #partials}. */
    void mergePartial(Object[] partial) {
        AggregateCall.Accumulator[] accumulators = of(Arrays.copyOf(partial, keyCount));
        for (int i = 0; i < accumulators.length; i++) {
            accumulators[i].merge(partial[keyCount + 2 * i], (Long) partial[keyCount + 2 * i + 1]);
        }
    }

    private Object[] keysFirst(List<Object> keys, int after) {
        Object[] row = new Object[keyCount + after];
        for (int i = 0; i < keyCount; i++) {
            row[i] = keys.get(i);
        }
        return row;
    }
}
