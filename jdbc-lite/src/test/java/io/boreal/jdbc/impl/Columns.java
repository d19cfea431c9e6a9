package io.boreal.jdbc.impl;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.sql.Types;

import io.boreal.actors.ColumnInfo;

/** ColumnInfo values as the engine would report them, for tests. */
final class Columns {

    private Columns() {
    }

    static ColumnInfo integer(String name) {
        return new ColumnInfo(name, name, "t", Types.INTEGER, "INT", 0, 0, false, Integer.class);
    }

    static ColumnInfo bigint(String name) {
        return new ColumnInfo(name, name, "t", Types.BIGINT, "BIGINT", 0, 0, true, Long.class);
    }

    static ColumnInfo varchar(String name, String label, int length) {
        return new ColumnInfo(name, label, "t", Types.VARCHAR, "VARCHAR", length, 0, true, String.class);
    }

    static ColumnInfo decimal(String name, int precision, int scale) {
        return new ColumnInfo(name, name, "t", Types.DECIMAL, "DECIMAL", precision, scale, true, BigDecimal.class);
    }

    static ColumnInfo dbl(String name) {
        return new ColumnInfo(name, name, "t", Types.DOUBLE, "DOUBLE", 0, 0, true, Double.class);
    }

    static ColumnInfo bool(String name) {
        return new ColumnInfo(name, name, "t", Types.BOOLEAN, "BOOLEAN", 0, 0, true, Boolean.class);
    }

    static ColumnInfo timestamp(String name) {
        return new ColumnInfo(name, name, "t", Types.TIMESTAMP, "TIMESTAMP", 0, 0, true, Timestamp.class);
    }

    static ColumnInfo expression(String text, String label) {
        return new ColumnInfo(text, label, "", Types.BIGINT, "BIGINT", 0, 0, false, Long.class);
    }
}
