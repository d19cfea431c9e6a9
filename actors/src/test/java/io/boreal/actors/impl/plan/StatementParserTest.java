package io.boreal.actors.impl.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StatementParserTest {

    @Test
    void balancedParenthesesOutsideQuotesAndComments() {
        for (String sql : new String[] {
            "SELECT 1", "SELECT (1 + (2))", "SELECT ')' FROM t", "SELECT `a(` FROM t", "SELECT \"(\" FROM t",
            "SELECT 'it''s (' FROM t", "SELECT 'a\\'(' FROM t", "SELECT 1 -- (\n", "SELECT 1 /* ( */", "SELECT '('",
            "SELECT f(x) FROM t WHERE id IN (1, 2)"}) {
            assertEquals(-1, StatementParser.nesting(sql).unbalancedAt(), sql);
        }
    }

    @Test
    void theFirstParenthesisThatDoesNotBalance() {
        assertEquals(7, StatementParser.nesting("SELECT (1").unbalancedAt());
        assertEquals(8, StatementParser.nesting("SELECT 1)").unbalancedAt());
        assertEquals(7, StatementParser.nesting("SELECT ((((; SELECT 1").unbalancedAt());
        assertEquals(10, StatementParser.nesting("SELECT ')'(").unbalancedAt());
        assertEquals(10, StatementParser.nesting("SELECT (1)) -- (").unbalancedAt());
    }

    @Test
    void theDeepestNesting() {
        assertEquals(0, StatementParser.nesting("SELECT 1").depth());
        assertEquals(3, StatementParser.nesting("SELECT ((1) + ((2)))").depth());
        assertEquals(3000, StatementParser.nesting("SELECT " + "(".repeat(3000) + "1" + ")".repeat(3000)).depth());
    }

    @Test
    void aQuoteOrCommentThatNeverEndsIsLeftToTheParser() {
        assertEquals(-1, StatementParser.nesting("SELECT '((").unbalancedAt());
        assertEquals(-1, StatementParser.nesting("SELECT 1 /* (").unbalancedAt());
    }
}
