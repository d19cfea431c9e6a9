package io.boreal.storage;

/** A condition on a row, evaluated inside a partition (a compiled WHERE clause). Stateless. */
@FunctionalInterface
public interface RowPredicate {
    RowPredicate ALL = row -> true;

    boolean test(Object[] row);
}
