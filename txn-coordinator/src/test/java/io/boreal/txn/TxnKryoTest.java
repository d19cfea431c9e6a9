package io.boreal.txn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

import io.boreal.transport.kryo.JdkTypesRegistrar;
import io.boreal.txn.impl.HighWaterLog;

/** What the oracle persists must read back equal. */
class TxnKryoTest {

    @Test
    void reservedRoundTrips() {
        Kryo kryo = new Kryo();
        kryo.setRegistrationRequired(true);
        new JdkTypesRegistrar().register(kryo);
        new TxnKryoRegistrar().register(kryo);
        Output out = new Output(64, -1);
        kryo.writeClassAndObject(out, new HighWaterLog.Reserved(Long.MAX_VALUE - 3));

        Object back = kryo.readClassAndObject(new Input(out.toBytes()));

        assertEquals(new HighWaterLog.Reserved(Long.MAX_VALUE - 3), back);
    }
}
