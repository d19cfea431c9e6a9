package io.boreal.bench.impl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;

/**
 * A small streaming JSON writer with two-space indentation, enough for result files. Numbers
 * that JSON cannot hold (NaN, infinities) are written as {@code null}.
 *
 * <pre>
 *   w.beginObject().name("tps").value(12.5).name("tags").beginArray().value("a").endArray().endObject();
 * </pre>
 *
 * <p>Not thread-safe. Misuse (a value where a name is due) is not detected.
 */
public final class JsonWriter {
    private final StringBuilder out = new StringBuilder();
    /** One entry per open container: true until its first element is written. */
    private final Deque<Boolean> firstInScope = new ArrayDeque<>();
    private boolean afterName;

    public JsonWriter beginObject() {
        return open('{');
    }

    public JsonWriter endObject() {
        return close('}');
    }

    public JsonWriter beginArray() {
        return open('[');
    }

    public JsonWriter endArray() {
        return close(']');
    }

    public JsonWriter name(String name) {
        separate();
        quote(name);
        out.append(": ");
        afterName = true;
        return this;
    }

    public JsonWriter value(String s) {
        separate();
        if (s == null) {
            out.append("null");
        } else {
            quote(s);
        }
        return this;
    }

    public JsonWriter value(long v) {
        separate();
        out.append(v);
        return this;
    }

    public JsonWriter value(double v) {
        separate();
        out.append(Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "null");
        return this;
    }

    /** A measurement that may be missing: {@code null} when empty; integral types as integers. */
    public JsonWriter value(Optional<? extends Number> v) {
        if (v.isEmpty()) {
            return nullValue();
        }
        Number n = v.get();
        return n instanceof Long || n instanceof Integer ? value(n.longValue()) : value(n.doubleValue());
    }

    public JsonWriter value(boolean v) {
        separate();
        out.append(v);
        return this;
    }

    public JsonWriter nullValue() {
        separate();
        out.append("null");
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /** Writes the document and a newline to {@code file}, creating its directory if missing. */
    public void writeTo(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, out + "\n", StandardCharsets.UTF_8);
    }

    private JsonWriter open(char c) {
        separate();
        out.append(c);
        firstInScope.push(Boolean.TRUE);
        return this;
    }

    private JsonWriter close(char c) {
        boolean empty = firstInScope.pop();
        if (!empty) {
            newline();
        }
        out.append(c);
        return this;
    }

    /** Writes the comma and indentation due before an element (nothing right after a name). */
    private void separate() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (firstInScope.isEmpty()) {
            return;
        }
        if (!firstInScope.pop()) {
            out.append(',');
        }
        firstInScope.push(Boolean.FALSE);
        newline();
    }

    private void newline() {
        out.append('\n');
        out.append("  ".repeat(firstInScope.size()));
    }

    private void quote(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
