package io.boreal.storage.journal;

import java.io.NotSerializableException;
import java.nio.charset.StandardCharsets;

import akka.serialization.SerializerWithStringManifest;

/** Serializes {@link TestEvent} as {@code number|text}, with a manifest, so replays exercise both. */
public final class TestEventSerializer extends SerializerWithStringManifest {

    static final String MANIFEST = "TE1";

    @Override
    public int identifier() {
        return 917_001;
    }

    @Override
    public String manifest(Object o) {
        return MANIFEST;
    }

    @Override
    public byte[] toBinary(Object o) {
        TestEvent e = (TestEvent) o;
        return (e.number() + "|" + e.text()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
        if (!MANIFEST.equals(manifest)) {
            throw new NotSerializableException("unknown manifest " + manifest);
        }
        String s = new String(bytes, StandardCharsets.UTF_8);
        int bar = s.indexOf('|');
        return new TestEvent(s.substring(bar + 1), Integer.parseInt(s.substring(0, bar)));
    }
}
