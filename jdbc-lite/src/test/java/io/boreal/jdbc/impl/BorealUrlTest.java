package io.boreal.jdbc.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** URL parsing and the keys that make two spellings one database. */
class BorealUrlTest {

    @TempDir
    Path temp;

    @Test
    void memoryUrlsAreKeyedByName() throws SQLException {
        BorealUrl url = BorealUrl.parse("jdbc:boreal:mem:orders");
        assertEquals(BorealUrl.Kind.MEMORY, url.kind());
        assertEquals("mem:orders", url.key());
        assertEquals("orders", url.location());
    }

    @Test
    void everySpellingOfADirectoryHasOneKeyBeforeAndAfterItExists() throws SQLException, IOException {
        Path dir = temp.resolve("db");
        String plain = BorealUrl.parse("jdbc:boreal:file:" + dir).key();
        assertEquals(plain, BorealUrl.parse("jdbc:boreal:file:" + temp + "/x/../db/").key());
        assertEquals(plain, BorealUrl.parse("jdbc:boreal:file:" + temp + "/./db").key());
        Files.createDirectories(dir);
        assertEquals(plain, BorealUrl.parse("jdbc:boreal:file:" + dir).key());
        Path link = Files.createSymbolicLink(temp.resolve("link"), dir);
        assertEquals(plain, BorealUrl.parse("jdbc:boreal:file:" + link).key());
    }

    @Test
    void relativeDirectoriesResolveAgainstTheWorkingDirectory() throws SQLException {
        BorealUrl url = BorealUrl.parse("jdbc:boreal:file:target/some-db");
        assertTrue(url.directory().isAbsolute());
        assertTrue(url.directory().endsWith(Path.of("target", "some-db")));
    }

    @Test
    void networkUrlsAreRecognized() throws SQLException {
        BorealUrl url = BorealUrl.parse("jdbc:boreal://node1:7000");
        assertEquals(BorealUrl.Kind.NETWORK, url.kind());
        assertEquals("node1:7000", url.location());
    }

    @Test
    void malformedUrlsFailWith08001() {
        for (String bad : new String[] {"jdbc:boreal:mem:", "jdbc:boreal:file:", "jdbc:boreal:disk:x", "jdbc:h2:mem:x"}) {
            assertEquals("08001", assertThrows(SQLException.class, () -> BorealUrl.parse(bad)).getSQLState(), bad);
        }
        assertTrue(BorealUrl.accepts("jdbc:boreal:anything"));
        assertFalse(BorealUrl.accepts("jdbc:h2:mem:x"));
        assertFalse(BorealUrl.accepts(null));
    }
}
