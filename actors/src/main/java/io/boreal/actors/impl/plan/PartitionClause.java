package io.boreal.actors.impl.plan;

import java.util.regex.Pattern;

/**
 * The {@code PARTITION BY …} clause of a CREATE TABLE, cut from the text before JSqlParser sees
 * it: JSqlParser 5.1 reads {@code PARTITION BY HASH(id) PARTITIONS 4} as table options but
 * refuses {@code PARTITION BY RANGE(id) (…)} ({@code RANGE} is one of its keywords), so the
 * clause is read by {@link TableDefinitions} from its own text.
 *
 * <p>The clause starts at the first {@code PARTITION BY} outside quotes, comments and parentheses and runs
 * to the end of the statement. Stateless.
 */
record PartitionClause(String statement, String clause) {

    private static final Pattern CREATE_TABLE = Pattern.compile("\\s*CREATE\\s+TABLE\\b.*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern PARTITION_BY = Pattern.compile("PARTITION\\s+BY\\b.*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /** {@code sql} split in the statement without the clause and the clause (null without one). */
    static PartitionClause split(String sql) {
        if (!CREATE_TABLE.matcher(sql).matches()) {
            return new PartitionClause(sql, null);
        }
        int[] depth = {0};
        int[] at = {-1};
        SqlText.walkCode(sql, (i, c) -> {
            if (c == '(') {
                depth[0]++;
            } else if (c == ')') {
                depth[0]--;
            } else if (depth[0] == 0 && (c == 'P' || c == 'p') && startsWord(sql, i)
                    && PARTITION_BY.matcher(sql).region(i, sql.length()).matches()) {
                at[0] = i;
                return false;
            }
            return true;
        });
        return at[0] < 0 ? new PartitionClause(sql, null)
                : new PartitionClause(sql.substring(0, at[0]), sql.substring(at[0]).strip());
    }

    private static boolean startsWord(String sql, int i) {
        return i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)) && sql.charAt(i - 1) != '_';
    }
}
