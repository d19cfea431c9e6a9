package io.boreal.jdbc.impl;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;

import io.boreal.actors.ColumnInfo;

/**
 * {@link ResultSetMetaData} from the engine's {@link ColumnInfo}s. Precision and display size
 * fall back to the type's defaults when the column declares none. Nothing here is known about
 * AUTO_INCREMENT (false) or writability beyond "an expression is read-only". Immutable.
 */
public final class BorealResultSetMetaData extends SelfWrapper implements ResultSetMetaData {

    private final List<ColumnInfo> columns;

    public BorealResultSetMetaData(List<ColumnInfo> columns) {
        this.columns = List.copyOf(columns);
    }

    private ColumnInfo column(int column) throws SQLException {
        Arguments.checkIndex("column", column, columns.size());
        return columns.get(column - 1);
    }

    @Override
    public int getColumnCount() {
        return columns.size();
    }

    @Override
    public boolean isAutoIncrement(int column) throws SQLException {
        column(column);
        return false;
    }

    @Override
    public boolean isCaseSensitive(int column) throws SQLException {
        return SqlTypes.isText(column(column).sqlType());
    }

    @Override
    public boolean isSearchable(int column) throws SQLException {
        column(column);
        return true;
    }

    @Override
    public boolean isCurrency(int column) throws SQLException {
        column(column);
        return false;
    }

    @Override
    public int isNullable(int column) throws SQLException {
        return column(column).nullable() ? columnNullable : columnNoNulls;
    }

    @Override
    public boolean isSigned(int column) throws SQLException {
        return SqlTypes.isSigned(column(column).sqlType());
    }

    @Override
    public int getColumnDisplaySize(int column) throws SQLException {
        ColumnInfo c = column(column);
        return SqlTypes.displaySize(c.sqlType(), getPrecision(column), c.scale());
    }

    @Override
    public String getColumnLabel(int column) throws SQLException {
        return column(column).label();
    }

    @Override
    public String getColumnName(int column) throws SQLException {
        return column(column).name();
    }

    @Override
    public String getSchemaName(int column) throws SQLException {
        column(column);
        return "";
    }

    @Override
    public int getPrecision(int column) throws SQLException {
        ColumnInfo c = column(column);
        return c.precision() > 0 ? c.precision() : SqlTypes.defaultPrecision(c.sqlType());
    }

    @Override
    public int getScale(int column) throws SQLException {
        return column(column).scale();
    }

    @Override
    public String getTableName(int column) throws SQLException {
        return column(column).table();
    }

    @Override
    public String getCatalogName(int column) throws SQLException {
        column(column);
        return "";
    }

    @Override
    public int getColumnType(int column) throws SQLException {
        return column(column).sqlType();
    }

    @Override
    public String getColumnTypeName(int column) throws SQLException {
        return column(column).typeName();
    }

    @Override
    public boolean isReadOnly(int column) throws SQLException {
        return column(column).table().isEmpty();
    }

    @Override
    public boolean isWritable(int column) throws SQLException {
        return !isReadOnly(column);
    }

    @Override
    public boolean isDefinitelyWritable(int column) throws SQLException {
        column(column);
        return false;
    }

    @Override
    public String getColumnClassName(int column) throws SQLException {
        return column(column).javaClass().getName();
    }
}
