package io.boreal.transport.kryo;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.ImmutableCollectionsSerializers;

/** Registration ids 100–199: the JDK types that appear inside Boreal's messages and rows. */
public final class JdkTypesRegistrar implements KryoRegistrar {

    @Override
    public void register(Kryo kryo) {
        kryo.register(Object[].class, 100);
        kryo.register(Integer.class, 101);
        kryo.register(Long.class, 102);
        kryo.register(String.class, 103);
        kryo.register(Double.class, 104);
        kryo.register(BigDecimal.class, 105);
        kryo.register(BigInteger.class, 106);
        kryo.register(Boolean.class, 107);
        kryo.register(java.sql.Timestamp.class, 108);
        kryo.register(ArrayList.class, 109);
        kryo.register(HashMap.class, 110);
        kryo.register(LinkedHashMap.class, 111);
        kryo.register(TreeMap.class, 112);
        kryo.register(long[].class, 113);
        kryo.register(int[].class, 114);
        kryo.register(String[].class, 115);
        kryo.register(byte[].class, 116);
        kryo.register(Collections.emptyList().getClass(), 117);
        kryo.register(Collections.singletonList(1).getClass(), 118);
        // List.of / Map.of / Set.of implementations (ids 120–129), with Kryo's immutable serializers.
        ImmutableCollectionsSerializers.addDefaultSerializers(kryo);
        kryo.register(List.of().getClass(), 120);     // ListN
        kryo.register(List.of(1).getClass(), 121);    // List12
        kryo.register(Map.of().getClass(), 123);      // MapN
        kryo.register(Map.of(1, 1).getClass(), 124);  // Map1
        kryo.register(java.util.Set.of().getClass(), 125);   // SetN
        kryo.register(java.util.Set.of(1).getClass(), 128);  // Set12
        kryo.register(boolean[].class, 126);
        kryo.register(double[].class, 127);
    }
}
