package io.boreal.bench.autoinc;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import io.boreal.bench.sysbench.SbtestValues;

/**
 * sysbench's {@code c} and {@code pad} values ({@link SbtestValues}), from a pool made once, so
 * that sending an insert allocates no strings.
 *
 * <p>Immutable; shared by every loop.
 */
final class RowValues {

    private static final int POOL = 256;

    private final String[] c = new String[POOL];
    private final String[] pad = new String[POOL];

    RowValues(long seed) {
        SbtestValues values = new SbtestValues(new SplittableRandom(seed), 1, 1);
        for (int i = 0; i < POOL; i++) {
            c[i] = values.c();
            pad[i] = values.pad();
        }
    }

    String c(RandomGenerator random) {
        return c[random.nextInt(POOL)];
    }

    String pad(RandomGenerator random) {
        return pad[random.nextInt(POOL)];
    }
}
