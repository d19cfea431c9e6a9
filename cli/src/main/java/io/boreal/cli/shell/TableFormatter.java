package io.boreal.cli.shell;

import java.util.ArrayList;
import java.util.List;
import org.jline.utils.AttributedString;

/**
 * Renders a {@link ResultTable} as an aligned ASCII table in the style of the mysql client:
 *
 * <pre>
 * +----+-------+
 * | id | name  |
 * +----+-------+
 * |  1 | alice |
 * |  2 | NULL  |
 * +----+-------+
 * </pre>
 *
 * <p>Columns are as wide as their widest cell in terminal columns (so CJK text lines up),
 * numeric columns are right-aligned, SQL NULL prints as {@code NULL}, and line breaks and
 * tabs inside values print escaped so that a row stays on one line. Stateless.
 */
public final class TableFormatter {

    private static final String NULL = "NULL";

    private TableFormatter() { }

    /** Returns the table's lines, without line terminators. */
    public static List<String> format(ResultTable table) {
        List<ResultTable.Column> columns = table.columns();
        List<String> header = columns.stream().map(ResultTable.Column::label).map(TableFormatter::printable).toList();
        List<List<String>> rows = table.rows().stream()
                .map(row -> row.stream().map(cell -> cell == null ? NULL : printable(cell)).toList())
                .toList();

        int[] widths = new int[columns.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = width(header.get(c));
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], width(row.get(c)));
            }
        }

        String border = border(widths);
        List<String> lines = new ArrayList<>(rows.size() + 4);
        lines.add(border);
        lines.add(line(header, widths, columns, false));
        lines.add(border);
        for (List<String> row : rows) {
            lines.add(line(row, widths, columns, true));
        }
        lines.add(border);
        return lines;
    }

    private static String border(int[] widths) {
        StringBuilder sb = new StringBuilder("+");
        for (int w : widths) {
            sb.append("-".repeat(w + 2)).append('+');
        }
        return sb.toString();
    }

    private static String line(List<String> cells, int[] widths, List<ResultTable.Column> columns, boolean alignNumbers) {
        StringBuilder sb = new StringBuilder("|");
        for (int c = 0; c < widths.length; c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(widths[c] - width(cell));
            boolean right = alignNumbers && columns.get(c).numeric();
            sb.append(' ').append(right ? pad + cell : cell + pad).append(" |");
        }
        return sb.toString();
    }

    private static int width(String s) {
        return new AttributedString(s).columnLength();
    }

    private static String printable(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    }
}
