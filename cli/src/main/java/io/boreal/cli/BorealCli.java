package io.boreal.cli;

import io.boreal.bench.autoinc.AutoIncCommand;
import io.boreal.bench.btree.TreeAutoIncCommand;
import io.boreal.bench.exec.ExecCommand;
import io.boreal.bench.mvcc.MvccCommand;
import io.boreal.bench.sysbench.SysbenchCommand;
import io.boreal.cli.demo.DemoCommand;
import io.boreal.cli.shell.SqlCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./boreal}: the launcher's entry point. */
@Command(name = "boreal", mixinStandardHelpOptions = true, version = "Boreal 0.1.0",
        description = "Boreal, a distributed transaction engine for the JVM.",
        subcommands = {DemoCommand.class, SqlCommand.class, NodeCommand.class, io.boreal.cli.cluster.ClusterCommand.class,
                BorealCli.Bench.class})
public final class BorealCli implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** {@code ./boreal bench WORKLOAD …}. */
    @Command(name = "bench", mixinStandardHelpOptions = true, description = "Run a benchmark workload.",
            subcommands = {SysbenchCommand.class, TreeAutoIncCommand.class, AutoIncCommand.class, MvccCommand.class,
                    ExecCommand.class, io.boreal.bench.remote.RemoteCommand.class, io.boreal.bench.tso.TsoCommand.class,
                    io.boreal.bench.cluster.FoldCommand.class, io.boreal.cli.cluster.ClusterBenchCommand.class})
    static final class Bench implements Runnable {
        @Override
        public void run() {
            new CommandLine(this).usage(System.out);
        }
    }

    public static void main(String[] args) {
        int code = new CommandLine(new BorealCli()).execute(args);
        System.exit(code);
    }
}
