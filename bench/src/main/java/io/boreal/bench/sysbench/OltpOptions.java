package io.boreal.bench.sysbench;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The sysbench OLTP knobs as command-line options (a picocli mixin), with sysbench's defaults. */
public final class OltpOptions {
    @Option(names = "--tables", defaultValue = "1", description = "Number of tables (default: ${DEFAULT-VALUE}).")
    int tables;

    @Option(names = "--table-size", defaultValue = "10000",
            description = "Rows per table (default: ${DEFAULT-VALUE}).")
    int tableSize;

    @Option(names = "--range-size", defaultValue = "100",
            description = "Rows of the range SELECTs (default: ${DEFAULT-VALUE}).")
    int rangeSize;

    @Option(names = "--point-selects", defaultValue = "10", description = "Point SELECTs per transaction.")
    int pointSelects;

    @Option(names = "--simple-ranges", defaultValue = "1", description = "Simple range SELECTs per transaction.")
    int simpleRanges;

    @Option(names = "--sum-ranges", defaultValue = "1", description = "SELECT SUM() ranges per transaction.")
    int sumRanges;

    @Option(names = "--order-ranges", defaultValue = "1", description = "SELECT … ORDER BY ranges per transaction.")
    int orderRanges;

    @Option(names = "--distinct-ranges", defaultValue = "1", description = "SELECT DISTINCT ranges per transaction.")
    int distinctRanges;

    @Option(names = "--index-updates", defaultValue = "1", description = "UPDATEs of k per transaction.")
    int indexUpdates;

    @Option(names = "--non-index-updates", defaultValue = "1", description = "UPDATEs of c per transaction.")
    int nonIndexUpdates;

    @Option(names = "--delete-inserts", defaultValue = "1", description = "DELETE+INSERT pairs per transaction.")
    int deleteInserts;

    OltpParams toParams() {
        return new OltpParams(tables, tableSize, rangeSize, pointSelects, simpleRanges, sumRanges, orderRanges,
                distinctRanges, indexUpdates, nonIndexUpdates, deleteInserts);
    }

    /** The options under sysbench's names, for the result file. */
    Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tables", tables);
        m.put("table_size", tableSize);
        m.put("range_size", rangeSize);
        m.put("point_selects", pointSelects);
        m.put("simple_ranges", simpleRanges);
        m.put("sum_ranges", sumRanges);
        m.put("order_ranges", orderRanges);
        m.put("distinct_ranges", distinctRanges);
        m.put("index_updates", indexUpdates);
        m.put("non_index_updates", nonIndexUpdates);
        m.put("delete_inserts", deleteInserts);
        return m;
    }
}
