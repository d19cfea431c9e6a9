package io.boreal.transport.kryo;

import com.esotericsoftware.kryo.Kryo;

/**
 * One per module: the single place where that module's persisted and wire classes get their
 * Kryo registration ids. Ids are forever: never reuse or renumber one; add new ones at the end
 * of the module's range.
 *
 * <p>Ranges: 100–199 transport-aeron (JDK value types), 200–299 txn-coordinator,
 * 300–499 storage-actors, 500–599 sharding, 600–699 actors.
 *
 * <p>Implementations need a public no-argument constructor; they are listed in config under
 * {@code boreal.kryo.registrars.<module>}.
 */
public interface KryoRegistrar {
    void register(Kryo kryo);
}
