package io.boreal.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

import io.boreal.storage.impl.RedoLog;
import io.boreal.transport.kryo.JdkTypesRegistrar;

/** What the redo log persists must read back equal: keys (bounds included) and row images. */
class StorageKryoTest {

    @Test
    void redoBatchRoundTrips() {
        Kryo kryo = new Kryo();
        kryo.setRegistrationRequired(true);
        new JdkTypesRegistrar().register(kryo);
        new StorageKryoRegistrar().register(kryo);
        List<Key> keys = new ArrayList<>(List.of(Key.of(1), Key.of("a", 2L), Key.before(7)));
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {1, "x", new BigDecimal("1.50")});
        rows.add(null);
        rows.add(new Object[] {7, null, null});
        Output out = new Output(256, -1);
        kryo.writeClassAndObject(out, new RedoLog.RedoBatch(keys, rows));

        RedoLog.RedoBatch back = (RedoLog.RedoBatch) kryo.readClassAndObject(new Input(out.toBytes()));

        assertEquals(keys, back.keys());
        assertEquals(0, back.keys().get(2).compareTo(Key.before(7)));
        assertEquals(3, back.rows().size());
        assertArrayEquals(rows.get(0), back.rows().get(0));
        assertEquals(null, back.rows().get(1));
        assertEquals(Arrays.asList(rows.get(2)), Arrays.asList(back.rows().get(2)));
    }
}
