package io.boreal.jdbc.impl;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Map;

/**
 * What a forward-only, read-only {@link ResultSet} does apart from reading by column index:
 * getters by label resolve the label ({@link #findColumn}) and read by index; scrolling and
 * every update method throw {@link java.sql.SQLFeatureNotSupportedException}. One line per
 * method: this class is a table.
 */
abstract class ForwardReadOnlyResultSet extends FetchHints implements ResultSet {

    private static SQLException readOnly() {
        return SqlErrors.unsupported("updating a result set (CONCUR_READ_ONLY)");
    }

    private static SQLException forwardOnly() {
        return SqlErrors.unsupported("scrolling a result set (TYPE_FORWARD_ONLY)");
    }

    // ---- getters by label --------------------------------------------------------------------

    @Override public Array getArray(String label) throws SQLException { return getArray(findColumn(label)); }
    @Override public InputStream getAsciiStream(String label) throws SQLException { return getAsciiStream(findColumn(label)); }
    @Deprecated @Override public BigDecimal getBigDecimal(String label, int scale) throws SQLException { return getBigDecimal(findColumn(label), scale); }
    @Override public BigDecimal getBigDecimal(String label) throws SQLException { return getBigDecimal(findColumn(label)); }
    @Override public InputStream getBinaryStream(String label) throws SQLException { return getBinaryStream(findColumn(label)); }
    @Override public Blob getBlob(String label) throws SQLException { return getBlob(findColumn(label)); }
    @Override public boolean getBoolean(String label) throws SQLException { return getBoolean(findColumn(label)); }
    @Override public byte getByte(String label) throws SQLException { return getByte(findColumn(label)); }
    @Override public byte[] getBytes(String label) throws SQLException { return getBytes(findColumn(label)); }
    @Override public Reader getCharacterStream(String label) throws SQLException { return getCharacterStream(findColumn(label)); }
    @Override public Clob getClob(String label) throws SQLException { return getClob(findColumn(label)); }
    @Override public Date getDate(String label, Calendar cal) throws SQLException { return getDate(findColumn(label), cal); }
    @Override public Date getDate(String label) throws SQLException { return getDate(findColumn(label)); }
    @Override public double getDouble(String label) throws SQLException { return getDouble(findColumn(label)); }
    @Override public float getFloat(String label) throws SQLException { return getFloat(findColumn(label)); }
    @Override public int getInt(String label) throws SQLException { return getInt(findColumn(label)); }
    @Override public long getLong(String label) throws SQLException { return getLong(findColumn(label)); }
    @Override public Reader getNCharacterStream(String label) throws SQLException { return getNCharacterStream(findColumn(label)); }
    @Override public NClob getNClob(String label) throws SQLException { return getNClob(findColumn(label)); }
    @Override public String getNString(String label) throws SQLException { return getNString(findColumn(label)); }
    @Override public <T> T getObject(String label, Class<T> type) throws SQLException { return getObject(findColumn(label), type); }
    @Override public Object getObject(String label, Map<String, Class<?>> map) throws SQLException { return getObject(findColumn(label), map); }
    @Override public Object getObject(String label) throws SQLException { return getObject(findColumn(label)); }
    @Override public Ref getRef(String label) throws SQLException { return getRef(findColumn(label)); }
    @Override public RowId getRowId(String label) throws SQLException { return getRowId(findColumn(label)); }
    @Override public SQLXML getSQLXML(String label) throws SQLException { return getSQLXML(findColumn(label)); }
    @Override public short getShort(String label) throws SQLException { return getShort(findColumn(label)); }
    @Override public String getString(String label) throws SQLException { return getString(findColumn(label)); }
    @Override public Time getTime(String label, Calendar cal) throws SQLException { return getTime(findColumn(label), cal); }
    @Override public Time getTime(String label) throws SQLException { return getTime(findColumn(label)); }
    @Override public Timestamp getTimestamp(String label, Calendar cal) throws SQLException { return getTimestamp(findColumn(label), cal); }
    @Override public Timestamp getTimestamp(String label) throws SQLException { return getTimestamp(findColumn(label)); }
    @Override public URL getURL(String label) throws SQLException { return getURL(findColumn(label)); }
    @Deprecated @Override public InputStream getUnicodeStream(String label) throws SQLException { return getUnicodeStream(findColumn(label)); }

    // ---- scrolling ---------------------------------------------------------------------------

    @Override public boolean previous() throws SQLException { throw forwardOnly(); }
    @Override public boolean absolute(int row) throws SQLException { throw forwardOnly(); }
    @Override public boolean relative(int rows) throws SQLException { throw forwardOnly(); }
    @Override public boolean first() throws SQLException { throw forwardOnly(); }
    @Override public boolean last() throws SQLException { throw forwardOnly(); }
    @Override public void beforeFirst() throws SQLException { throw forwardOnly(); }
    @Override public void afterLast() throws SQLException { throw forwardOnly(); }

    // ---- updating ----------------------------------------------------------------------------

    @Override public boolean rowUpdated() throws SQLException { return false; }
    @Override public boolean rowInserted() throws SQLException { return false; }
    @Override public boolean rowDeleted() throws SQLException { return false; }
    @Override public void insertRow() throws SQLException { throw readOnly(); }
    @Override public void updateRow() throws SQLException { throw readOnly(); }
    @Override public void deleteRow() throws SQLException { throw readOnly(); }
    @Override public void refreshRow() throws SQLException { throw readOnly(); }
    @Override public void cancelRowUpdates() throws SQLException { throw readOnly(); }
    @Override public void moveToInsertRow() throws SQLException { throw readOnly(); }
    @Override public void moveToCurrentRow() throws SQLException { throw readOnly(); }
    @Override public void updateArray(String label, Array x) throws SQLException { throw readOnly(); }
    @Override public void updateArray(int column, Array x) throws SQLException { throw readOnly(); }
    @Override public void updateAsciiStream(String label, InputStream x, int length) throws SQLException { throw readOnly(); }
    @Override public void updateAsciiStream(String label, InputStream x, long length) throws SQLException { throw readOnly(); }
    @Override public void updateAsciiStream(String label, InputStream x) throws SQLException { throw readOnly(); }
    @Override public void updateAsciiStream(int column, InputStream x, int length) throws SQLException { throw readOnly(); }
    @Override public void updateAsciiStream(int column, InputStream x, long length) throws SQLException { throw readOnly(); }
    @Override public void updateAsciiStream(int column, InputStream x) throws SQLException { throw readOnly(); }
    @Override public void updateBigDecimal(String label, BigDecimal x) throws SQLException { throw readOnly(); }
    @Override public void updateBigDecimal(int column, BigDecimal x) throws SQLException { throw readOnly(); }
    @Override public void updateBinaryStream(String label, InputStream x, int length) throws SQLException { throw readOnly(); }
    @Override public void updateBinaryStream(String label, InputStream x, long length) throws SQLException { throw readOnly(); }
    @Override public void updateBinaryStream(String label, InputStream x) throws SQLException { throw readOnly(); }
    @Override public void updateBinaryStream(int column, InputStream x, int length) throws SQLException { throw readOnly(); }
    @Override public void updateBinaryStream(int column, InputStream x, long length) throws SQLException { throw readOnly(); }
    @Override public void updateBinaryStream(int column, InputStream x) throws SQLException { throw readOnly(); }
    @Override public void updateBlob(String label, InputStream x, long length) throws SQLException { throw readOnly(); }
    @Override public void updateBlob(String label, InputStream x) throws SQLException { throw readOnly(); }
    @Override public void updateBlob(String label, Blob x) throws SQLException { throw readOnly(); }
    @Override public void updateBlob(int column, InputStream x, long length) throws SQLException { throw readOnly(); }
    @Override public void updateBlob(int column, InputStream x) throws SQLException { throw readOnly(); }
    @Override public void updateBlob(int column, Blob x) throws SQLException { throw readOnly(); }
    @Override public void updateBoolean(String label, boolean x) throws SQLException { throw readOnly(); }
    @Override public void updateBoolean(int column, boolean x) throws SQLException { throw readOnly(); }
    @Override public void updateByte(String label, byte x) throws SQLException { throw readOnly(); }
    @Override public void updateByte(int column, byte x) throws SQLException { throw readOnly(); }
    @Override public void updateBytes(String label, byte[] x) throws SQLException { throw readOnly(); }
    @Override public void updateBytes(int column, byte[] x) throws SQLException { throw readOnly(); }
    @Override public void updateCharacterStream(String label, Reader x, int length) throws SQLException { throw readOnly(); }
    @Override public void updateCharacterStream(String label, Reader x, long length) throws SQLException { throw readOnly(); }
    @Override public void updateCharacterStream(String label, Reader x) throws SQLException { throw readOnly(); }
    @Override public void updateCharacterStream(int column, Reader x, int length) throws SQLException { throw readOnly(); }
    @Override public void updateCharacterStream(int column, Reader x, long length) throws SQLException { throw readOnly(); }
    @Override public void updateCharacterStream(int column, Reader x) throws SQLException { throw readOnly(); }
    @Override public void updateClob(String label, Reader x, long length) throws SQLException { throw readOnly(); }
    @Override public void updateClob(String label, Reader x) throws SQLException { throw readOnly(); }
    @Override public void updateClob(String label, Clob x) throws SQLException { throw readOnly(); }
    @Override public void updateClob(int column, Reader x, long length) throws SQLException { throw readOnly(); }
    @Override public void updateClob(int column, Reader x) throws SQLException { throw readOnly(); }
    @Override public void updateClob(int column, Clob x) throws SQLException { throw readOnly(); }
    @Override public void updateDate(String label, Date x) throws SQLException { throw readOnly(); }
    @Override public void updateDate(int column, Date x) throws SQLException { throw readOnly(); }
    @Override public void updateDouble(String label, double x) throws SQLException { throw readOnly(); }
    @Override public void updateDouble(int column, double x) throws SQLException { throw readOnly(); }
    @Override public void updateFloat(String label, float x) throws SQLException { throw readOnly(); }
    @Override public void updateFloat(int column, float x) throws SQLException { throw readOnly(); }
    @Override public void updateInt(String label, int x) throws SQLException { throw readOnly(); }
    @Override public void updateInt(int column, int x) throws SQLException { throw readOnly(); }
    @Override public void updateLong(String label, long x) throws SQLException { throw readOnly(); }
    @Override public void updateLong(int column, long x) throws SQLException { throw readOnly(); }
    @Override public void updateNCharacterStream(String label, Reader x, long length) throws SQLException { throw readOnly(); }
    @Override public void updateNCharacterStream(String label, Reader x) throws SQLException { throw readOnly(); }
    @Override public void updateNCharacterStream(int column, Reader x, long length) throws SQLException { throw readOnly(); }
    @Override public void updateNCharacterStream(int column, Reader x) throws SQLException { throw readOnly(); }
    @Override public void updateNClob(String label, Reader x, long length) throws SQLException { throw readOnly(); }
    @Override public void updateNClob(String label, Reader x) throws SQLException { throw readOnly(); }
    @Override public void updateNClob(String label, NClob x) throws SQLException { throw readOnly(); }
    @Override public void updateNClob(int column, Reader x, long length) throws SQLException { throw readOnly(); }
    @Override public void updateNClob(int column, Reader x) throws SQLException { throw readOnly(); }
    @Override public void updateNClob(int column, NClob x) throws SQLException { throw readOnly(); }
    @Override public void updateNString(String label, String x) throws SQLException { throw readOnly(); }
    @Override public void updateNString(int column, String x) throws SQLException { throw readOnly(); }
    @Override public void updateNull(String label) throws SQLException { throw readOnly(); }
    @Override public void updateNull(int column) throws SQLException { throw readOnly(); }
    @Override public void updateObject(String label, Object x, int length) throws SQLException { throw readOnly(); }
    @Override public void updateObject(String label, Object x) throws SQLException { throw readOnly(); }
    @Override public void updateObject(int column, Object x, int length) throws SQLException { throw readOnly(); }
    @Override public void updateObject(int column, Object x) throws SQLException { throw readOnly(); }
    @Override public void updateRef(String label, Ref x) throws SQLException { throw readOnly(); }
    @Override public void updateRef(int column, Ref x) throws SQLException { throw readOnly(); }
    @Override public void updateRowId(String label, RowId x) throws SQLException { throw readOnly(); }
    @Override public void updateRowId(int column, RowId x) throws SQLException { throw readOnly(); }
    @Override public void updateSQLXML(String label, SQLXML x) throws SQLException { throw readOnly(); }
    @Override public void updateSQLXML(int column, SQLXML x) throws SQLException { throw readOnly(); }
    @Override public void updateShort(String label, short x) throws SQLException { throw readOnly(); }
    @Override public void updateShort(int column, short x) throws SQLException { throw readOnly(); }
    @Override public void updateString(String label, String x) throws SQLException { throw readOnly(); }
    @Override public void updateString(int column, String x) throws SQLException { throw readOnly(); }
    @Override public void updateTime(String label, Time x) throws SQLException { throw readOnly(); }
    @Override public void updateTime(int column, Time x) throws SQLException { throw readOnly(); }
    @Override public void updateTimestamp(String label, Timestamp x) throws SQLException { throw readOnly(); }
    @Override public void updateTimestamp(int column, Timestamp x) throws SQLException { throw readOnly(); }
}
