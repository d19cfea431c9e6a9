package io.boreal.jdbc.impl;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;

/**
 * The setters of {@link PreparedStatement} for values the engine has no type for (bytes, LOBs,
 * refs, XML, URLs, arrays): each throws {@link java.sql.SQLFeatureNotSupportedException}.
 * Character streams are read into a String and bound like one.
 */
abstract class PreparedStatementSurface extends BorealStatement implements PreparedStatement {

    PreparedStatementSurface(BorealConnection connection) {
        super(connection);
    }

    @Override
    public void setCharacterStream(int index, Reader reader) throws SQLException {
        setString(index, read(reader, Long.MAX_VALUE));
    }

    @Override
    public void setCharacterStream(int index, Reader reader, int length) throws SQLException {
        setCharacterStream(index, reader, (long) length);
    }

    @Override
    public void setCharacterStream(int index, Reader reader, long length) throws SQLException {
        setString(index, read(reader, length));
    }

    @Override
    public void setNCharacterStream(int index, Reader reader) throws SQLException {
        setCharacterStream(index, reader);
    }

    @Override
    public void setNCharacterStream(int index, Reader reader, long length) throws SQLException {
        setCharacterStream(index, reader, length);
    }

    @Override
    public void setNString(int index, String value) throws SQLException {
        setString(index, value);
    }

    private static String read(Reader reader, long maxChars) throws SQLException {
        if (reader == null) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        try {
            int n;
            while (text.length() < maxChars
                    && (n = reader.read(buffer, 0, (int) Math.min(buffer.length, maxChars - text.length()))) > 0) {
                text.append(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new SQLException("reading the character stream failed: " + e.getMessage(), "HY000", e);
        }
        return text.toString();
    }

    @Override
    public void setBytes(int index, byte[] value) throws SQLException {
        throw SqlErrors.unsupported("binary values");
    }

    @Override
    public void setAsciiStream(int index, InputStream in) throws SQLException {
        throw SqlErrors.unsupported("setAsciiStream");
    }

    @Override
    public void setAsciiStream(int index, InputStream in, int length) throws SQLException {
        throw SqlErrors.unsupported("setAsciiStream");
    }

    @Override
    public void setAsciiStream(int index, InputStream in, long length) throws SQLException {
        throw SqlErrors.unsupported("setAsciiStream");
    }

    @Deprecated
    @Override
    public void setUnicodeStream(int index, InputStream in, int length) throws SQLException {
        throw SqlErrors.unsupported("setUnicodeStream");
    }

    @Override
    public void setBinaryStream(int index, InputStream in) throws SQLException {
        throw SqlErrors.unsupported("binary values");
    }

    @Override
    public void setBinaryStream(int index, InputStream in, int length) throws SQLException {
        throw SqlErrors.unsupported("binary values");
    }

    @Override
    public void setBinaryStream(int index, InputStream in, long length) throws SQLException {
        throw SqlErrors.unsupported("binary values");
    }

    @Override
    public void setBlob(int index, Blob value) throws SQLException {
        throw SqlErrors.unsupported("Blob");
    }

    @Override
    public void setBlob(int index, InputStream in) throws SQLException {
        throw SqlErrors.unsupported("Blob");
    }

    @Override
    public void setBlob(int index, InputStream in, long length) throws SQLException {
        throw SqlErrors.unsupported("Blob");
    }

    @Override
    public void setClob(int index, Clob value) throws SQLException {
        throw SqlErrors.unsupported("Clob");
    }

    @Override
    public void setClob(int index, Reader reader) throws SQLException {
        throw SqlErrors.unsupported("Clob");
    }

    @Override
    public void setClob(int index, Reader reader, long length) throws SQLException {
        throw SqlErrors.unsupported("Clob");
    }

    @Override
    public void setNClob(int index, NClob value) throws SQLException {
        throw SqlErrors.unsupported("NClob");
    }

    @Override
    public void setNClob(int index, Reader reader) throws SQLException {
        throw SqlErrors.unsupported("NClob");
    }

    @Override
    public void setNClob(int index, Reader reader, long length) throws SQLException {
        throw SqlErrors.unsupported("NClob");
    }

    @Override
    public void setRef(int index, Ref value) throws SQLException {
        throw SqlErrors.unsupported("Ref");
    }

    @Override
    public void setRowId(int index, RowId value) throws SQLException {
        throw SqlErrors.unsupported("RowId");
    }

    @Override
    public void setSQLXML(int index, SQLXML value) throws SQLException {
        throw SqlErrors.unsupported("SQLXML");
    }

    @Override
    public void setURL(int index, URL value) throws SQLException {
        throw SqlErrors.unsupported("URL values");
    }

    @Override
    public void setArray(int index, Array value) throws SQLException {
        throw SqlErrors.unsupported("Array");
    }
}
