package io.boreal.storage.schema;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.sql.Types;

/** The column types of Boreal, each with the one Java class its values have in rows. */
public enum ColumnType {
    INT(Integer.class, Types.INTEGER),
    BIGINT(Long.class, Types.BIGINT),
    VARCHAR(String.class, Types.VARCHAR),
    CHAR(String.class, Types.CHAR),
    DOUBLE(Double.class, Types.DOUBLE),
    DECIMAL(BigDecimal.class, Types.DECIMAL),
    BOOLEAN(Boolean.class, Types.BOOLEAN),
    TIMESTAMP(Timestamp.class, Types.TIMESTAMP);

    private final Class<?> javaClass;
    private final int jdbcType;

    ColumnType(Class<?> javaClass, int jdbcType) {
        this.javaClass = javaClass;
        this.jdbcType = jdbcType;
    }

    public Class<?> javaClass() {
        return javaClass;
    }

    /** The {@link java.sql.Types} constant. */
    public int jdbcType() {
        return jdbcType;
    }

    public boolean isInteger() {
        return this == INT || this == BIGINT;
    }

    public boolean isNumeric() {
        return isInteger() || this == DOUBLE || this == DECIMAL;
    }

    public boolean isText() {
        return this == VARCHAR || this == CHAR;
    }
}
