package io.boreal.bench.sysbench;

import java.util.List;
import java.util.function.ToIntFunction;

/**
 * One {@code execute_*} block of sysbench's OLTP scripts: pick a random table, then send its
 * statement(s) {@code count} times with fresh random ids. Public for drivers other than the
 * JDBC {@link OltpWorker} (the async one of {@code bench mvcc}).
 */
public enum OltpStep {
    /** {@code oltp_point_select}: exactly one point select per event, whatever point_selects says. */
    POINT_SELECT(p -> 1, SbtestQuery.POINT_SELECT),
    POINT_SELECTS(OltpParams::pointSelects, SbtestQuery.POINT_SELECT),
    SIMPLE_RANGES(OltpParams::simpleRanges, SbtestQuery.SIMPLE_RANGE),
    SUM_RANGES(OltpParams::sumRanges, SbtestQuery.SUM_RANGE),
    ORDER_RANGES(OltpParams::orderRanges, SbtestQuery.ORDER_RANGE),
    DISTINCT_RANGES(OltpParams::distinctRanges, SbtestQuery.DISTINCT_RANGE),
    INDEX_UPDATES(OltpParams::indexUpdates, SbtestQuery.INDEX_UPDATE),
    NON_INDEX_UPDATES(OltpParams::nonIndexUpdates, SbtestQuery.NON_INDEX_UPDATE),
    /** DELETE a random id, then INSERT it back with new k, c, pad. */
    DELETE_INSERTS(OltpParams::deleteInserts, SbtestQuery.DELETE, SbtestQuery.INSERT),
    DELETE(p -> 1, SbtestQuery.DELETE),
    AUTO_INC_INSERT(p -> 1, SbtestQuery.INSERT_AUTO_INC);

    private final ToIntFunction<OltpParams> count;
    private final List<SbtestQuery> queries;
    private final int reads;

    OltpStep(ToIntFunction<OltpParams> count, SbtestQuery... queries) {
        this.count = count;
        this.queries = List.of(queries);
        this.reads = (int) this.queries.stream().filter(SbtestQuery::isRead).count();
    }

    /** Read statements sent by one repetition of the step. */
    int reads() {
        return reads;
    }

    /** Write statements sent by one repetition of the step. */
    int writes() {
        return queries.size() - reads;
    }

    /** How many times one event repeats the step. */
    public int count(OltpParams params) {
        return count.applyAsInt(params);
    }

    /** The statements this step sends, to be prepared once per connection. */
    public List<SbtestQuery> queries() {
        return queries;
    }
}
