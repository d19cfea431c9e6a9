package io.boreal.transport.kryo;

/**
 * Marker for every message that crosses nodes or is persisted: Akka serializes it with
 * {@link KryoSerializer}. Its class (and every class inside it) must be registered with a fixed
 * id by a module's {@link KryoRegistrar}, so what is on disk stays readable across releases.
 */
public interface KryoMessage {
}
