package io.boreal.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Properties;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;

/** Registration, URL acceptance and the network URL; needs no engine. */
class BorealDriverTest {

    @Test
    void driverManagerFindsTheDriverThroughTheServiceFile() throws SQLException {
        assertInstanceOf(BorealDriver.class, DriverManager.getDriver("jdbc:boreal:mem:x"));
        assertTrue(ServiceLoader.load(Driver.class).stream().anyMatch(p -> p.type() == BorealDriver.class));
    }

    @Test
    void aNetworkUrlWithNoServerFailsWith08001() throws Exception {
        int dead;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        int port = dead;
        SQLException e = assertThrows(SQLNonTransientConnectionException.class,
                () -> DriverManager.getConnection("jdbc:boreal://127.0.0.1:" + port + "/?connectTimeout=2000"));
        assertEquals("08001", e.getSQLState());
        assertTrue(e.getMessage().startsWith("cannot connect to any of"), e.getMessage());
        assertEquals("08001", assertThrows(SQLException.class,
                () -> BorealDriver.shutdown("jdbc:boreal://localhost:7000")).getSQLState());
    }

    @Test
    void foreignUrlsAreLeftToOtherDrivers() throws SQLException {
        BorealDriver driver = new BorealDriver();
        assertNull(driver.connect("jdbc:h2:mem:x", new Properties()));
        assertFalse(driver.acceptsURL("jdbc:h2:mem:x"));
        assertTrue(driver.acceptsURL("jdbc:boreal:mem:x"));
        assertTrue(driver.acceptsURL("jdbc:boreal:file:/tmp/x"));
    }

    @Test
    void malformedUrlsFailWith08001() {
        assertEquals("08001", assertThrows(SQLException.class,
                () -> DriverManager.getConnection("jdbc:boreal:mem:")).getSQLState());
        assertEquals("08001", assertThrows(SQLException.class,
                () -> DriverManager.getConnection("jdbc:boreal:tape:x")).getSQLState());
    }

    @Test
    void shuttingDownADatabaseThatIsNotOpenDoesNothing() throws SQLException {
        BorealDriver.shutdown("jdbc:boreal:mem:never-opened");
    }

    @Test
    void versionsAndProperties() {
        BorealDriver driver = new BorealDriver();
        assertEquals(BorealDriver.MAJOR_VERSION, driver.getMajorVersion());
        assertEquals(BorealDriver.MINOR_VERSION, driver.getMinorVersion());
        assertFalse(driver.jdbcCompliant());
        DriverPropertyInfo[] info = driver.getPropertyInfo("jdbc:boreal:mem:x", new Properties());
        assertEquals("user", info[0].name);
        assertEquals("password", info[1].name);
    }
}
