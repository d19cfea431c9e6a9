package io.boreal.bench.impl;

import java.io.IOException;
import java.io.PrintStream;
import java.util.function.Supplier;

import io.boreal.bench.RunAbortedException;

/**
 * How an in-process benchmark command ends: exit code 0 when done; 2 when its options are bad
 * (the settings threw {@link IllegalArgumentException}: its message on stderr); 1 when the run
 * failed (a {@link RunAbortedException}'s message, an {@link IOException}, or any other failure
 * as "the benchmark failed: …", on stderr).
 */
public final class BenchExit {

    /** The benchmark itself: runs, prints its report, writes its files. */
    @FunctionalInterface
    public interface Body<S> {
        void run(S settings) throws Exception;
    }

    private BenchExit() {
    }

    /** Builds the settings, runs {@code body} with them, and returns the exit code. */
    public static <S> int run(PrintStream err, Supplier<S> settings, Body<S> body) {
        S s;
        try {
            s = settings.get();
        } catch (IllegalArgumentException e) {
            err.println("FATAL: " + e.getMessage());
            return 2;
        }
        try {
            body.run(s);
            return 0;
        } catch (RunAbortedException e) {
            err.println("FATAL: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("FATAL: " + e);
            return 1;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            err.println("FATAL: the benchmark failed: " + e);
            return 1;
        }
    }
}
