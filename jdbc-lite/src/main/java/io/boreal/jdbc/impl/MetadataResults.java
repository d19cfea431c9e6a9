package io.boreal.jdbc.impl;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import io.boreal.actors.ColumnInfo;

/** The result sets of {@link DatabaseMetaData} the driver can answer without the catalog. */
final class MetadataResults {

    private MetadataResults() {
    }

    static ResultSet catalogs() {
        return of(List.of(text("TABLE_CAT")), List.of());
    }

    static ResultSet schemas() {
        return of(List.of(text("TABLE_SCHEM"), text("TABLE_CATALOG")), List.of());
    }

    static ResultSet tableTypes() {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {"TABLE"});
        return of(List.of(text("TABLE_TYPE")), rows);
    }

    static ResultSet clientInfoProperties() {
        return of(List.of(text("NAME"), integer("MAX_LEN"), text("DEFAULT_VALUE"), text("DESCRIPTION")), List.of());
    }

    /** The engine's column types, most fitting first per JDBC type (as getTypeInfo orders them). */
    static ResultSet typeInfo() {
        List<ColumnInfo> columns = List.of(text("TYPE_NAME"), integer("DATA_TYPE"), integer("PRECISION"),
                text("LITERAL_PREFIX"), text("LITERAL_SUFFIX"), text("CREATE_PARAMS"), small("NULLABLE"),
                bool("CASE_SENSITIVE"), small("SEARCHABLE"), bool("UNSIGNED_ATTRIBUTE"), bool("FIXED_PREC_SCALE"),
                bool("AUTO_INCREMENT"), text("LOCAL_TYPE_NAME"), small("MINIMUM_SCALE"), small("MAXIMUM_SCALE"),
                integer("SQL_DATA_TYPE"), integer("SQL_DATETIME_SUB"), integer("NUM_PREC_RADIX"));
        List<Object[]> rows = new ArrayList<>();
        rows.add(type("BOOLEAN", Types.BOOLEAN, 1, null, null, false, false, 0));
        rows.add(type("BIGINT", Types.BIGINT, 19, null, null, false, true, 0));
        rows.add(type("CHAR", Types.CHAR, 255, "'", "length", true, false, 0));
        rows.add(type("DECIMAL", Types.DECIMAL, 65, null, "precision,scale", false, false, 30));
        rows.add(type("INT", Types.INTEGER, 10, null, null, false, true, 0));
        rows.add(type("DOUBLE", Types.DOUBLE, 15, null, null, false, false, 0));
        rows.add(type("VARCHAR", Types.VARCHAR, 65_535, "'", "length", true, false, 0));
        rows.add(type("TIMESTAMP", Types.TIMESTAMP, 29, "'", null, false, false, 0));
        return of(columns, rows);
    }

    private static Object[] type(String name, int sqlType, int precision, String quote, String params,
                                 boolean caseSensitive, boolean autoIncrement, int maxScale) {
        return new Object[] {name, sqlType, precision, quote, quote, params, (short) DatabaseMetaData.typeNullable,
                caseSensitive, (short) DatabaseMetaData.typeSearchable, !SqlTypes.isSigned(sqlType), false,
                autoIncrement, name, (short) 0, (short) maxScale, 0, 0, SqlTypes.isSigned(sqlType) ? 10 : 0};
    }

    private static ResultSet of(List<ColumnInfo> columns, List<Object[]> rows) {
        return new BorealResultSet(null, columns, rows);
    }

    private static ColumnInfo text(String name) {
        return new ColumnInfo(name, name, "", Types.VARCHAR, "VARCHAR", 0, 0, true, String.class);
    }

    private static ColumnInfo integer(String name) {
        return new ColumnInfo(name, name, "", Types.INTEGER, "INT", 0, 0, true, Integer.class);
    }

    private static ColumnInfo small(String name) {
        return new ColumnInfo(name, name, "", Types.SMALLINT, "SMALLINT", 0, 0, false, Short.class);
    }

    private static ColumnInfo bool(String name) {
        return new ColumnInfo(name, name, "", Types.BOOLEAN, "BOOLEAN", 0, 0, false, Boolean.class);
    }
}
