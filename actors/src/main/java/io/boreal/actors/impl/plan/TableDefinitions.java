package io.boreal.actors.impl.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.boreal.actors.impl.sql.ExprCompiler;
import io.boreal.actors.impl.sql.Values;
import io.boreal.storage.EngineException;
import io.boreal.storage.schema.ColumnDef;
import io.boreal.storage.schema.ColumnType;
import io.boreal.storage.schema.IndexDef;
import io.boreal.storage.schema.Partitioning;
import io.boreal.storage.schema.TableDef;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.table.Index;

/**
 * CREATE TABLE and CREATE INDEX to definitions: types with their length/precision, PRIMARY KEY
 * (inline or as a constraint), AUTO_INCREMENT, NOT NULL, DEFAULT, and the partitioning clause
 * {@code PARTITION BY HASH(cols) [PARTITIONS n]} or
 * {@code PARTITION BY RANGE(col) (PARTITION p VALUES LESS THAN (v|MAXVALUE), …)}.
 */
final class TableDefinitions {

    private static final Pattern TYPE = Pattern.compile("(\\w+)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?.*");
    private static final Pattern HASH = Pattern.compile(
            "PARTITION BY HASH\\s*\\(([^)]*)\\)(?:\\s*PARTITIONS\\s*(\\d+))?", Pattern.CASE_INSENSITIVE);
    private static final Pattern RANGE = Pattern.compile(
            "PARTITION BY RANGE\\s*(?:COLUMNS\\s*)?\\(([^)]*)\\)\\s*\\((.*)\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern LESS_THAN = Pattern.compile(
            "VALUES LESS THAN\\s*\\(?\\s*([^),]+?)\\s*\\)?\\s*(?:,|$)", Pattern.CASE_INSENSITIVE);

    private final int defaultPartitions;

    TableDefinitions(int defaultPartitions) {
        this.defaultPartitions = defaultPartitions;
    }

    TableDef of(CreateTable create) {
        String tableName = Planner.name(create.getTable().getName());
        List<ColumnDef> columns = new ArrayList<>();
        List<Integer> primaryKey = new ArrayList<>();
        if (create.getColumnDefinitions() == null) {
            throw EngineException.syntax("CREATE TABLE " + tableName + " needs columns");
        }
        for (ColumnDefinition cd : create.getColumnDefinitions()) {
            ColumnParts parts = ColumnParts.of(cd);
            if (parts.primaryKey) {
                primaryKey.add(columns.size());
            }
            columns.add(parts.def);
        }
        if (create.getIndexes() != null) {
            for (Index index : create.getIndexes()) {
                List<Integer> positions = positions(columns, index.getColumnsNames(), tableName);
                if (index.getType() != null && index.getType().toUpperCase(Locale.ROOT).startsWith("PRIMARY")) {
                    if (!primaryKey.isEmpty()) {
                        throw EngineException.syntax("table " + tableName + " has more than one PRIMARY KEY");
                    }
                    primaryKey.addAll(positions);
                } else {
                    throw EngineException.notSupported("index clause '" + index + "' in CREATE TABLE: use CREATE INDEX");
                }
            }
        }
        if (primaryKey.isEmpty()) {
            throw EngineException.notSupported("table " + tableName + " needs a PRIMARY KEY");
        }
        for (int i = 0; i < columns.size(); i++) {
            ColumnDef c = columns.get(i);
            if (primaryKey.contains(i) && c.nullable()) {
                columns.set(i, new ColumnDef(c.name(), c.type(), c.length(), c.scale(), false, c.defaultValue(), c.autoIncrement()));
            }
        }
        String options = create.getTableOptionsStrings() == null ? "" : String.join(" ", create.getTableOptionsStrings());
        Partitioning partitioning = partitioning(options, columns, primaryKey, tableName);
        return new TableDef(0, tableName, List.copyOf(columns), List.copyOf(primaryKey), List.of(), partitioning);
    }

    private Partitioning partitioning(String options, List<ColumnDef> columns, List<Integer> primaryKey, String table) {
        String normalized = options.replaceAll("\\s+", " ").replace("( ", "(").replace(" )", ")");
        Matcher hash = HASH.matcher(normalized);
        if (hash.find()) {
            List<Integer> partitionColumns = positions(columns, List.of(hash.group(1).split(",")), table);
            checkInKey(partitionColumns, primaryKey, columns, table);
            int count = hash.group(2) == null ? defaultPartitions : Integer.parseInt(hash.group(2));
            if (count < 1 || count > 4096) {
                throw EngineException.syntax("PARTITIONS must be between 1 and 4096");
            }
            return Partitioning.hash(partitionColumns, count);
        }
        Matcher range = RANGE.matcher(normalized);
        if (range.find()) {
            List<Integer> partitionColumns = positions(columns, List.of(range.group(1).split(",")), table);
            if (partitionColumns.size() != 1) {
                throw EngineException.notSupported("PARTITION BY RANGE takes one column");
            }
            checkInKey(partitionColumns, primaryKey, columns, table);
            ColumnDef column = columns.get(partitionColumns.get(0));
            List<Object> bounds = new ArrayList<>();
            Matcher lessThan = LESS_THAN.matcher(range.group(2));
            boolean sawMax = false;
            while (lessThan.find()) {
                String bound = lessThan.group(1).trim();
                if (bound.equalsIgnoreCase("MAXVALUE")) {
                    sawMax = true;
                } else {
                    bounds.add(Values.coerce(ExprCompiler.unquote(bound), column.type(), column.name()));
                }
            }
            if (bounds.isEmpty() && !sawMax) {
                throw EngineException.syntax("PARTITION BY RANGE needs PARTITION … VALUES LESS THAN (…) clauses");
            }
            int count = sawMax ? bounds.size() + 1 : bounds.size() + 1; // values above the last bound go to a last partition
            return new Partitioning(Partitioning.Kind.RANGE, partitionColumns, count, List.copyOf(bounds));
        }
        if (normalized.toUpperCase(Locale.ROOT).contains("PARTITION")) {
            throw EngineException.syntax("cannot read the partitioning clause '" + options + "'");
        }
        return Partitioning.hash(primaryKey, defaultPartitions);
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

    private static List<Integer> positions(List<ColumnDef> columns, List<String> names, String table) {
        List<Integer> positions = new ArrayList<>();
        for (String raw : names) {
            String name = Planner.name(raw.trim());
            int index = -1;
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).name().equals(name)) {
                    index = i;
                }
            }
            if (index < 0) {
                throw EngineException.unknownColumn(table + "." + name);
            }
            positions.add(index);
        }
        return positions;
    }

    static DdlPlan.CreateIndex index(CreateIndex create, TableDef table, long version) {
        Index index = create.getIndex();
        if (index.getType() != null && index.getType().toUpperCase(Locale.ROOT).contains("UNIQUE")) {
            throw EngineException.notSupported("UNIQUE secondary indexes are not supported yet");
        }
        List<Integer> columns = positions(table.columns(), index.getColumnsNames(), table.name());
        return new DdlPlan.CreateIndex(table.name(), new IndexDef(Planner.name(index.getName()), List.copyOf(columns)), version);
    }

    /** One column definition's parts. */
    private record ColumnParts(ColumnDef def, boolean primaryKey) {

        static ColumnParts of(ColumnDefinition cd) {
            String name = Planner.name(cd.getColumnName());
            Matcher m = TYPE.matcher(cd.getColDataType().toString().trim());
            if (!m.matches()) {
                throw EngineException.syntax("cannot read the type of column " + name);
            }
            ColumnType type = type(m.group(1), name);
            int length = m.group(2) == null ? (type == ColumnType.CHAR ? 1 : 0) : Integer.parseInt(m.group(2));
            int scale = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
            if (type == ColumnType.DECIMAL && m.group(2) == null) {
                length = 10;
            }
            List<String> specs = cd.getColumnSpecs() == null ? List.of() : cd.getColumnSpecs();
            boolean nullable = true;
            boolean autoIncrement = false;
            boolean primaryKey = false;
            String defaultLiteral = null;
            for (int i = 0; i < specs.size(); i++) {
                String spec = specs.get(i).toUpperCase(Locale.ROOT);
                switch (spec) {
                    case "NOT" -> {
                        if (i + 1 < specs.size() && specs.get(i + 1).equalsIgnoreCase("NULL")) {
                            nullable = false;
                            i++;
                        }
                    }
                    case "NULL" -> nullable = true;
                    case "AUTO_INCREMENT", "AUTOINCREMENT" -> autoIncrement = true;
                    case "PRIMARY" -> primaryKey = true;
                    case "KEY" -> {
                    }
                    case "DEFAULT" -> {
                        if (i + 1 >= specs.size()) {
                            throw EngineException.syntax("DEFAULT of column " + name + " has no value");
                        }
                        defaultLiteral = specs.get(++i);
                    }
                    default -> throw EngineException.notSupported("column option '" + specs.get(i) + "' of " + name);
                }
            }
            if (autoIncrement && !type.isInteger()) {
                throw EngineException.syntax("AUTO_INCREMENT column " + name + " must be INT or BIGINT");
            }
            Object defaultValue = null;
            if (defaultLiteral != null && !defaultLiteral.equalsIgnoreCase("NULL")) {
                defaultValue = Values.coerce(ExprCompiler.unquote(defaultLiteral), type, name);
            }
            ColumnDef def = new ColumnDef(name, type, length, scale, nullable && !primaryKey, defaultValue, autoIncrement);
            return new ColumnParts(def, primaryKey);
        }

        private static ColumnType type(String sqlType, String column) {
            return switch (sqlType.toUpperCase(Locale.ROOT)) {
                case "INT", "INTEGER", "MEDIUMINT", "SMALLINT", "TINYINT" -> ColumnType.INT;
                case "BIGINT" -> ColumnType.BIGINT;
                case "VARCHAR", "TEXT", "STRING", "VARCHAR2" -> ColumnType.VARCHAR;
                case "CHAR", "CHARACTER" -> ColumnType.CHAR;
                case "DOUBLE", "FLOAT", "REAL" -> ColumnType.DOUBLE;
                case "DECIMAL", "NUMERIC", "DEC" -> ColumnType.DECIMAL;
                case "BOOLEAN", "BOOL" -> ColumnType.BOOLEAN;
                case "TIMESTAMP", "DATETIME", "DATE" -> ColumnType.TIMESTAMP;
                default -> throw EngineException.notSupported("type " + sqlType + " of column " + column + " is not supported");
            };
        }
    }
}
