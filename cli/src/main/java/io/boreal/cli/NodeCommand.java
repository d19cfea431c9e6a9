package io.boreal.cli;

import java.io.File;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import io.boreal.actors.BorealDatabase;
import io.boreal.jdbc.BorealDriver;
import io.boreal.jdbc.server.ServerMain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./boreal node --config FILE}: runs one node until interrupted, serving
 * {@code jdbc:boreal://host:port} clients ({@code boreal.server}: 127.0.0.1:4700 unless the file
 * says otherwise; {@code boreal.server.enabled = off} in the file turns the server off). With
 * {@code boreal.cluster.seed-nodes} in the file it joins those nodes ({@code ./boreal cluster start}
 * writes such files).
 */
@Command(name = "node", mixinStandardHelpOptions = true, description = "Run one Boreal node until Ctrl-C.")
public final class NodeCommand implements Callable<Integer> {

    @Option(names = "--config", description = "HOCON file with boreal { } (and akka { }) settings")
    File config;

    @Override
    public Integer call() throws Exception {
        Config c = config == null ? ConfigFactory.empty() : ConfigFactory.parseFile(config);
        if (config != null && !config.isFile()) {
            System.err.println("no such config file: " + config);
            return 2;
        }
        ServerMain.Running running = ServerMain.start(c);
        BorealDatabase db = running.db();
        String url = db.node().settings().fileMode()
                ? "jdbc:boreal:file:" + db.node().settings().dir() : "jdbc:boreal:mem:" + db.name();
        BorealDriver.register(url, db);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            stopped.countDown();
        }, "boreal-node-shutdown"));
        String remote = running.server() == null ? "no network server (boreal.server.enabled = off)"
                : "jdbc:boreal://" + running.server().host() + ":" + running.server().port();
        System.out.println("Boreal node up: " + db.name() + " (" + url + ", " + remote + "); Ctrl-C stops it");
        stopped.await();
        return 0;
    }
}
