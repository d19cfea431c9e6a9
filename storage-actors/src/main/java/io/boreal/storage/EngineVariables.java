package io.boreal.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;

/**
 * The engine's runtime switches ({@code SET GLOBAL name = value}, {@code SHOW VARIABLES}): one
 * registry per node, each variable defined once by the part of the engine that reads it, with
 * its initial value from config.
 *
 * <p>A variable holds its text and its parsed value together; readers on the hot path keep the
 * {@link Variable} handle and call {@link Variable#get()} (one volatile read). A new value
 * applies to work that starts after the set; work in flight finishes as it began.
 *
 * <p>Thread-safety: every method may be called from any thread.
 */
public final class EngineVariables {

    private final Map<String, Variable<?>> variables = new ConcurrentSkipListMap<>();

    /**
     * Defines a variable.
     *
     * @param parse turns a value's text into the value; throws IllegalArgumentException, whose
     *              message says what is allowed, for a value it refuses
     * @throws IllegalArgumentException when the name is taken or {@code initial} is refused
     */
    public <T> Variable<T> define(String name, String initial, String description, Function<String, T> parse) {
        Variable<T> variable = new Variable<>(name, description, parse, initial);
        if (variables.putIfAbsent(name, variable) != null) {
            throw new IllegalArgumentException("engine variable " + name + " is defined twice");
        }
        return variable;
    }

    /** A variable whose values are the names of {@code type}'s constants, in any case. */
    public <E extends Enum<E>> Variable<E> defineEnum(String name, String initial, String description, Class<E> type) {
        return define(name, initial, description, text -> parseEnum(name, text, type));
    }

    /** A variable holding a whole number in {@code [min, max]}. */
    public Variable<Integer> defineInt(String name, String initial, String description, int min, int max) {
        return define(name, initial, description, text -> {
            try {
                int value = Integer.parseInt(text.trim());
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(name + " takes a whole number from " + min + " to " + max
                    + ", not '" + text + "'");
        });
    }

    /** A variable that is on or off: takes on/off, true/false, 1/0 in any case; shown as on or off. */
    public Variable<Boolean> defineSwitch(String name, String initial, String description) {
        return define(name, initial, description, text -> switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "on", "true", "1" -> Boolean.TRUE;
            case "off", "false", "0" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(name + " takes on or off, not '" + text + "'");
        });
    }

    /**
     * Sets a variable from its text.
     *
     * @throws EngineException HY000 for an unknown name, 22023 for a value the variable refuses
     */
    public void set(String name, String value) {
        Variable<?> variable = variables.get(name.toLowerCase(java.util.Locale.ROOT));
        if (variable == null) {
            throw new EngineException("HY000", "unknown engine variable '" + name + "' (SHOW VARIABLES lists them)");
        }
        try {
            variable.set(value);
        } catch (IllegalArgumentException e) {
            throw new EngineException("22023", e.getMessage());
        }
    }

    /** The variable named {@code name}, or null. */
    public Variable<?> find(String name) {
        return variables.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    /** Every variable, by name. */
    public List<Variable<?>> list() {
        return new ArrayList<>(variables.values());
    }

    private static <E extends Enum<E>> E parseEnum(String name, String text, Class<E> type) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(text.trim())) {
                return constant;
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            allowed.add(constant.name().toLowerCase(java.util.Locale.ROOT));
        }
        throw new IllegalArgumentException(name + " takes one of " + allowed + ", not '" + text + "'");
    }

    /** One switch: its name, what it does, its current value. */
    public static final class Variable<T> {
        private final String name;
        private final String description;
        private final Function<String, T> parse;
        private volatile Current<T> current;

        private record Current<T>(String text, T value) {
        }

        private Variable(String name, String description, Function<String, T> parse, String initial) {
            if (!name.equals(name.toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException("engine variable names are lower case: " + name);
            }
            this.name = name;
            this.description = description;
            this.parse = parse;
            set(initial);
        }

        public String name() {
            return name;
        }

        public String description() {
            return description;
        }

        public T get() {
            return current.value();
        }

        /** The value as SHOW VARIABLES prints it (enum constants in lower case). */
        public String text() {
            return current.text();
        }

        void set(String text) {
            T value = parse.apply(text);
            String shown = value instanceof Enum<?> e ? e.name().toLowerCase(java.util.Locale.ROOT)
                    : value instanceof Boolean on ? (on ? "on" : "off") : String.valueOf(value);
            current = new Current<>(shown, value);
        }
    }
}
