package io.boreal.storage.schema;

import io.boreal.transport.kryo.KryoMessage;

/**
 * A column of a table.
 *
 * @param name          lower-case name
 * @param type          its type
 * @param length        VARCHAR/CHAR length or DECIMAL precision, 0 when not declared
 * @param scale         DECIMAL scale
 * @param nullable      false for NOT NULL and primary-key columns
 * @param defaultValue  the value of type {@link ColumnType#javaClass()} an INSERT that omits the
 *                      column stores (null when none)
 * @param autoIncrement whether an INSERT that omits it (or gives NULL) gets the next counter value
 */
public record ColumnDef(String name, ColumnType type, int length, int scale, boolean nullable,
                        Object defaultValue, boolean autoIncrement) implements KryoMessage {
}
