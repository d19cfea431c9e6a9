package io.boreal.actors.impl.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.boreal.actors.impl.sql.ExprCompiler;
import io.boreal.actors.impl.sql.Values;
import io.boreal.storage.EngineException;
import io.boreal.storage.schema.ColumnDef;
import io.boreal.storage.schema.Partitioning;

/**
 * Reads a {@link PartitionClause}'s text into a {@link Partitioning}, the whole text or an
 * error (42000) — never a prefix with the rest ignored:
 *
 * <pre>
 *   PARTITION BY HASH(col, …) [PARTITIONS n]                            1 ≤ n ≤ {@value #MAX_PARTITIONS}
 *   PARTITION BY RANGE [COLUMNS] (col) (PARTITION p VALUES LESS THAN (v | MAXVALUE), …)
 *       bounds strictly increasing, MAXVALUE only last; rows at or above the last bound
 *       go to one more partition
 * </pre>
 *
 * The partitioning columns must be part of the primary key (0A000). Stateless.
 */
final class PartitioningReader {

    static final int MAX_PARTITIONS = 4096;

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
    private static final Pattern HASH = Pattern.compile(
            "PARTITION\\s+BY\\s+HASH\\s*\\(([^)]*)\\)(?:\\s*PARTITIONS\\s+(\\d+))?\\s*", FLAGS);
    private static final Pattern RANGE = Pattern.compile(
            "PARTITION\\s+BY\\s+RANGE\\s*(?:COLUMNS\\s*)?\\(([^)]*)\\)\\s*\\((.*)\\)\\s*", FLAGS);
    private static final Pattern LESS_THAN = Pattern.compile(
            "\\s*PARTITION\\s+[A-Za-z_`\"][\\w`\"]*\\s+VALUES\\s+LESS\\s+THAN\\s*(?:\\(\\s*([^()]*?)\\s*\\)|(MAXVALUE))\\s*",
            FLAGS);

    private PartitioningReader() {
    }

    static Partitioning read(String clause, List<ColumnDef> columns, List<Integer> primaryKey, String table,
                             int defaultPartitions) {
        if (clause == null || clause.isBlank()) {
            return Partitioning.hash(primaryKey, defaultPartitions);
        }
        Matcher hash = HASH.matcher(clause);
        if (hash.matches()) {
            List<Integer> partitionColumns = TableDefinitions.positions(columns, List.of(hash.group(1).split(",")), table);
            checkInKey(partitionColumns, primaryKey, columns, table);
            return Partitioning.hash(partitionColumns, hash.group(2) == null ? defaultPartitions : count(hash.group(2)));
        }
        Matcher range = RANGE.matcher(clause);
        if (range.matches()) {
            return range(range.group(1), range.group(2), columns, primaryKey, table);
        }
        throw EngineException.syntax("cannot read the partitioning clause '" + clause + "': PARTITION BY HASH(cols)"
                + " [PARTITIONS n] or PARTITION BY RANGE(col) (PARTITION p VALUES LESS THAN (v|MAXVALUE), …)");
    }

    private static int count(String digits) {
        int count = digits.length() > 5 ? Integer.MAX_VALUE : Integer.parseInt(digits);
        if (count < 1 || count > MAX_PARTITIONS) {
            throw EngineException.syntax("PARTITIONS must be between 1 and " + MAX_PARTITIONS + ": " + digits);
        }
        return count;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Partitioning range(String columnList, String partitions, List<ColumnDef> columns,
                                      List<Integer> primaryKey, String table) {
        List<Integer> partitionColumns = TableDefinitions.positions(columns, List.of(columnList.split(",")), table);
        if (partitionColumns.size() != 1) {
            throw EngineException.notSupported("PARTITION BY RANGE takes one column");
        }
        checkInKey(partitionColumns, primaryKey, columns, table);
        ColumnDef column = columns.get(partitionColumns.get(0));
        List<Object> bounds = new ArrayList<>();
        boolean sawMax = false;
        for (String entry : partitions.split(",", -1)) {
            Matcher m = LESS_THAN.matcher(entry);
            if (!m.matches() || sawMax) {
                throw EngineException.syntax("cannot read the range partition '" + entry.strip() + "'"
                        + (sawMax ? ": MAXVALUE must be the last bound" : ""));
            }
            if (m.group(2) != null || m.group(1).equalsIgnoreCase("MAXVALUE")) {
                sawMax = true;
                continue;
            }
            Object bound = Values.coerce(ExprCompiler.unquote(m.group(1)), column.type(), column.name());
            if (!bounds.isEmpty() && ((Comparable) bounds.get(bounds.size() - 1)).compareTo(bound) >= 0) {
                throw EngineException.syntax("VALUES LESS THAN bounds must be strictly increasing: " + m.group(1));
            }
            bounds.add(bound);
        }
        if (bounds.size() + 1 > MAX_PARTITIONS) {
            throw EngineException.syntax("at most " + MAX_PARTITIONS + " partitions");
        }
        return new Partitioning(Partitioning.Kind.RANGE, partitionColumns, bounds.size() + 1, List.copyOf(bounds));
    }

    private static void checkInKey(List<Integer> partitionColumns, List<Integer> primaryKey, List<ColumnDef> columns,
                                   String table) {
        for (int c : partitionColumns) {
            if (!primaryKey.contains(c)) {
                throw EngineException.notSupported("partitioning column " + columns.get(c).name() + " of " + table
                        + " must be part of the primary key");
            }
        }
    }
}
