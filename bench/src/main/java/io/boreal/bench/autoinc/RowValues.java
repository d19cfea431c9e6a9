package io.boreal.bench.autoinc;

import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * sysbench's {@code c} (120 characters) and {@code pad} (60) values: groups of 11 random digits
 * joined by '-'. A fixed pool made once, so that sending an insert allocates no strings.
 *
 * <p>Immutable; shared by every loop.
 */
final class RowValues {

    private static final int POOL = 256;

    private final String[] c = new String[POOL];
    private final String[] pad = new String[POOL];

    RowValues(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < POOL; i++) {
            c[i] = digits(random, 10); // 10 groups = 119 characters
            pad[i] = digits(random, 5);  // 5 groups = 59 characters
        }
    }

    String c(RandomGenerator random) {
        return c[random.nextInt(POOL)];
    }

    String pad(RandomGenerator random) {
        return pad[random.nextInt(POOL)];
    }

    private static String digits(Random random, int groups) {
        StringBuilder s = new StringBuilder();
        for (int g = 0; g < groups; g++) {
            if (g > 0) {
                s.append('-');
            }
            for (int d = 0; d < 11; d++) {
                s.append((char) ('0' + random.nextInt(10)));
            }
        }
        return s.toString();
    }
}
