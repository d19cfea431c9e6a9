package io.boreal.storage;

import java.util.List;

/**
 * What a partition makes of the rows a read found before it answers: partial aggregates, or the
 * first rows in some order. A statement that spans partitions sends each its fold, so that only
 * the folded rows cross to the session, which merges them. Stateless: one fold serves every
 * partition of a statement, on any thread.
 */
@FunctionalInterface
public interface RowFold {

    /**
     * The rows to answer with, from the visible rows that passed the read's filter, in index
     * order. May throw an {@link EngineException} (an error in an expression), which answers the
     * read as its failure.
     */
    List<Object[]> fold(List<Object[]> rows);
}
