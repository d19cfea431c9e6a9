package io.boreal.jdbc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SET GLOBAL and SHOW VARIABLES through java.sql: result sets, update counts, SQLStates. */
class EngineVariablesJdbcTest {

    private static final String URL = Sql.memUrl("engine-variables");
    private static Connection connection;

    @BeforeAll
    static void connect() throws SQLException {
        connection = DriverManager.getConnection(URL);
    }

    @AfterAll
    static void shutdown() throws SQLException {
        Sql.closeAndShutdown(connection, URL);
    }

    private static List<String> names(ResultSet rs) throws SQLException {
        List<String> names = new ArrayList<>();
        while (rs.next()) {
            names.add(rs.getString("Variable_name") + "=" + rs.getString("Value"));
        }
        return names;
    }

    @Test
    void setGlobalThenShowVariablesThroughExecuteQueryAndExecute() throws SQLException {
        try (Statement st = connection.createStatement()) {
            assertEquals(0, st.executeUpdate("SET GLOBAL boreal.btree = 'serial_smo'"));
            assertFalse(st.execute("SET GLOBAL boreal.thread_concurrency = 8"));
            try (ResultSet rs = st.executeQuery("SHOW VARIABLES LIKE 'boreal.%'")) {
                ResultSetMetaData meta = rs.getMetaData();
                assertEquals(2, meta.getColumnCount());
                assertEquals("Variable_name", meta.getColumnLabel(1));
                assertEquals("Value", meta.getColumnLabel(2));
                assertEquals(Types.VARCHAR, meta.getColumnType(2));
                List<String> shown = names(rs);
                assertTrue(shown.contains("boreal.btree=serial_smo"), shown.toString());
                assertTrue(shown.contains("boreal.thread_concurrency=8"), shown.toString());
                List<String> sorted = new ArrayList<>(shown);
                sorted.sort(null);
                assertEquals(sorted, shown);
            }
            assertTrue(st.execute("SHOW VARIABLES"));
            try (ResultSet rs = st.getResultSet()) {
                assertTrue(names(rs).contains("boreal.btree=serial_smo"));
            }
        }
    }

    /** Each test starts from the defaults, whatever the one before it set or where it failed. */
    @AfterEach
    void resetSwitches() throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("SET GLOBAL boreal.btree = blink");
            st.execute("SET GLOBAL boreal.thread_concurrency = 0");
        }
    }

    @Test
    void errorsCarryTheEnginesSqlStates() throws SQLException {
        try (Statement st = connection.createStatement()) {
            assertEquals("22023", assertThrows(SQLException.class,
                    () -> st.execute("SET GLOBAL boreal.btree = 'bplus'")).getSQLState());
            assertEquals("HY000", assertThrows(SQLException.class,
                    () -> st.execute("SET GLOBAL boreal.nothing = 1")).getSQLState());
            try (ResultSet rs = st.executeQuery("SHOW VARIABLES LIKE 'boreal.btree'")) {
                assertEquals(List.of("boreal.btree=blink"), names(rs));
            }
        }
    }
}
