package io.boreal.cli.shell;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A result set read fully into memory as text, ready for {@link TableFormatter}.
 *
 * <p>Reading everything first is what lets the formatter size each column to its widest
 * value, as the mysql client does. Cells are the driver's {@code getString} text, or
 * {@code null} for SQL NULL. Immutable.
 *
 * @param columns the columns, in result-set order
 * @param rows    one list of cells per row, each as long as {@code columns}
 */
public record ResultTable(List<Column> columns, List<List<String>> rows) {

    /**
     * One column of a result.
     *
     * @param label   the column label the query gave it
     * @param numeric whether its values are numbers, which the formatter right-aligns
     */
    public record Column(String label, boolean numeric) { }

    public ResultTable {
        columns = List.copyOf(columns);
        rows = rows.stream().map(row -> Collections.unmodifiableList(new ArrayList<>(row))).toList();
    }

    /** Reads the remaining rows of {@code rs}; does not close it. */
    public static ResultTable read(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int count = meta.getColumnCount();
        List<Column> columns = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            columns.add(new Column(meta.getColumnLabel(i), isNumeric(meta.getColumnType(i))));
        }
        List<List<String>> rows = new ArrayList<>();
        while (rs.next()) {
            List<String> row = new ArrayList<>(count);
            for (int i = 1; i <= count; i++) {
                row.add(rs.getString(i));
            }
            rows.add(row);
        }
        return new ResultTable(columns, rows);
    }

    private static boolean isNumeric(int sqlType) {
        return switch (sqlType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.REAL, Types.FLOAT,
                 Types.DOUBLE, Types.NUMERIC, Types.DECIMAL -> true;
            default -> false;
        };
    }
}
