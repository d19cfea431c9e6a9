package io.boreal.storage;

import com.esotericsoftware.kryo.Kryo;

import io.boreal.storage.impl.RedoLog;
import io.boreal.storage.schema.ColumnDef;
import io.boreal.storage.schema.ColumnType;
import io.boreal.storage.schema.IndexDef;
import io.boreal.storage.schema.Partitioning;
import io.boreal.storage.schema.TableDef;
import io.boreal.transport.kryo.KryoRegistrar;

/**
 * Registration ids 300–499: what storage-actors persists (redo batches), the schema types, and
 * the partition protocol ({@link Partition.Request}s, their replies and what they carry), which
 * crosses nodes. What a request carries from the planner (a compiled WHERE, a SET list) is
 * registered by the module that compiles it.
 */
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
        kryo.register(Partition.Read.class, 320);
        kryo.register(Partition.Write.class, 321);
        kryo.register(Partition.Commit.class, 322);
        kryo.register(Partition.Prepare.class, 323);
        kryo.register(Partition.CommitPrepared.class, 324);
        kryo.register(Partition.Abort.class, 325);
        kryo.register(Partition.AddIndex.class, 326);
        kryo.register(Partition.Drop.class, 327);
        kryo.register(Partition.Applied.class, 330);
        kryo.register(Partition.LockWaiting.class, 331);
        kryo.register(Partition.Prepared.class, 332);
        kryo.register(Partition.Rows.class, 333);
        kryo.register(Partition.Written.class, 334);
        kryo.register(Partition.Failed.class, 335);
        kryo.register(EngineException.class, new EngineException.KryoSerializer(), 336);
        kryo.register(TxnView.class, 340);
        kryo.register(ReadSpec.class, 341);
        kryo.register(RowPredicate.Everything.class, 342);
        kryo.register(WriteSpec.Insert.class, 343);
        kryo.register(WriteSpec.Update.class, 344);
        kryo.register(WriteSpec.Delete.class, 345);
        kryo.register(WriteSpec.Lock.class, 346);
        kryo.register(Partition.Stamped.class, 347);
    }
}
