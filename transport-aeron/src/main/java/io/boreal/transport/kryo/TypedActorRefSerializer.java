package io.boreal.transport.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

import akka.actor.ExtendedActorSystem;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import akka.actor.typed.javadsl.Adapter;

/**
 * Writes a typed {@link ActorRef} in a message (a reply-to that crosses nodes) as its
 * {@link ActorRefResolver} string, which names its node, and resolves it back on the reader's
 * system. Registered under id 150 for the class every typed ActorRef of a classic-backed system
 * has ({@code ActorRefAdapter}).
 *
 * <p>Thread-safety: stateless but for the resolver, looked up once, lazily (the extension must not
 * be created while the system is still creating its serializers).
 */
final class TypedActorRefSerializer extends Serializer<ActorRef<?>> {

    static final int REGISTRATION_ID = 150;
    private static final String ADAPTER = "akka.actor.typed.internal.adapter.ActorRefAdapter";

    private final ExtendedActorSystem system;
    private volatile ActorRefResolver resolver;

    TypedActorRefSerializer(ExtendedActorSystem system) {
        this.system = system;
    }

    void register(Kryo kryo) {
        try {
            kryo.register(Class.forName(ADAPTER, false, system.dynamicAccess().classLoader()), this, REGISTRATION_ID);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Akka Typed without " + ADAPTER + ": cannot serialize ActorRefs", e);
        }
    }

    @Override
    public void write(Kryo kryo, Output output, ActorRef<?> ref) {
        output.writeString(resolver().toSerializationFormat(ref));
    }

    @Override
    public ActorRef<?> read(Kryo kryo, Input input, Class<? extends ActorRef<?>> type) {
        return resolver().resolveActorRef(input.readString());
    }

    private ActorRefResolver resolver() {
        ActorRefResolver r = resolver;
        if (r == null) {
            r = ActorRefResolver.get(Adapter.toTyped(system));
            resolver = r;
        }
        return r;
    }
}
