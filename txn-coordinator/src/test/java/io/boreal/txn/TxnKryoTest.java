package io.boreal.txn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.javadsl.Adapter;
import akka.serialization.Serialization;
import akka.serialization.SerializationExtension;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

import io.boreal.transport.kryo.JdkTypesRegistrar;
import io.boreal.txn.impl.HighWaterLog;

/** What the oracle persists, and its messages between nodes, must read back equal. */
class TxnKryoTest {

    /** Through the system's own serialization (the Kryo binding), a reply-to ActorRef included. */
    @Test
    void oracleMessagesRoundTripWithTheirReplyTo() {
        ActorTestKit kit = ActorTestKit.create(TxnTestConfig.inmemJournal());
        try {
            TestProbe<TimestampOracle.Leased> leased = kit.createTestProbe();
            TestProbe<TimestampOracle.Endpoint> endpoint = kit.createTestProbe();
            Serialization serialization = SerializationExtension.get(Adapter.toClassic(kit.system()));
            for (Object message : new Object[] {new TimestampOracle.Lease(7, leased.ref()),
                    new TimestampOracle.Leased(3, 10), new TimestampOracle.GetEndpoint(endpoint.ref()),
                    new TimestampOracle.Endpoint("aeron:udp?endpoint=127.0.0.1:4000", 7001),
                    new TimestampOracle.Endpoint(null, 0)}) {
                byte[] bytes = serialization.serialize(message).get();
                int id = serialization.findSerializerFor(message).identifier();
                Object back = serialization.deserialize(bytes, id, "").get();
                assertEquals(message, back);
            }
            // the resolved reply-to delivers to the probe
            TimestampOracle.Lease lease = (TimestampOracle.Lease) serialization.deserialize(
                    serialization.serialize(new TimestampOracle.Lease(1, leased.ref())).get(),
                    io.boreal.transport.kryo.KryoSerializer.IDENTIFIER, "").get();
            lease.replyTo().tell(new TimestampOracle.Leased(5, 6));
            assertEquals(new TimestampOracle.Leased(5, 6), leased.receiveMessage());
        } finally {
            kit.shutdownTestKit();
        }
    }

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
