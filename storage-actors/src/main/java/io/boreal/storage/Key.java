package io.boreal.storage;

import java.util.Arrays;

import io.boreal.transport.kryo.KryoMessage;

/**
 * An index key: one or more column values compared left to right, NULL first. A key may also be
 * a range bound that sorts just before or just after every key starting with its values, so
 * {@code NavigableMap.subMap} takes prefix ranges of composite keys:
 *
 * <pre>
 *   before(5)  <  (5)  <  (5, 1)  <  (5, 9)  <  after(5)  <  (6)
 * </pre>
 *
 * Immutable. Values are of the column's Java class (the session coerces literals first).
 */
public final class Key implements Comparable<Key>, KryoMessage {

    private static final byte EXACT = 0;
    private static final byte BEFORE = -1;
    private static final byte AFTER = 1;

    private final Object[] values;
    private final byte bound;

    private Key(Object[] values, byte bound) {
        this.values = values;
        this.bound = bound;
    }

    public static Key of(Object... values) {
        return new Key(values, EXACT);
    }

    /** Sorts before every key that starts with {@code prefix}. */
    public static Key before(Object... prefix) {
        return new Key(prefix, BEFORE);
    }

    /** Sorts after every key that starts with {@code prefix}. */
    public static Key after(Object... prefix) {
        return new Key(prefix, AFTER);
    }

    public int size() {
        return values.length;
    }

    public Object get(int i) {
        return values[i];
    }

    /** The values from {@code from} on, as an exact key (the primary key inside an index entry). */
    public Key suffix(int from) {
        return new Key(Arrays.copyOfRange(values, from, values.length), EXACT);
    }

    @Override
    public int compareTo(Key other) {
        int n = Math.min(values.length, other.values.length);
        for (int i = 0; i < n; i++) {
            int c = compareValues(values[i], other.values[i]);
            if (c != 0) {
                return c;
            }
        }
        if (values.length == other.values.length) {
            return Integer.compare(bound, other.bound);
        }
        // One is a prefix of the other: a bound sorts around all keys it prefixes.
        if (values.length < other.values.length) {
            return bound == AFTER ? 1 : -1;
        }
        return other.bound == AFTER ? -1 : 1;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static int compareValues(Object a, Object b) {
        if (a == b) {
            return 0;
        }
        if (a == null) {
            return -1;
        }
        if (b == null) {
            return 1;
        }
        return ((Comparable) a).compareTo(b);
    }

    /** Kryo's form of a key: the bound byte, the value count, then each value with its class. */
    public static final class KryoSerializer extends com.esotericsoftware.kryo.Serializer<Key> {
        public KryoSerializer() {
            setImmutable(true);
        }

        @Override
        public void write(com.esotericsoftware.kryo.Kryo kryo, com.esotericsoftware.kryo.io.Output output, Key key) {
            output.writeByte(key.bound);
            output.writeVarInt(key.values.length, true);
            for (Object value : key.values) {
                kryo.writeClassAndObject(output, value);
            }
        }

        @Override
        public Key read(com.esotericsoftware.kryo.Kryo kryo, com.esotericsoftware.kryo.io.Input input,
                        Class<? extends Key> type) {
            byte bound = input.readByte();
            Object[] values = new Object[input.readVarInt(true)];
            for (int i = 0; i < values.length; i++) {
                values[i] = kryo.readClassAndObject(input);
            }
            return new Key(values, bound);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Key k && bound == k.bound && Arrays.equals(values, k.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        String v = values.length == 1 ? String.valueOf(values[0]) : Arrays.toString(values);
        return bound == EXACT ? v : (bound == BEFORE ? "before " : "after ") + v;
    }
}
