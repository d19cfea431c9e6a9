package io.boreal.jdbc.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Turns valid SQL-lite statements into nearly valid and invalid ones, driven by one seeded
 * {@link Random} so that a seed replays a run: token edits (delete, insert, duplicate, swap,
 * rename), character edits (truncate, random characters and unicode, unbalanced quotes and
 * parentheses), extreme literals in place of literals, degenerate texts and {@code ;}-joined pairs.
 *
 * <p>Not thread-safe: one mutator per test thread.
 */
final class SqlMutator {

    /** Literals at and past the edges of every type SQL-lite knows. */
    static final List<String> EXTREME_LITERALS = List.of(
            "1234567890123456789012345678901234567890", "-1234567890123456789012345678901234567890",
            "1e400", "-1e400", "1e-400", "1.7976931348623157E309", "NaN", "'NaN'", "'Infinity'", "'-Infinity'",
            "-0", "-0.0", "0.000000000000000000000000000000000000001", "-2147483649", "2147483648",
            "9223372036854775808", "-9223372036854775809", "-9223372036854775808", "99999999999999999999.99",
            "12345.67", "'" + "x".repeat(70_000) + "'", "''", "'''", "NULL", "TRUE", "'2024-13-45 99:99:99'",
            "'\u0000'", "'\uD83D\uDE00'", "0x7FFFFFFF", "X'FF'", "1/0", "1 % 0", "-(-9223372036854775808)",
            "9223372036854775807 + 1", "'12abc'", "' 12 '", "1e", "1.2.3", "?", "??", "@x", "$1");

    private static final List<String> KEYWORDS = List.of(
            "SELECT", "FROM", "WHERE", "INSERT", "INTO", "VALUES", "UPDATE", "SET", "DELETE", "CREATE", "TABLE",
            "INDEX", "ON", "DROP", "PRIMARY", "KEY", "NOT", "NULL", "AND", "OR", "IN", "BETWEEN", "LIKE", "IS",
            "ORDER", "BY", "GROUP", "HAVING", "LIMIT", "OFFSET", "DISTINCT", "FOR", "UPDATE", "AS", "COUNT(*)",
            "SUM", "MIN", "MAX", "AVG", "PARTITION", "HASH", "RANGE", "PARTITIONS", "LESS", "THAN", "MAXVALUE",
            "BEGIN", "COMMIT", "ROLLBACK", "GLOBAL", "SHOW", "VARIABLES", "JOIN", "UNION", "CASE", "WHEN", "CAST",
            "INT", "BIGINT", "VARCHAR(5)", "DECIMAL(5,2)", "DOUBLE", "BOOLEAN", "TIMESTAMP", "CHAR", "DEFAULT",
            "AUTO_INCREMENT", "IF", "EXISTS", "ASC", "DESC", "ALL", "ANY", "WITH", "RETURNING", "SELECT *");

    private static final String PUNCTUATION = "()',;.*=<>!?+-/%\"`\\@#$[]{}|&^~:";

    /** Texts that are no statement at all. */
    private static final List<String> DEGENERATE = List.of(
            "", " ", "   \t\n  ", ";", ";;", " ; ", "?", "'", "\"", "`", "(", ")", "--", "/*", "-- comment only",
            "/* comment */", "\u0000", "\uFEFF", "\uD800", "SELECT", "select", "NULL", "1", "'a'", "()", "(((((((((",
            "SELECT " + "(".repeat(3000) + "1" + ")".repeat(3000), "SELECT " + "-".repeat(5000) + "1",
            "SELECT 1" + " + 1".repeat(5000), "SELECT * FROM fz_nums WHERE id IN (" + "1, ".repeat(5000) + "1)");

    private final Random random;

    SqlMutator(Random random) {
        this.random = random;
    }

    /** One to three mutations of {@code sql}; {@code corpus} lends tokens and second statements. */
    String mutate(String sql, List<String> corpus) {
        String text = sql;
        int rounds = 1 + random.nextInt(3);
        for (int i = 0; i < rounds; i++) {
            text = mutateOnce(text, corpus);
        }
        return text;
    }

    private String mutateOnce(String sql, List<String> corpus) {
        List<String> tokens = tokens(sql);
        int kind = random.nextInt(16);
        if (tokens.isEmpty() && kind < 12) {
            return pick(DEGENERATE);
        }
        switch (kind) {
            case 0, 1 -> tokens.remove(random.nextInt(tokens.size()));
            case 2 -> tokens.add(random.nextInt(tokens.size() + 1), randomToken(corpus));
            case 3 -> {
                int i = random.nextInt(tokens.size());
                tokens.add(i, tokens.get(i));
            }
            case 4 -> {
                int i = random.nextInt(tokens.size());
                int j = random.nextInt(tokens.size());
                String t = tokens.get(i);
                tokens.set(i, tokens.get(j));
                tokens.set(j, t);
            }
            case 5, 6, 7 -> {
                return replaceLiteral(tokens);
            }
            case 8 -> tokens.set(random.nextInt(tokens.size()), randomName());
            case 9 -> {
                return sql.substring(0, random.nextInt(sql.length() + 1));
            }
            case 10 -> {
                return insertAt(sql, String.valueOf(PUNCTUATION.charAt(random.nextInt(PUNCTUATION.length()))));
            }
            case 11 -> {
                return insertAt(sql, randomUnicode());
            }
            case 12 -> {
                return pick(DEGENERATE);
            }
            case 13 -> {
                return sql + (random.nextBoolean() ? "; " : ";") + pick(corpus);
            }
            case 14 -> {
                return insertAt(sql, pick(List.of("(", ")", "'", "\"", "`", "((", "))", "'('", ")'")));
            }
            default -> {
                return sql.toLowerCase() + (random.nextBoolean() ? " " + randomToken(corpus) : "");
            }
        }
        return String.join(" ", tokens);
    }

    private String replaceLiteral(List<String> tokens) {
        List<Integer> literals = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            char c = tokens.get(i).charAt(0);
            if (c == '\'' || Character.isDigit(c) || tokens.get(i).equals("?")) {
                literals.add(i);
            }
        }
        int at = literals.isEmpty() ? random.nextInt(tokens.size()) : literals.get(random.nextInt(literals.size()));
        tokens.set(at, pick(EXTREME_LITERALS));
        return String.join(" ", tokens);
    }

    private String randomToken(List<String> corpus) {
        return switch (random.nextInt(4)) {
            case 0 -> pick(KEYWORDS);
            case 1 -> pick(EXTREME_LITERALS);
            case 2 -> String.valueOf(PUNCTUATION.charAt(random.nextInt(PUNCTUATION.length())));
            default -> {
                List<String> other = tokens(pick(corpus));
                yield other.isEmpty() ? "x" : pick(other);
            }
        };
    }

    private String randomName() {
        return switch (random.nextInt(5)) {
            case 0 -> "no_such_" + random.nextInt(100);
            case 1 -> "`weird name " + random.nextInt(10) + "`";
            case 2 -> "\"Quoted\"";
            case 3 -> "x".repeat(1 + random.nextInt(300));
            default -> randomUnicode();
        };
    }

    private String randomUnicode() {
        StringBuilder s = new StringBuilder();
        int n = 1 + random.nextInt(6);
        for (int i = 0; i < n; i++) {
            int codePoint = switch (random.nextInt(4)) {
                case 0 -> random.nextInt(0x20); // control characters, NUL included
                case 1 -> 0x80 + random.nextInt(0x780); // Latin, Greek, Cyrillic
                case 2 -> 0x1F600 + random.nextInt(0x50); // emoji: surrogate pairs
                default -> 0xD800 + random.nextInt(0x800); // a lone surrogate
            };
            s.appendCodePoint(codePoint);
        }
        return s.toString();
    }

    private String insertAt(String sql, String piece) {
        int at = random.nextInt(sql.length() + 1);
        return sql.substring(0, at) + piece + sql.substring(at);
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    /**
     * A rough SQL tokenizer, enough to edit statements by token: quoted strings and identifiers
     * (a doubled quote stays inside), numbers, words, two-character operators, single characters.
     */
    static List<String> tokens(String sql) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            int start = i;
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '\'' || c == '"' || c == '`') {
                i++;
                while (i < sql.length() && (sql.charAt(i) != c || (i + 1 < sql.length() && sql.charAt(i + 1) == c))) {
                    i += sql.charAt(i) == c ? 2 : 1;
                }
                i = Math.min(i + 1, sql.length());
            } else if (Character.isDigit(c)) {
                while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
                    i++;
                }
            } else if (Character.isLetter(c) || c == '_') {
                while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || "_.".indexOf(sql.charAt(i)) >= 0)) {
                    i++;
                }
            } else if (i + 1 < sql.length() && List.of("<=", ">=", "<>", "!=", ":=").contains(sql.substring(i, i + 2))) {
                i += 2;
            } else {
                i++;
            }
            tokens.add(sql.substring(start, i));
        }
        return tokens;
    }
}
