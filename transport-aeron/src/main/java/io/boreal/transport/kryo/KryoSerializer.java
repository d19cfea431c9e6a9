package io.boreal.transport.kryo;

import java.util.ArrayList;
import java.util.List;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.Pool;
import com.typesafe.config.Config;

import akka.actor.ExtendedActorSystem;
import akka.serialization.JSerializer;

/**
 * Akka's binding of Kryo for every {@link KryoMessage}: what crosses nodes and what is persisted.
 *
 * <p>Registration is required and explicit: each module lists its classes with fixed ids in its
 * {@link KryoRegistrar}, named in {@code boreal.kryo.registrars.<module>}. An unregistered class fails
 * loudly at serialization time instead of writing class names to disk.
 *
 * <p>Thread-safety: Kryo instances are not thread-safe; each call borrows one (and an output
 * buffer) from a pool and returns it, so no allocation beyond the result in steady state.
 */
public final class KryoSerializer extends JSerializer {

    /** Akka serializer id; fixed forever, as it is written with every persisted event. */
    public static final int IDENTIFIER = 731_001;

    private final Pool<Kryo> kryos;
    private final Pool<Output> outputs;

    public KryoSerializer(ExtendedActorSystem system) {
        this(registrars(system.settings().config()), system.dynamicAccess().classLoader(), new TypedActorRefSerializer(system));
    }

    KryoSerializer(List<KryoRegistrar> registrars, ClassLoader classLoader) {
        this(registrars, classLoader, null);
    }

    /** @param actorRefs writes the typed ActorRefs in messages (a reply-to), null for none */
    private KryoSerializer(List<KryoRegistrar> registrars, ClassLoader classLoader, TypedActorRefSerializer actorRefs) {
        int cores = Runtime.getRuntime().availableProcessors();
        this.kryos = new Pool<>(true, false, 4 * cores) {
            @Override
            protected Kryo create() {
                Kryo kryo = new Kryo();
                kryo.setRegistrationRequired(true);
                kryo.setReferences(false);
                kryo.setClassLoader(classLoader);
                if (actorRefs != null) {
                    actorRefs.register(kryo);
                }
                for (KryoRegistrar registrar : registrars) {
                    registrar.register(kryo);
                }
                return kryo;
            }
        };
        this.outputs = new Pool<>(true, false, 4 * cores) {
            @Override
            protected Output create() {
                return new Output(4096, -1);
            }
        };
    }

    @Override
    public int identifier() {
        return IDENTIFIER;
    }

    @Override
    public boolean includeManifest() {
        return false;
    }

    @Override
    public byte[] toBinary(Object o) {
        Kryo kryo = kryos.obtain();
        Output output = outputs.obtain();
        try {
            output.reset();
            kryo.writeClassAndObject(output, o);
            return output.toBytes();
        } finally {
            if (output.getBuffer().length > 1 << 20) {
                output.setBuffer(new byte[4096], -1); // don't pin one huge batch's buffer
            }
            outputs.free(output);
            kryos.free(kryo);
        }
    }

    @Override
    public Object fromBinaryJava(byte[] bytes, Class<?> manifest) {
        Kryo kryo = kryos.obtain();
        try {
            return kryo.readClassAndObject(new Input(bytes));
        } finally {
            kryos.free(kryo);
        }
    }

    static List<KryoRegistrar> registrars(Config config) {
        List<KryoRegistrar> result = new ArrayList<>();
        Config listed = config.getConfig("boreal.kryo.registrars");
        for (String module : new java.util.TreeSet<>(listed.root().keySet())) {
            String name = listed.getString(module);
            try {
                result.add((KryoRegistrar) Class.forName(name).getDeclaredConstructor().newInstance());
            } catch (ReflectiveOperationException | ClassCastException e) {
                throw new IllegalArgumentException("boreal.kryo.registrars: cannot load " + name, e);
            }
        }
        return result;
    }
}
