package io.boreal.actors.impl.plan;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.boreal.actors.ColumnInfo;
import io.boreal.storage.EngineException;
import io.boreal.storage.schema.ColumnType;

/**
 * {@code SHOW PARTITIONS [FROM table]}: every partition of every table (or of one), the shard it
 * belongs to and the node ({@code host:port}) running it now — NULL while it runs nowhere (not
 * started yet, or moving). Answered from the shard regions of the whole cluster, so any node
 * shows the same placement. No plan cache hazard: names are looked up when it runs (version 0).
 *
 * @param table the one table to show, or null for all
 */
public record PartitionsPlan(String table) implements Plan {

    private static final Pattern SHOW = Pattern.compile(
            "SHOW\\s+PARTITIONS(?:\\s+(?:FROM|IN)\\s+(`[^`]+`|\"[^\"]+\"|[A-Za-z_][A-Za-z0-9_$]*))?\\s*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern SHOW_START = Pattern.compile("SHOW\\s+PARTITIONS\\b.*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private static final List<ColumnInfo> COLUMNS = List.of(
            Planner.info("Table", "Table", null, ColumnType.VARCHAR, 64, 0, false),
            Planner.info("Partition", "Partition", null, ColumnType.INT, 10, 0, false),
            Planner.info("Shard", "Shard", null, ColumnType.VARCHAR, 16, 0, false),
            Planner.info("Node", "Node", null, ColumnType.VARCHAR, 64, 0, true));

    /** The plan of {@code sql} if it is a SHOW PARTITIONS, else null; 42000 for anything after it but FROM table. */
    static PartitionsPlan parse(String sql) {
        if (!SHOW_START.matcher(sql).matches()) {
            return null;
        }
        Matcher m = SHOW.matcher(sql);
        if (!m.matches()) {
            throw EngineException.syntax("syntax error: SHOW PARTITIONS takes FROM table only");
        }
        return new PartitionsPlan(m.group(1) == null ? null : Planner.name(m.group(1)));
    }

    @Override
    public long catalogVersion() {
        return 0;
    }

    @Override
    public int parameterCount() {
        return 0;
    }

    @Override
    public List<ColumnInfo> columns() {
        return COLUMNS;
    }
}
