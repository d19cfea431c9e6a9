package io.boreal.transport.kryo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.List;

import org.junit.jupiter.api.Test;

class KryoSerializerTest {

    record Sample(long id, Object[] values, List<Object> keys) implements KryoMessage {
    }

    record Unregistered(int x) implements KryoMessage {
    }

    private final KryoSerializer serializer = new KryoSerializer(
            List.of(new JdkTypesRegistrar(), kryo -> kryo.register(Sample.class, 900)),
            getClass().getClassLoader());

    @Test
    void roundTripsRecordsWithRowValuesAndImmutableLists() {
        Object[] row = {1, 2L, "c", 1.5d, new BigDecimal("12.34"), true, new Timestamp(1_000L), null};
        Sample sample = new Sample(7L, row, List.of(1, "two", 3L));

        Sample back = (Sample) serializer.fromBinaryJava(serializer.toBinary(sample), null);

        assertEquals(7L, back.id());
        assertArrayEquals(row, back.values());
        assertEquals(List.of(1, "two", 3L), back.keys());
    }

    @Test
    void refusesAClassWithoutARegistrationId() {
        assertThrows(IllegalArgumentException.class, () -> serializer.toBinary(new Unregistered(1)));
    }
}
