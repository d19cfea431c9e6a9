package io.boreal.storage;

/** A condition on a row, evaluated inside a partition (a compiled WHERE clause). Stateless. */
@FunctionalInterface
public interface RowPredicate {
    /** Every row: the condition of a statement without WHERE. */
    RowPredicate ALL = Everything.INSTANCE;

    boolean test(Object[] row);

    /** {@link #ALL} as an enum, so that it crosses nodes as itself. */
    enum Everything implements RowPredicate {
        INSTANCE;

        @Override
        public boolean test(Object[] row) {
            return true;
        }
    }
}
