package io.boreal.storage;

import com.esotericsoftware.kryo.Kryo;

import io.boreal.storage.impl.RedoLog;
import io.boreal.storage.schema.ColumnDef;
import io.boreal.storage.schema.ColumnType;
import io.boreal.storage.schema.IndexDef;
import io.boreal.storage.schema.Partitioning;
import io.boreal.storage.schema.TableDef;
import io.boreal.transport.kryo.KryoRegistrar;

/** Registration ids 300–499: what storage-actors persists (redo batches) and the schema types. */
public final class StorageKryoRegistrar implements KryoRegistrar {

    @Override
    public void register(Kryo kryo) {
        kryo.register(Key.class, new Key.KryoSerializer(), 300);
        kryo.register(RedoLog.RedoBatch.class, 301);
        kryo.register(RedoLog.Prepared.class, 302);
        kryo.register(RedoLog.Outcome.class, 303);
        kryo.register(ColumnType.class, 310);
        kryo.register(ColumnDef.class, 311);
        kryo.register(IndexDef.class, 312);
        kryo.register(Partitioning.class, 313);
        kryo.register(Partitioning.Kind.class, 314);
        kryo.register(TableDef.class, 315);
    }
}
