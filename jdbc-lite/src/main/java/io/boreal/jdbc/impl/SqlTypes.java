package io.boreal.jdbc.impl;

import java.sql.Types;

/** Facts about the engine's SQL types that metadata reports when a column declares none. */
final class SqlTypes {

    private SqlTypes() {
    }

    /** The precision of a type without a declared one (digits, or characters for text). */
    static int defaultPrecision(int sqlType) {
        return switch (sqlType) {
            case Types.TINYINT -> 3;
            case Types.SMALLINT -> 5;
            case Types.INTEGER -> 10;
            case Types.BIGINT -> 19;
            case Types.REAL -> 7;
            case Types.FLOAT, Types.DOUBLE -> 15;
            case Types.DECIMAL, Types.NUMERIC -> 65;
            case Types.BIT, Types.BOOLEAN -> 1;
            case Types.TIMESTAMP -> 29;
            case Types.CHAR, Types.VARCHAR -> 65_535;
            default -> 0;
        };
    }

    /** Characters needed to show a value: sign and digits, or the text's length. */
    static int displaySize(int sqlType, int precision, int scale) {
        return switch (sqlType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> precision + 1;
            case Types.DECIMAL, Types.NUMERIC -> precision + (scale > 0 ? 2 : 1);
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> 24;
            case Types.BIT, Types.BOOLEAN -> 5;
            default -> precision;
        };
    }

    static boolean isSigned(int sqlType) {
        return switch (sqlType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.REAL, Types.FLOAT, Types.DOUBLE,
                    Types.DECIMAL, Types.NUMERIC -> true;
            default -> false;
        };
    }

    static boolean isText(int sqlType) {
        return switch (sqlType) {
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR -> true;
            default -> false;
        };
    }
}
