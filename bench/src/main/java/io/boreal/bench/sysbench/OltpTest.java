package io.boreal.bench.sysbench;

import static io.boreal.bench.sysbench.OltpStep.AUTO_INC_INSERT;
import static io.boreal.bench.sysbench.OltpStep.DELETE_INSERTS;
import static io.boreal.bench.sysbench.OltpStep.DISTINCT_RANGES;
import static io.boreal.bench.sysbench.OltpStep.INDEX_UPDATES;
import static io.boreal.bench.sysbench.OltpStep.NON_INDEX_UPDATES;
import static io.boreal.bench.sysbench.OltpStep.ORDER_RANGES;
import static io.boreal.bench.sysbench.OltpStep.POINT_SELECTS;
import static io.boreal.bench.sysbench.OltpStep.SIMPLE_RANGES;
import static io.boreal.bench.sysbench.OltpStep.SUM_RANGES;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * sysbench's OLTP tests: the steps of one event, and whether the event is one transaction
 * (BEGIN … COMMIT, here {@code setAutoCommit(false)} … {@code commit()}) or autocommit statements.
 */
public enum OltpTest {
    OLTP_POINT_SELECT("oltp_point_select", false, OltpStep.POINT_SELECT),
    OLTP_READ_ONLY("oltp_read_only", true, POINT_SELECTS, SIMPLE_RANGES, SUM_RANGES, ORDER_RANGES, DISTINCT_RANGES),
    OLTP_READ_WRITE("oltp_read_write", true, POINT_SELECTS, SIMPLE_RANGES, SUM_RANGES, ORDER_RANGES,
            DISTINCT_RANGES, INDEX_UPDATES, NON_INDEX_UPDATES, DELETE_INSERTS),
    OLTP_WRITE_ONLY("oltp_write_only", true, INDEX_UPDATES, NON_INDEX_UPDATES, DELETE_INSERTS),
    OLTP_INSERT("oltp_insert", false, AUTO_INC_INSERT),
    OLTP_UPDATE_INDEX("oltp_update_index", false, INDEX_UPDATES),
    OLTP_UPDATE_NON_INDEX("oltp_update_non_index", false, NON_INDEX_UPDATES),
    OLTP_DELETE("oltp_delete", false, OltpStep.DELETE);

    private final String sysbenchName;
    private final boolean transactional;
    private final List<OltpStep> steps;

    OltpTest(String sysbenchName, boolean transactional, OltpStep... steps) {
        this.sysbenchName = sysbenchName;
        this.transactional = transactional;
        this.steps = List.of(steps);
    }

    /** The name sysbench gives the test, e.g. {@code oltp_read_write}. */
    public String sysbenchName() {
        return sysbenchName;
    }

    /** True when one event is one explicit transaction. */
    public boolean transactional() {
        return transactional;
    }

    /** The steps of one event, in the order they are sent. */
    public List<OltpStep> steps() {
        return steps;
    }

    /** Every statement the test sends. */
    Set<SbtestQuery> queries() {
        Set<SbtestQuery> qs = EnumSet.noneOf(SbtestQuery.class);
        steps.forEach(s -> qs.addAll(s.queries()));
        return qs;
    }

    /** Looks a test up by its sysbench name. */
    public static OltpTest bySysbenchName(String name) {
        for (OltpTest t : values()) {
            if (t.sysbenchName.equalsIgnoreCase(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown test '" + name + "'; expected one of " + names());
    }

    public static String names() {
        return Arrays.stream(values()).map(OltpTest::sysbenchName).collect(Collectors.joining(", "));
    }
}
