package io.boreal.storage;

/**
 * Computes a row's new values from its current ones (a compiled SET list), inside a partition.
 * Returns a new array; may throw {@link EngineException} (e.g. a NOT NULL column set to NULL).
 */
@FunctionalInterface
public interface RowTransform {
    Object[] apply(Object[] row);
}
