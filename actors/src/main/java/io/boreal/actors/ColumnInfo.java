package io.boreal.actors;

/**
 * One column of a result: what {@code ResultSetMetaData} reports.
 *
 * @param name      the column's name (or the expression's text)
 * @param label     the label (alias), equal to name when there is none
 * @param table     the table the column comes from, "" for expressions
 * @param sqlType   a {@link java.sql.Types} constant
 * @param typeName  the SQL type name (INT, BIGINT, VARCHAR, CHAR, DOUBLE, DECIMAL, BOOLEAN, TIMESTAMP)
 * @param precision the declared length or precision, 0 when none
 * @param scale     the declared scale, 0 when none
 * @param nullable  whether the column may hold NULL
 * @param javaClass the class of the values: Integer, Long, String, Double, BigDecimal, Boolean, java.sql.Timestamp
 */
public record ColumnInfo(String name, String label, String table, int sqlType, String typeName,
                         int precision, int scale, boolean nullable, Class<?> javaClass) {
}
