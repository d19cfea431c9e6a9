package io.boreal.jdbc.e2e;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.boreal.jdbc.server.ServerMain;

/**
 * Node JVMs for the remote run of the end-to-end suite ({@code -Dboreal.test.remote=true}): each
 * fresh database a test asks for is a node of its own in a forked JVM, serving on a free port,
 * reached as {@code jdbc:boreal://127.0.0.1:PORT}. A node is stopped by the test that started it
 * ({@link #stop}); any left at JVM exit are killed by a shutdown hook, by their own handles.
 */
final class RemoteNodes {

    static final boolean REMOTE = Boolean.getBoolean("boreal.test.remote");
    private static final long START_GUARD_SECONDS = 120;
    private static final Map<String, Process> NODES = new ConcurrentHashMap<>();

    static {
        if (REMOTE) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> NODES.values().forEach(Process::destroyForcibly)));
        }
    }

    private RemoteNodes() {
    }

    /** Forks a node with an in-memory database and returns its URL once it serves. */
    static String start(String name) {
        try {
            Path err = Files.createTempFile("boreal-node-" + name.replaceAll("[^A-Za-z0-9-]", "_"), ".err");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.base/java.util=ALL-UNNAMED",
                    "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/java.math=ALL-UNNAMED",
                    "--add-opens", "java.base/java.time=ALL-UNNAMED",
                    "-Dboreal.storage.mode=mem", "-Dboreal.storage.name=" + name, "-Dboreal.server.port=0"));
            String mode = System.getProperty("boreal.execution-mode");
            if (mode != null) {
                command.add("-Dboreal.execution-mode=" + mode);
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), ServerMain.class.getName()));
            Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
            CompletableFuture<String> address = new CompletableFuture<>();
            Thread reader = new Thread(() -> readLines(process, address), "node-stdout-" + name);
            reader.setDaemon(true);
            reader.start();
            String hostPort;
            try {
                hostPort = address.get(START_GUARD_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
                throw new AssertionError("node " + name + " did not start: " + e + "\n" + tail(err.toFile()), e);
            }
            String url = "jdbc:boreal://" + hostPort;
            NODES.put(url, process);
            return url;
        } catch (IOException e) {
            throw new AssertionError("cannot fork a node", e);
        }
    }

    /** Kills the node behind {@code url} and waits for it to exit. */
    static void stop(String url) {
        Process process = NODES.remove(url);
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void readLines(Process process, CompletableFuture<String> address) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith(ServerMain.READY)) {
                    address.complete(line.substring(ServerMain.READY.length()).trim());
                }
            }
        } catch (IOException e) {
            // the node is gone
        }
        address.completeExceptionally(new IOException("the node exited with " + waitExit(process)));
    }

    private static String waitExit(Process process) {
        try {
            return String.valueOf(process.waitFor());
        } catch (InterruptedException e) {
            return "(interrupted)";
        }
    }

    private static String tail(File err) {
        try {
            String text = Files.readString(err.toPath());
            return text.substring(Math.max(0, text.length() - 4000));
        } catch (IOException e) {
            return "(no stderr)";
        }
    }
}
