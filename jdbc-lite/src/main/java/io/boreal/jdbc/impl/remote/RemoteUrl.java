package io.boreal.jdbc.impl.remote;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The network part of {@code jdbc:boreal://h1:p1,h2:p2[/][?key=value&…]}: the hosts, tried in order
 * for a new connection, and the settings from the query string; a {@link Properties} value given
 * to the driver wins over the URL's.
 *
 * <pre>
 *   user, password          the session's user and password (boreal.users)
 *   ssl                     true: TLS, checked against sslTrustStore (else the JDK's trust store)
 *   sslTrustStore, sslTrustStorePassword, sslTrustStoreType (PKCS12)
 *   connectTimeout          ms per host (5000)
 *   socketTimeout           ms a reply may take before the connection counts as dead (600000; 0: none)
 *   fetchSize               rows per chunk of a result when the statement sets none (1000)
 * </pre>
 */
public record RemoteUrl(List<Host> hosts, Map<String, String> settings) {

    public static final int DEFAULT_PORT = 4700;

    public record Host(String name, int port) {
        @Override
        public String toString() {
            return name + ":" + port;
        }
    }

    /** Parses what follows {@code jdbc:boreal://}; malformed input fails with 08001. */
    public static RemoteUrl parse(String location, Properties info) throws SQLException {
        String rest = location;
        Map<String, String> settings = new HashMap<>();
        int query = rest.indexOf('?');
        if (query >= 0) {
            for (String pair : rest.substring(query + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                settings.put(key, eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
            rest = rest.substring(0, query);
        }
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            if (!rest.substring(slash + 1).isEmpty()) {
                throw malformed(location, "a node serves one database: nothing may follow the hosts but '/'");
            }
            rest = rest.substring(0, slash);
        }
        List<Host> hosts = new ArrayList<>();
        for (String h : rest.split(",")) {
            hosts.add(host(location, h.trim()));
        }
        if (info != null) {
            for (String key : info.stringPropertyNames()) {
                settings.put(key, info.getProperty(key));
            }
        }
        return new RemoteUrl(List.copyOf(hosts), Map.copyOf(settings));
    }

    String setting(String key, String otherwise) {
        return settings.getOrDefault(key, otherwise);
    }

    int intSetting(String key, int otherwise) throws SQLException {
        String v = settings.get(key);
        try {
            return v == null ? otherwise : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new SQLNonTransientConnectionException("setting " + key + " must be an integer, not '" + v + "'",
                    "08001");
        }
    }

    private static Host host(String location, String h) throws SQLException {
        if (h.isEmpty()) {
            throw malformed(location, "a host is missing");
        }
        int colon = h.lastIndexOf(':');
        if (colon < 0) {
            return new Host(h, DEFAULT_PORT);
        }
        try {
            int port = Integer.parseInt(h.substring(colon + 1));
            if (port < 1 || port > 65535 || colon == 0) {
                throw malformed(location, "bad host or port in '" + h + "'");
            }
            return new Host(h.substring(0, colon), port);
        } catch (NumberFormatException e) {
            throw malformed(location, "bad port in '" + h + "'");
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static SQLException malformed(String location, String why) {
        return new SQLNonTransientConnectionException("malformed URL jdbc:boreal://" + location + ": " + why, "08001");
    }
}
