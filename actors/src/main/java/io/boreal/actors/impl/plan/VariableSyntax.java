package io.boreal.actors.impl.plan;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.boreal.storage.EngineException;

/**
 * Recognizes {@code SET GLOBAL} and {@code SHOW VARIABLES} in the text, before JSqlParser:
 * JSqlParser 5.1 reads {@code SET GLOBAL a.b = 'v'} as a variable named {@code GLOBAL} set to
 * the expression {@code a.b = 'v'}, and {@code SHOW VARIABLES LIKE …} as an unsupported statement.
 *
 * <pre>
 *   SET GLOBAL name = value | SET @@GLOBAL.name = value      (= or :=)
 *       value: 'text' | "text" (doubled quotes escape) | identifier | number
 *   SHOW [GLOBAL | SESSION] VARIABLES [LIKE 'pattern']
 * </pre>
 *
 * Stateless.
 */
final class VariableSyntax {

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
    private static final Pattern SET_GLOBAL_START = Pattern.compile("SET\\s+(?:GLOBAL\\s|@@GLOBAL\\.).*", FLAGS);
    private static final Pattern SET_GLOBAL = Pattern.compile(
            "SET\\s+(?:GLOBAL\\s+|@@GLOBAL\\.)([A-Za-z_][A-Za-z0-9_.$]*)\\s*:?=\\s*"
                    + "(?:'((?:[^']|'')*)'|\"((?:[^\"]|\"\")*)\"|([+-]?[0-9]+(?:\\.[0-9]+)?|[A-Za-z_][A-Za-z0-9_.$]*))",
            FLAGS);
    private static final Pattern SHOW_START = Pattern.compile("SHOW\\s+(?:(?:GLOBAL|SESSION)\\s+)?VARIABLES\\b.*", FLAGS);
    private static final Pattern SHOW = Pattern.compile(
            "SHOW\\s+(?:(?:GLOBAL|SESSION)\\s+)?VARIABLES(?:\\s+LIKE\\s+(?:'((?:[^']|'')*)'|\"((?:[^\"]|\"\")*)\"))?",
            FLAGS);

    private VariableSyntax() {
    }

    /**
     * The plan of {@code sql} (trimmed, without its terminator) if it is one of these statements,
     * else null.
     *
     * @throws EngineException 42000 for a SET GLOBAL whose value is not a literal, 0A000 for a
     *                         SHOW VARIABLES with anything but LIKE
     */
    static VariablePlan plan(String sql) {
        if (SET_GLOBAL_START.matcher(sql).matches()) {
            Matcher m = SET_GLOBAL.matcher(sql);
            if (!m.matches()) {
                throw EngineException.syntax("syntax error: SET GLOBAL takes name = 'text', an identifier or a"
                        + " number, one variable at a time");
            }
            String value = m.group(2) != null ? m.group(2).replace("''", "'")
                    : m.group(3) != null ? m.group(3).replace("\"\"", "\"") : m.group(4);
            return new VariablePlan.SetGlobal(m.group(1), value);
        }
        if (SHOW_START.matcher(sql).matches()) {
            Matcher m = SHOW.matcher(sql);
            if (!m.matches()) {
                throw EngineException.notSupported("SHOW VARIABLES takes LIKE 'pattern' only");
            }
            String like = m.group(1) != null ? m.group(1).replace("''", "'")
                    : m.group(2) != null ? m.group(2).replace("\"\"", "\"") : null;
            return new VariablePlan.Show(like);
        }
        return null;
    }
}
