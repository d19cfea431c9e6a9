package io.boreal.txn;

import com.esotericsoftware.kryo.Kryo;

import io.boreal.transport.kryo.KryoRegistrar;
import io.boreal.txn.impl.DecisionLog;
import io.boreal.txn.impl.HighWaterLog;

/** Registration ids 200–299: what txn-coordinator persists (the oracle's high-water marks, the transaction records' decisions) and the oracle's messages between nodes. */
public final class TxnKryoRegistrar implements KryoRegistrar {

    @Override
    public void register(Kryo kryo) {
        kryo.register(HighWaterLog.Reserved.class, 200);
        kryo.register(DecisionLog.DecidedWithoutTimestamps.class, 201); // logs written before 214
        kryo.register(DecisionLog.Decided.class, 214);
        // the oracle's protocol, which crosses nodes: it is a cluster singleton
        kryo.register(TimestampOracle.Lease.class, 202);
        kryo.register(TimestampOracle.Leased.class, 203);
        kryo.register(TimestampOracle.GetEndpoint.class, 204);
        kryo.register(TimestampOracle.Endpoint.class, 205);
        // what a partition request carries from its transaction
        kryo.register(ActiveList.View.class, 206);
        kryo.register(SlotRelease.class, new SlotRelease.CrossNode(), 207);
        // the transaction records are sharded entities: a partition may ask them from another node
        kryo.register(TxnRecords.Decide.class, 208);
        kryo.register(TxnRecords.Decision.class, 209);
        kryo.register(TxnRecords.Resolved.class, 210);
        // global snapshots: tracked commit timestamps
        kryo.register(TimestampOracle.Track.class, 211);
        kryo.register(TimestampOracle.Tracked.class, 212);
        kryo.register(TimestampOracle.Done.class, 213);
    }
}
