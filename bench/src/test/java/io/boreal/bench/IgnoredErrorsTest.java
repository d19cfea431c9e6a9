package io.boreal.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class IgnoredErrorsTest {

    @Test
    void defaultIgnoresConflictsDeadlocksAndConstraintViolations() {
        for (String state : new String[] {"40001", "40P01", "55P03", "23000", "23505", "0A000"}) {
            assertTrue(IgnoredErrors.DEFAULT.matches(new SQLException("x", state)), state);
        }
        for (String state : new String[] {"42000", "08001", "40002", null}) {
            assertFalse(IgnoredErrors.DEFAULT.matches(new SQLException("x", state)), String.valueOf(state));
        }
    }

    @Test
    void findsTheStateOnACause() {
        SQLException wrapped = new SQLException("outer", null, new SQLException("inner", "40001"));
        assertTrue(IgnoredErrors.DEFAULT.matches(wrapped));
        assertFalse(IgnoredErrors.NONE.matches(wrapped));
    }

    @Test
    void parsesPrefixesAndExactStates() {
        IgnoredErrors e = IgnoredErrors.of(" 40* , hyt00");
        assertTrue(e.matches(new SQLException("x", "40002")));
        assertTrue(e.matches(new SQLException("x", "HYT00")));
        assertFalse(e.matches(new SQLException("x", "23000")));
    }
}
