package io.boreal.jdbc.impl;

import java.sql.ParameterMetaData;
import java.sql.SQLException;
import java.sql.Types;

/**
 * {@link ParameterMetaData} of a prepared statement. Planning reports how many {@code ?} there
 * are but not their types, so every parameter reads as an IN parameter of type VARCHAR
 * (nullability unknown). Immutable.
 */
public final class BorealParameterMetaData extends SelfWrapper implements ParameterMetaData {

    private final int count;

    public BorealParameterMetaData(int count) {
        this.count = count;
    }

    private void check(int param) throws SQLException {
        Arguments.checkIndex("parameter", param, count);
    }

    @Override
    public int getParameterCount() {
        return count;
    }

    @Override
    public int isNullable(int param) throws SQLException {
        check(param);
        return parameterNullableUnknown;
    }

    @Override
    public boolean isSigned(int param) throws SQLException {
        check(param);
        return false;
    }

    @Override
    public int getPrecision(int param) throws SQLException {
        check(param);
        return 0;
    }

    @Override
    public int getScale(int param) throws SQLException {
        check(param);
        return 0;
    }

    @Override
    public int getParameterType(int param) throws SQLException {
        check(param);
        return Types.VARCHAR;
    }

    @Override
    public String getParameterTypeName(int param) throws SQLException {
        check(param);
        return "VARCHAR";
    }

    @Override
    public String getParameterClassName(int param) throws SQLException {
        check(param);
        return String.class.getName();
    }

    @Override
    public int getParameterMode(int param) throws SQLException {
        check(param);
        return parameterModeIn;
    }
}
