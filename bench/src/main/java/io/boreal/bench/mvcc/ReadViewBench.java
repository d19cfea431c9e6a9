package io.boreal.bench.mvcc;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.boreal.txn.TxnSystem;

/**
 * The cost of one read view as the number of open transactions grows, measured on the node's
 * own {@link TxnSystem} (no SQL, no actors): hold N transactions open (begun in the mode
 * measured, so that under active_list they are listed), then begin and finish fresh read-only
 * transactions on one thread for {@code readViewTime} and report the time per pair. Under cts a
 * read view is one snapshot timestamp and a slot claimed by CAS; under active_list it is a copy
 * of the N listed ids taken under the list's mutex.
 *
 * <p>One thread: this isolates the copy; the contention on the mutex shows in the OLTP part.
 */
final class ReadViewBench {

    private static final int BATCH = 256;
    /** Keeps the JIT from discarding the views taken. */
    private static volatile long sink;

    private final MvccSettings settings;
    private final PrintStream progress;

    ReadViewBench(MvccSettings settings, PrintStream progress) {
        this.settings = settings;
        this.progress = progress;
    }

    List<ReadViewResult> run(TxnSystem txns) {
        List<ReadViewResult> results = new ArrayList<>();
        for (int open : settings.openTransactions()) {
            for (MvccMode mode : MvccMode.values()) {
                ReadViewResult r = measure(txns, mode, open);
                progress.printf(Locale.ROOT, "  %,7d open  %-12s %,10.0f ns per read view (%d listed)%n", open,
                        mode.label(), r.nsPerReadView(), r.listed());
                results.add(r);
            }
        }
        return results;
    }

    private ReadViewResult measure(TxnSystem txns, MvccMode mode, int open) {
        long[] held = new long[open];
        int begun = 0;
        try {
            for (; begun < open; begun++) {
                held[begun] = txns.begin(mode.engineMode()).id();
            }
            int listed = txns.activeList().size();
            long durationNs = settings.readViewTime().toNanos();
            nsPerReadView(txns, mode.engineMode(), durationNs); // warm-up, discarded
            List<Double> runs = new ArrayList<>();
            for (int r = 0; r < settings.runs(); r++) {
                runs.add(nsPerReadView(txns, mode.engineMode(), durationNs));
            }
            return new ReadViewResult(open, mode, listed, runs);
        } finally {
            for (int i = 0; i < begun; i++) {
                txns.finish(held[i]);
            }
        }
    }

    /** Begins and finishes transactions for at least {@code durationNs}; the mean time per pair. */
    private static double nsPerReadView(TxnSystem txns, TxnSystem.Mvcc mode, long durationNs) {
        long pairs = 0;
        long acc = 0;
        long startNs = System.nanoTime();
        long elapsedNs;
        do {
            for (int i = 0; i < BATCH; i++) {
                TxnSystem.Begun b = txns.begin(mode);
                acc += b.snapshot() + (b.view() == null ? 0 : b.view().active().length);
                txns.finish(b.id());
            }
            pairs += BATCH;
            elapsedNs = System.nanoTime() - startNs;
        } while (elapsedNs < durationNs);
        sink = acc;
        return (double) elapsedNs / pairs;
    }
}
