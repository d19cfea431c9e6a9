package io.boreal.bench.sysbench;

/**
 * The sysbench OLTP knobs ({@code oltp_common.lua}): table count and size, and how many of each
 * statement one transaction sends. Ids are drawn uniformly from {@code [1, tableSize]}.
 */
public record OltpParams(int tables, int tableSize, int rangeSize, int pointSelects, int simpleRanges,
                         int sumRanges, int orderRanges, int distinctRanges, int indexUpdates,
                         int nonIndexUpdates, int deleteInserts) {

    public OltpParams {
        if (tables < 1) {
            throw new IllegalArgumentException("tables must be >= 1, got " + tables);
        }
        if (tableSize < 0 || rangeSize < 1) {
            throw new IllegalArgumentException("need tableSize >= 0 and rangeSize >= 1");
        }
    }

    /** sysbench's defaults: range_size 100, point_selects 10, every other count 1. */
    public static OltpParams defaults(int tables, int tableSize) {
        return new OltpParams(tables, tableSize, 100, 10, 1, 1, 1, 1, 1, 1, 1);
    }
}
