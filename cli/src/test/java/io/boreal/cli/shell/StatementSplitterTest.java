package io.boreal.cli.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatementSplitterTest {

    private final StatementSplitter splitter = new StatementSplitter();

    @Test
    void splitsSeveralStatementsOnOneLine() {
        assertEquals(List.of("select 1", "select 2"), splitter.accept("select 1; select 2;"));
        assertFalse(splitter.isPending());
    }

    @Test
    void continuesAStatementAcrossLines() {
        assertEquals(List.of(), splitter.accept("select a,"));
        assertTrue(splitter.isPending());
        assertEquals(List.of(), splitter.accept("  b"));
        assertEquals(List.of("select a,\n  b\nfrom t"), splitter.accept("from t; select"));
        assertTrue(splitter.isPending(), "the trailing 'select' starts the next statement");
        assertEquals(List.of("select\n2"), splitter.accept("2;"));
    }

    @Test
    void ignoresSemicolonsInsideQuotes() {
        assertEquals(List.of("insert into t values ('a;b', 'it''s;')", "select \"x;y\" from `q;r`"),
                splitter.accept("insert into t values ('a;b', 'it''s;'); select \"x;y\" from `q;r`;"));
    }

    @Test
    void keepsAQuoteOpenAcrossLines() {
        assertEquals(List.of(), splitter.accept("select 'one;"));
        assertTrue(splitter.isPending());
        assertEquals(List.of("select 'one;\ntwo'"), splitter.accept("two';"));
    }

    @Test
    void ignoresSemicolonsInsideComments() {
        assertEquals(List.of(), splitter.accept("select 1 -- not the end;"));
        assertEquals(List.of("select 1 -- not the end;\n/* nor; this */ + 1"), splitter.accept("/* nor; this */ + 1;"));
        assertEquals(List.of(), splitter.accept("/* a block;"));
        assertTrue(splitter.isPending(), "an open block comment waits for its end");
        assertEquals(List.of(), splitter.accept("comment; */"));
        assertFalse(splitter.isPending(), "a comment alone is not a statement");
    }

    @Test
    void dropsEmptyStatementsAndBlankLines() {
        assertEquals(List.of(), splitter.accept(""));
        assertEquals(List.of(), splitter.accept("   "));
        assertEquals(List.of("select 1"), splitter.accept(";; select 1 ;;"));
        assertEquals(List.of(), splitter.accept("-- just a comment"));
        assertFalse(splitter.isPending());
    }

    @Test
    void flushReturnsAnUnterminatedStatement() {
        splitter.accept("select 1; select 2");
        assertEquals(Optional.of("select 2"), splitter.flush());
        assertFalse(splitter.isPending());
        assertEquals(Optional.empty(), splitter.flush());
    }

    @Test
    void clearDiscardsAPartialStatement() {
        splitter.accept("select 'half");
        splitter.clear();
        assertFalse(splitter.isPending());
        assertEquals(List.of("select 1"), splitter.accept("select 1;"));
    }
}
