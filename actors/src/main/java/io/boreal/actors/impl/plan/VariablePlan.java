package io.boreal.actors.impl.plan;

import java.util.List;
import java.util.regex.Pattern;

import io.boreal.actors.ColumnInfo;
import io.boreal.actors.impl.sql.Expr;
import io.boreal.storage.schema.ColumnType;

/**
 * The engine's runtime switches: {@code SET GLOBAL name = value} and {@code SHOW VARIABLES
 * [LIKE 'pattern']}. No table involved, so valid under every catalog version (0).
 */
public sealed interface VariablePlan extends Plan {

    @Override
    default long catalogVersion() {
        return 0;
    }

    @Override
    default int parameterCount() {
        return 0;
    }

    /** Sets {@code name} (as written; the registry ignores case) to the value's text. */
    record SetGlobal(String name, String value) implements VariablePlan {
    }

    /**
     * Lists the variables whose names match {@code like} (SQL LIKE: {@code %}, {@code _},
     * backslash escapes; case-insensitive, as MySQL's SHOW VARIABLES), or every one when null.
     */
    record Show(String like) implements VariablePlan {

        private static final List<ColumnInfo> COLUMNS = List.of(
                Planner.info("Variable_name", "Variable_name", null, ColumnType.VARCHAR, 64, 0, false),
                Planner.info("Value", "Value", null, ColumnType.VARCHAR, 1024, 0, true));

        @Override
        public List<ColumnInfo> columns() {
            return COLUMNS;
        }

        /** Whether a variable named {@code name} is listed. */
        public boolean matches(String name) {
            if (like == null) {
                return true;
            }
            Pattern pattern = Expr.Like.likePattern(like.toLowerCase(java.util.Locale.ROOT));
            return pattern.matcher(name.toLowerCase(java.util.Locale.ROOT)).matches();
        }
    }
}
