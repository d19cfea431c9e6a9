package io.boreal.sharding;

import com.esotericsoftware.kryo.Kryo;

import io.boreal.transport.kryo.KryoRegistrar;

/** Registration ids 500–599: the catalog's events and protocol, and what node incarnations tell one another. */
public final class ShardingKryoRegistrar implements KryoRegistrar {

    @Override
    public void register(Kryo kryo) {
        kryo.register(Catalog.TableCreated.class, 500);
        kryo.register(Catalog.TableDropped.class, 501);
        kryo.register(Catalog.IndexAdded.class, 502);
        kryo.register(Catalog.AutoIncrementReserved.class, 503);
        kryo.register(Catalog.Incarnated.class, 504);
        // the catalog singleton's protocol, which crosses nodes
        kryo.register(Catalog.CreateTable.class, 505);
        kryo.register(Catalog.DropTable.class, 506);
        kryo.register(Catalog.AddIndex.class, 507);
        kryo.register(Catalog.ReserveAutoIncrement.class, 508);
        kryo.register(Catalog.StartIncarnation.class, 509);
        kryo.register(Catalog.Subscribe.class, 510);
        kryo.register(Catalog.Applied.class, 511);
        kryo.register(Catalog.Snapshot.class, 512);
        kryo.register(CatalogView.Changed.class, 513);
        kryo.register(Incarnations.Moved.class, 514);
    }
}
