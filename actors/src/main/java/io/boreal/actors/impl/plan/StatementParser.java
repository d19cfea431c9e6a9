package io.boreal.actors.impl.plan;

import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.StringProvider;
import net.sf.jsqlparser.parser.Token;

/**
 * JSqlParser's parser with a cheap syntax error. The generated parser builds its error by
 * re-running every lookahead it made ({@code jj_rescan_token}) to list the tokens it would
 * have taken: on a long malformed list ({@code IN (1, 1, …, 1 1)}) that is quadratic, a
 * 1,000-item list cost 17 s of a dispatcher thread and 5,000 items minutes. This error names
 * the token where the parse stopped and its position, which is what the client is shown, in
 * time linear in the statement.
 */
final class StatementParser extends CCJSqlParser {

    StatementParser(String sql) {
        super(new StringProvider(sql));
    }

    /**
     * How the parentheses of {@code sql} nest, and where they stop balancing: the offset of a
     * {@code )} with no {@code (} before it, or of the first {@code (} never closed; -1 when
     * they balance (or a quote or comment never ends: the parser reports that at once). Parentheses in
     * quotes and comments ({@link SqlText}) do not count. Checked before parsing: the
     * parser's lookahead on an unclosed {@code (} is quadratic in the nesting
     * ({@code SELECT (((…; SELECT 1} with 938 of them took 20 s), and 3,000 balanced levels
     * overflow its stack after seconds of it.
     */
    static Nesting nesting(String sql) {
        int[] depth = {0, 0}; // now, deepest
        int[] open = {-1, -1}; // the outermost open '(' now, a ')' that closes nothing
        boolean walked = SqlText.walkCode(sql, (i, c) -> {
            if (c == '(') {
                if (depth[0]++ == 0) {
                    open[0] = i;
                }
                depth[1] = Math.max(depth[1], depth[0]);
            } else if (c == ')' && --depth[0] < 0) {
                open[1] = i;
                return false;
            }
            return true;
        });
        if (open[1] >= 0) {
            return new Nesting(open[1], depth[1]);
        }
        return new Nesting(walked && depth[0] > 0 ? open[0] : -1, depth[1]);
    }

    /**
     * What {@link #nesting} found.
     *
     * @param unbalancedAt the offset where the parentheses stop balancing, or -1
     * @param depth        the deepest nesting of parentheses (the parser recurses once per level)
     */
    record Nesting(int unbalancedAt, int depth) {
    }

    @Override
    public ParseException generateParseException() {
        Token next = token.next != null ? token.next : token;
        String found = next.kind == EOF ? "end of statement" : "\"" + next.image + "\"";
        return new ParseException("Encountered unexpected token: " + found + " at line " + next.beginLine
                + ", column " + next.beginColumn + ".");
    }
}
