package io.boreal.cli.demo;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.zip.CRC32;

/** The demo table's row count and a CRC-32 over every row in key order. */
record Checksum(long rows, long crc) {

    static Checksum of(String url) throws SQLException {
        CRC32 crc = new CRC32();
        long rows = 0;
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, k, c, pad FROM demo ORDER BY id")) {
            while (rs.next()) {
                rows++;
                String line = rs.getInt(1) + "|" + rs.getInt(2) + "|" + rs.getString(3) + "|" + rs.getString(4) + "\n";
                crc.update(line.getBytes(StandardCharsets.UTF_8));
            }
        }
        return new Checksum(rows, crc.getValue());
    }

    @Override
    public String toString() {
        return String.format("%d rows, checksum %08x", rows, crc);
    }
}
