package io.boreal.jdbc.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS on the server ({@code boreal.server.tls}) with a self-signed key the test makes with the
 * JDK's keytool: a client that trusts it talks SQL; a client that does not, or one that speaks
 * plain frames to the TLS port, is refused and the server keeps serving.
 */
class TlsServerTest {

    private static final String PASSWORD = "changeit";

    @Test
    void aClientTrustingTheSelfSignedKeyTalksSqlOverTls(@TempDir Path dir) throws Exception {
        Path keyStore = dir.resolve("server.p12");
        Path trustStore = dir.resolve("trust.p12");
        Path cert = dir.resolve("server.cer");
        keytool("-genkeypair", "-alias", "boreal", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-alias", "boreal", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
                "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "boreal", "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", trustStore.toString(), "-storepass", PASSWORD);

        String tls = "boreal.server.tls { enabled = on, key-store = \"" + keyStore.toString().replace("\\", "/")
                + "\", key-store-password = \"" + PASSWORD + "\" }";
        try (TestServers node = TestServers.start(tls)) {
            String trusted = "&ssl=true&sslTrustStore=" + trustStore + "&sslTrustStorePassword=" + PASSWORD;
            try (Connection c = DriverManager.getConnection(node.url(trusted))) {
                Sql.exec(c, "CREATE TABLE secret (id INT PRIMARY KEY, v VARCHAR(20))");
                Sql.exec(c, "INSERT INTO secret (id, v) VALUES (1, 'over tls')");
                assertEquals(1, Sql.count(c, "SELECT COUNT(*) FROM secret WHERE v = 'over tls'"));
            }

            // The JDK's default trust store does not know the self-signed key.
            SQLException untrusted = assertThrows(SQLException.class,
                    () -> DriverManager.getConnection(node.url("&ssl=true&connectTimeout=5000")));
            assertTrue(untrusted.getSQLState().startsWith("08"), untrusted.getSQLState());

            // Plain frames to the TLS port are not a TLS handshake: the server drops the connection.
            try (Socket raw = new Socket("127.0.0.1", node.server.port())) {
                raw.setSoTimeout(10_000);
                DataOutputStream out = new DataOutputStream(raw.getOutputStream());
                out.writeInt(5);
                out.write(new byte[] {0x0B, 0, 0, 0, 0});
                out.flush();
                byte[] sink = new byte[4096];
                while (raw.getInputStream().read(sink) >= 0) {
                    // whatever TLS alert the server sends, then end of stream
                }
            }

            try (Connection c = DriverManager.getConnection(node.url(trusted))) {
                assertTrue(c.isValid(5));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while ((node.server.openConnections() > 0 || node.server.openSessions() > 0)
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(0, node.server.openConnections());
            assertEquals(0, node.server.openSessions());
        }
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("keytool did not finish: " + command);
        }
        assertEquals(0, p.exitValue(), "keytool " + String.join(" ", args) + ": " + output);
    }
}
