package io.boreal.storage.schema;

import java.util.List;

import io.boreal.transport.kryo.KryoMessage;

/**
 * A secondary index local to each partition: its entries are the indexed columns followed by the
 * primary key, so entries are unique even when values repeat.
 *
 * @param name    lower-case name
 * @param columns positions of the indexed columns in the row
 */
public record IndexDef(String name, List<Integer> columns) implements KryoMessage {
}
