package io.boreal.bench;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * One live report interval: rates over the interval that ends at {@code timeSec} after the start,
 * and the latency of the events completed in it (ms).
 */
public record IntervalSample(double timeSec, int threads, double tps, double qps, double readsPerSec,
                             double writesPerSec, double othersPerSec, double p50Ms, double p95Ms,
                             double p99Ms, double maxMs, double errorsPerSec, double reconnectsPerSec) {

    /**
     * The line sysbench prints, e.g.
     * {@code [ 10s ] thds: 64 tps: 1234.56 qps: 24691.20 (r/w/o: 17283.84/4938.24/2469.12) lat (ms,95%): 12.34 err/s: 0.00 reconn/s: 0.00}.
     */
    public String toSysbenchLine() {
        return String.format(Locale.ROOT,
                "[ %ss ] thds: %d tps: %.2f qps: %.2f (r/w/o: %.2f/%.2f/%.2f) lat (ms,95%%): %.2f err/s: %.2f reconn/s: %.2f",
                seconds(timeSec), threads, tps, qps, readsPerSec, writesPerSec, othersPerSec, p95Ms,
                errorsPerSec, reconnectsPerSec);
    }

    /** Whole seconds as sysbench shows them ("10"); sub-second intervals keep their decimals ("2.5"). */
    private static String seconds(double t) {
        return new BigDecimal(String.format(Locale.ROOT, "%.3f", t)).stripTrailingZeros().toPlainString();
    }
}
