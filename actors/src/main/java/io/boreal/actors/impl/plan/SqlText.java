package io.boreal.actors.impl.plan;

/**
 * Walks the code of SQL text: every character outside quotes ({@code '…'} with {@code ''} and
 * backslash escapes, {@code "…"}, {@code `…`}) and comments ({@code -- …} to the end of the
 * line, {@code /* … *}{@code /}). The one place that knows where those end, for the scans that
 * run before (or instead of) the parser. Stateless.
 */
final class SqlText {

    /** Sees one character of code. */
    @FunctionalInterface
    interface CodeVisitor {
        /** @return false to stop the walk here */
        boolean visit(int offset, char c);
    }

    private SqlText() {
    }

    /**
     * Shows {@code visitor} each character of code in order.
     *
     * @return true if the walk reached the end of the text; false if the visitor stopped it or
     *         a quote or comment never ends (the walk stops where it starts)
     */
    static boolean walkCode(String sql, CodeVisitor visitor) {
        int n = sql.length();
        for (int i = 0; i < n; i++) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = closingQuote(sql, i);
                if (i < 0) {
                    return false;
                }
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int eol = sql.indexOf('\n', i);
                i = eol < 0 ? n : eol;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                if (end < 0) {
                    return false;
                }
                i = end + 1;
            } else if (!visitor.visit(i, c)) {
                return false;
            }
        }
        return true;
    }

    /** The offset of the quote closing the one at {@code start}, or -1 if it never closes. */
    private static int closingQuote(String sql, int start) {
        char quote = sql.charAt(start);
        for (int i = start + 1; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\\' && quote == '\'') {
                i++; // an escaped character, the quote included
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i++; // a doubled quote stands for itself
                } else {
                    return i;
                }
            }
        }
        return -1;
    }
}
