package io.boreal.bench.btree;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./boreal bench tree-autoinc}: the tree-level AUTO_INC micro-benchmark, all modes in one run. */
@Command(name = "tree-autoinc", mixinStandardHelpOptions = true,
        description = "AUTO_INC inserts straight into one index tree: BLINK, BLINK+hint, SERIAL_SMO, SERIAL_SMO capped at 8.")
public final class TreeAutoIncCommand implements Callable<Integer> {

    @Option(names = "--time", description = "seconds per mode and session count (default: ${DEFAULT-VALUE})")
    int seconds = 5;

    @Option(names = "--sessions", split = ",", description = "session counts (default: 1,16,64,256,1024)")
    List<Integer> sessions = List.of(1, 16, 64, 256, 1024);

    @Override
    public Integer call() throws Exception {
        List<String> args = new ArrayList<>();
        args.add(Integer.toString(seconds));
        sessions.forEach(n -> args.add(Integer.toString(n)));
        TreeAutoIncBench.main(args.toArray(String[]::new));
        return 0;
    }
}
