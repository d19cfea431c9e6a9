package io.boreal.jdbc.impl;

import java.sql.ResultSet;
import java.sql.SQLException;

/** The one kind of cursor the driver offers: forward-only, read-only, closed at commit. */
final class CursorOptions {

    private CursorOptions() {
    }

    static void check(int type, int concurrency, int holdability) throws SQLException {
        if (type != ResultSet.TYPE_FORWARD_ONLY) {
            throw SqlErrors.unsupported("result set type " + type + " (only TYPE_FORWARD_ONLY)");
        }
        if (concurrency != ResultSet.CONCUR_READ_ONLY) {
            throw SqlErrors.unsupported("result set concurrency " + concurrency + " (only CONCUR_READ_ONLY)");
        }
        if (holdability != ResultSet.CLOSE_CURSORS_AT_COMMIT) {
            throw SqlErrors.unsupported("result set holdability " + holdability + " (only CLOSE_CURSORS_AT_COMMIT)");
        }
    }
}
