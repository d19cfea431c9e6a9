package io.boreal.cli.cluster;

import java.io.File;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./boreal cluster start N | add | stop | status}: a local cluster of durable nodes under one
 * directory, each node a JVM of its own ({@code ./boreal node --config DIR/node-i.conf}) on the
 * journal directory they share ({@code DIR/shared}), joined to the first. Ports are chosen free
 * at start and printed; the pid files let {@code stop} end exactly the processes it started.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Start, stop or show a local cluster of Boreal nodes under one directory.",
        subcommands = {ClusterCommand.Start.class, ClusterCommand.Add.class, ClusterCommand.Stop.class,
            ClusterCommand.Status.class})
public final class ClusterCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** The {@code --dir} every subcommand takes. */
    static final class ClusterDir {
        @Option(names = "--dir", defaultValue = "boreal-cluster", description = "The cluster's directory (default: ${DEFAULT-VALUE}).")
        File dir;

        LocalCluster cluster() {
            return new LocalCluster(dir.toPath());
        }
    }

    /** The {@code --heap} of the node JVMs a subcommand starts. */
    static final class NodeHeap {
        @Option(names = "--heap", defaultValue = "512m", description = "Heap of each node JVM (default: ${DEFAULT-VALUE}).")
        String heap;
    }

    /** {@code cluster start N}. */
    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start N nodes (ports chosen free, printed).")
    static final class Start implements Callable<Integer> {
        @Parameters(index = "0", defaultValue = "3", description = "Nodes to start (default: 3).")
        int nodes;

        @Mixin
        ClusterDir dir;

        @Mixin
        NodeHeap heap;

        @Override
        public Integer call() throws Exception {
            return dir.cluster().start(nodes, heap.heap) ? 0 : 1;
        }
    }

    /** {@code cluster add}. */
    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Start one more node that joins the running cluster; it takes its share of the partitions.")
    static final class Add implements Callable<Integer> {
        @Mixin
        ClusterDir dir;

        @Mixin
        NodeHeap heap;

        @Override
        public Integer call() throws Exception {
            return dir.cluster().add(heap.heap) ? 0 : 1;
        }
    }

    /** {@code cluster stop}. */
    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop every node the directory's pid files name.")
    static final class Stop implements Callable<Integer> {
        @Mixin
        ClusterDir dir;

        @Override
        public Integer call() throws Exception {
            return dir.cluster().stop() ? 0 : 1;
        }
    }

    /** {@code cluster status}. */
    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show each node: running or not, its JDBC URL.")
    static final class Status implements Callable<Integer> {
        @Mixin
        ClusterDir dir;

        @Override
        public Integer call() throws Exception {
            return dir.cluster().status() ? 0 : 1;
        }
    }
}
