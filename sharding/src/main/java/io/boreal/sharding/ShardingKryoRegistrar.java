package io.boreal.sharding;

import com.esotericsoftware.kryo.Kryo;

import io.boreal.transport.kryo.KryoRegistrar;

/** Registration ids 500–599: the catalog's events. */
public final class ShardingKryoRegistrar implements KryoRegistrar {

    @Override
    public void register(Kryo kryo) {
        kryo.register(Catalog.TableCreated.class, 500);
        kryo.register(Catalog.TableDropped.class, 501);
        kryo.register(Catalog.IndexAdded.class, 502);
        kryo.register(Catalog.AutoIncrementReserved.class, 503);
        kryo.register(Catalog.Incarnated.class, 504);
    }
}
