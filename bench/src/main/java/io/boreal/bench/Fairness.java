package io.boreal.bench;

/**
 * How evenly the work spread over the threads, as sysbench reports it: events per thread and
 * time each thread spent inside events (completed or failed), as average and standard deviation.
 */
public record Fairness(double eventsAvg, double eventsStddev, double execTimeAvgSec, double execTimeStddevSec) {

    /** From per-thread event counts and busy time in nanoseconds (arrays of equal length). */
    public static Fairness of(long[] events, long[] busyNs) {
        double[] ev = new double[events.length];
        double[] sec = new double[busyNs.length];
        for (int i = 0; i < events.length; i++) {
            ev[i] = events[i];
            sec[i] = busyNs[i] / 1e9;
        }
        return new Fairness(mean(ev), stddev(ev), mean(sec), stddev(sec));
    }

    private static double mean(double[] xs) {
        double sum = 0;
        for (double x : xs) {
            sum += x;
        }
        return xs.length == 0 ? 0 : sum / xs.length;
    }

    private static double stddev(double[] xs) {
        double m = mean(xs);
        double sq = 0;
        for (double x : xs) {
            sq += (x - m) * (x - m);
        }
        return xs.length == 0 ? 0 : Math.sqrt(sq / xs.length);
    }
}
