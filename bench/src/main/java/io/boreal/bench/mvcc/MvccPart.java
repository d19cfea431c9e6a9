package io.boreal.bench.mvcc;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The three measurements of {@code bench mvcc}, selectable with {@code --parts}. */
public enum MvccPart {

    /** sysbench OLTP tests at several session counts, cts against active_list. */
    OLTP("oltp"),
    /** The cost of one read view with N transactions held open, through the node's transaction system. */
    READ_VIEW("readview"),
    /** oltp_write_only with the file journal durable (fsync on) against fsync off: group commit. */
    DURABLE("durable");

    private final String option;

    MvccPart(String option) {
        this.option = option;
    }

    public String option() {
        return option;
    }

    static MvccPart byOption(String name) {
        for (MvccPart p : values()) {
            if (p.option.equals(name.trim().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown part '" + name + "'; expected one of "
                + Arrays.stream(values()).map(MvccPart::option).collect(Collectors.joining(", ")));
    }
}
