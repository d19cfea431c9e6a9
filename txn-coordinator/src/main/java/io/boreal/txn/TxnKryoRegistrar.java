package io.boreal.txn;

import com.esotericsoftware.kryo.Kryo;

import io.boreal.transport.kryo.KryoRegistrar;
import io.boreal.txn.impl.DecisionLog;
import io.boreal.txn.impl.HighWaterLog;

/** Registration ids 200–299: what txn-coordinator persists (the oracle's high-water marks, the transaction records' decisions). */
public final class TxnKryoRegistrar implements KryoRegistrar {

    @Override
    public void register(Kryo kryo) {
        kryo.register(HighWaterLog.Reserved.class, 200);
        kryo.register(DecisionLog.Decided.class, 201);
    }
}
