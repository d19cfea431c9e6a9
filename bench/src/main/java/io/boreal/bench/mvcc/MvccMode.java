package io.boreal.bench.mvcc;

import io.boreal.txn.TxnSystem;

/**
 * The two ways the engine takes read views, each reached from the other by SQL alone
 * ({@code SET GLOBAL boreal.mvcc}); transactions begun after the switch use the new mode.
 */
public enum MvccMode {

    /** A read view is one snapshot timestamp; visibility is judged through the lock-free CTS log. */
    CTS("cts", TxnSystem.Mvcc.CTS),
    /** The InnoDB-style twin: every read view copies a mutex-guarded list of the active transaction ids. */
    ACTIVE_LIST("active_list", TxnSystem.Mvcc.ACTIVE_LIST);

    private final String label;
    private final TxnSystem.Mvcc engineMode;

    MvccMode(String label, TxnSystem.Mvcc engineMode) {
        this.label = label;
        this.engineMode = engineMode;
    }

    /** The value of {@code boreal.mvcc}, printed in the tables and written in the JSON. */
    public String label() {
        return label;
    }

    /** The mode as the node's transaction system names it. */
    public TxnSystem.Mvcc engineMode() {
        return engineMode;
    }

    String switchStatement() {
        return "SET GLOBAL boreal.mvcc = '" + label + "'";
    }
}
