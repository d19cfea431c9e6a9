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
 * ({@link PartitioningReader}).
 */
final class TableDefinitions {

    private static final Pattern TYPE = Pattern.compile("(\\w+)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?.*");
    /** The longest VARCHAR or CHAR, as MySQL's VARCHAR. */
    static final int MAX_LENGTH = 65_535;
    /** DECIMAL's limits, as MySQL's: DECIMAL(65, 30). */
    static final int MAX_DECIMAL_PRECISION = 65;
    static final int MAX_DECIMAL_SCALE = 30;

    private final int defaultPartitions;

    TableDefinitions(int defaultPartitions) {
        this.defaultPartitions = defaultPartitions;
    }

    /** The table {@code create} defines, partitioned as {@code partitionClause} says (null: the default). */
    TableDef of(CreateTable create, String partitionClause) {
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
        Partitioning partitioning = PartitioningReader.read(partitionClause, columns, primaryKey, tableName,
                defaultPartitions);
        return new TableDef(0, tableName, List.copyOf(columns), List.copyOf(primaryKey), List.of(), partitioning);
    }

    static List<Integer> positions(List<ColumnDef> columns, List<String> names, String table) {
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
            int length = m.group(2) == null ? (type == ColumnType.CHAR ? 1 : 0) : size(m.group(2), MAX_LENGTH, name);
            int scale = m.group(3) == null ? 0 : size(m.group(3), MAX_DECIMAL_SCALE, name);
            if (type == ColumnType.DECIMAL && m.group(2) == null) {
                length = 10;
            }
            if (type == ColumnType.DECIMAL && (length < 1 || length > MAX_DECIMAL_PRECISION || scale > length)) {
                throw EngineException.syntax("DECIMAL(" + length + "," + scale + ") of column " + name + ": precision"
                        + " must be 1 to " + MAX_DECIMAL_PRECISION + " and scale 0 to the precision");
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
                // the column's own checks: a DEFAULT too long or out of range fails here, not at each INSERT
                defaultValue = Values.coerce(ExprCompiler.unquote(defaultLiteral),
                        new ColumnDef(name, type, length, scale, true, null, autoIncrement));
            }
            ColumnDef def = new ColumnDef(name, type, length, scale, nullable && !primaryKey, defaultValue, autoIncrement);
            return new ColumnParts(def, primaryKey);
        }

        /** A declared length, precision or scale: at most {@code max} (42000, as MySQL's "too big"). */
        private static int size(String digits, int max, String column) {
            if (digits.length() > 9 || Integer.parseInt(digits) > max) {
                throw EngineException.syntax("size " + digits + " of column " + column + " is too big (at most " + max + ")");
            }
            return Integer.parseInt(digits);
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
