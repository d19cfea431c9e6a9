package io.boreal.bench.tso;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.HdrHistogram.Histogram;

import io.boreal.bench.impl.BenchExit;
import io.boreal.bench.impl.ScratchDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./boreal bench tso}: the CTS oracle as a timestamp service, in one process — over Aeron
 * IPC, Aeron UDP (each client node with a media driver of its own) and the Akka twin (each client
 * node an ActorSystem reaching the coordinator's over Artery TCP). Prints the single-request
 * round trip (p50/p99/p99.9) and timestamps per second from 1..N client nodes, unbatched (a
 * request per timestamp) and batched (each node's {@code TimestampClient}, one request serving
 * every waiting thread), with the UDP/Akka round-trip ratio.
 *
 * <p>Exit codes: 0 done, 1 the run failed (message on stderr), 2 bad options.
 */
@Command(name = "tso", mixinStandardHelpOptions = true, sortOptions = false,
        description = "The commit-timestamp oracle over Aeron IPC, Aeron UDP and Akka messages: round trip"
                + " p50/p99/p99.9 and timestamps/s from 1..N client nodes, unbatched and batched.")
public final class TsoCommand implements Callable<Integer> {

    @Option(names = "--transports", split = ",", description = "Of ipc, udp, akka (default: all).")
    List<String> transports = List.of("ipc", "udp", "akka");

    @Option(names = "--nodes", defaultValue = "3", description = "Client nodes, measured 1..N (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--requesters", defaultValue = "4", description = "Requesting threads per client node (default: ${DEFAULT-VALUE}).")
    int requesters;

    @Option(names = "--batch", defaultValue = "1024", description = "Timestamps per request when batched (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--time", defaultValue = "2", description = "Seconds per throughput run (default: ${DEFAULT-VALUE}).")
    double timeSec;

    @Option(names = "--runs", defaultValue = "3", description = "Runs per throughput cell, median reported (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--samples", defaultValue = "20000", description = "Round trips measured, after as many to warm up (default: ${DEFAULT-VALUE}).")
    int samples;

    private final PrintStream out;
    private final PrintStream err;

    public TsoCommand() {
        this(System.out, System.err);
    }

    public TsoCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        return BenchExit.run(err, this::validated, t -> run(t));
    }

    private List<String> validated() {
        for (String t : transports) {
            if (!List.of("ipc", "udp", "akka").contains(t)) {
                throw new IllegalArgumentException("--transports takes ipc, udp and akka, not " + t);
            }
        }
        if (nodes < 1 || requesters < 1 || batch < 1 || runs < 1 || samples < 1 || timeSec <= 0) {
            throw new IllegalArgumentException("--nodes, --requesters, --batch, --runs, --samples and --time must be positive");
        }
        return transports;
    }

    private TsoRig rig(String transport, Path dir, AeronRig.IdleStrategyKind idle) throws Exception {
        return switch (transport) {
            case "ipc" -> new AeronRig(true, nodes, dir, idle);
            case "udp" -> new AeronRig(false, nodes, dir, idle);
            default -> new AkkaRig(nodes);
        };
    }

    private void run(List<String> chosen) throws Exception {
        Duration time = Duration.ofMillis((long) (timeSec * 1000));
        out.printf("Boreal bench tso: %s; 1..%d client nodes x %d requesters, batch %d, %d run(s) of %.1f s, %d round trips%n%n",
                chosen, nodes, requesters, batch, runs, timeSec, samples);
        Map<String, Histogram> rtt = new LinkedHashMap<>();
        StringBuilder rates = new StringBuilder();
        try (ScratchDir scratch = ScratchDir.of(Files.createTempDirectory("boreal-tso"), "drivers")) {
            for (String transport : chosen) {
                List<AeronRig.IdleStrategyKind> idles = transport.equals("akka") ? List.of(AeronRig.IdleStrategyKind.YIELDING)
                        : List.of(AeronRig.IdleStrategyKind.YIELDING, AeronRig.IdleStrategyKind.BACKOFF,
                                AeronRig.IdleStrategyKind.INVOKED);
                for (AeronRig.IdleStrategyKind idle : idles) {
                    try (TsoRig rig = rig(transport, scratch.path().resolve(transport + "-" + idle), idle)) {
                        rig.roundTrips(samples); // warm-up
                        String label = transport.equals("akka") ? "akka (Artery TCP)"
                                : transport + ", agents " + idle.name().toLowerCase();
                        rtt.put(label, rig.roundTrips(samples));
                        out.printf("round trip %s: p50 %.1f µs%n", label, rtt.get(label).getValueAtPercentile(50) / 1e3);
                        if (idle == (transport.equals("akka") ? AeronRig.IdleStrategyKind.YIELDING
                                : AeronRig.IdleStrategyKind.INVOKED)) {
                            throughput(transport, rig, time, rates);
                        }
                    }
                }
            }
        }
        out.println();
        Histogram akka = rtt.get("akka (Artery TCP)");
        out.println("| round trip, one request in flight | p50 µs | p99 µs | p99.9 µs | p50 / Akka p50 |");
        out.println("|---|---:|---:|---:|---:|");
        rtt.forEach((label, h) -> out.printf("| %s | %.1f | %.1f | %.1f | %s |%n", label, h.getValueAtPercentile(50) / 1e3,
                h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3, akka == null ? "-"
                        : String.format("%.3f", h.getValueAtPercentile(50) / (double) akka.getValueAtPercentile(50))));
        out.println();
        out.println("Throughput: Aeron with the drivers invoked (the lowest round trip above), Akka over Artery TCP.");
        out.println("| transport | client nodes | unbatched timestamps/s | batched timestamps/s | batched requests/s |");
        out.println("|---|---:|---:|---:|---:|");
        out.print(rates);
    }

    private void throughput(String transport, TsoRig rig, Duration time, StringBuilder rates) throws Exception {
        for (int n = 1; n <= nodes; n++) {
            double[] unbatched = new double[runs];
            double[] batched = new double[runs];
            double[] requests = new double[runs];
            for (int r = 0; r < runs; r++) {
                unbatched[r] = rig.unbatched(n, requesters, time);
                batched[r] = rig.batched(n, requesters, batch, time);
                requests[r] = rig.lastRequests() / (time.toMillis() / 1000.0);
            }
            out.printf("%s, %d node(s): unbatched %,.0f/s, batched %,.0f/s%n", transport, n, median(unbatched),
                    median(batched));
            rates.append(String.format("| %s | %d | %,.0f | %,.0f | %,.0f |%n", transport, n, median(unbatched),
                    median(batched), median(requests)));
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
