package io.boreal.bench.sysbench;

import java.util.SplittableRandom;

/**
 * Random values as sysbench draws them: ids and {@code k} uniform in {@code [1, tableSize]}, table
 * numbers uniform in {@code [1, tables]}, and {@code c}/{@code pad} strings of random digits in
 * 11-digit groups joined by dashes (10 groups, 119 chars; 5 groups, 59 chars).
 *
 * <p>Not thread-safe: one per worker or loader task.
 */
public final class SbtestValues {
    private static final int GROUP_DIGITS = 11;
    private static final int C_GROUPS = 10;
    private static final int PAD_GROUPS = 5;

    private final SplittableRandom random;
    private final int tables;
    private final int tableSize;
    private final char[] buffer = new char[C_GROUPS * (GROUP_DIGITS + 1) - 1];

    public SbtestValues(SplittableRandom random, int tables, int tableSize) {
        this.random = random;
        this.tables = tables;
        this.tableSize = Math.max(1, tableSize);
    }

    /** A row id (or k value) in {@code [1, tableSize]}. */
    public int id() {
        return random.nextInt(tableSize) + 1;
    }

    /** A table number in {@code [1, tables]}. */
    public int table() {
        return random.nextInt(tables) + 1;
    }

    /** A {@code c} value: {@code ###########-…-###########}, 119 characters. */
    public String c() {
        return digitGroups(C_GROUPS);
    }

    /** A {@code pad} value: {@code ###########-…-###########}, 59 characters. */
    public String pad() {
        return digitGroups(PAD_GROUPS);
    }

    private String digitGroups(int groups) {
        int len = groups * (GROUP_DIGITS + 1) - 1;
        for (int i = 0; i < len; i++) {
            buffer[i] = (i % (GROUP_DIGITS + 1) == GROUP_DIGITS) ? '-' : (char) ('0' + random.nextInt(10));
        }
        return new String(buffer, 0, len);
    }
}
