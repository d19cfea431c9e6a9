package io.boreal.multijvm;

import java.nio.file.Path;

import io.boreal.transport.aeron.EmbeddedMediaDriver;

/**
 * A media driver in a JVM of its own, in {@code args[0]}, for JVMs that attach to it and talk over
 * {@code aeron:ipc}; prints {@code READY} and runs until killed (its test deletes the directory).
 */
public final class SharedMediaDriver {

    public static void main(String[] args) throws Exception {
        EmbeddedMediaDriver driver = EmbeddedMediaDriver.launch(Path.of(args[0]));
        System.out.println("READY " + driver.directory());
        System.out.flush();
        Thread.currentThread().join();
    }
}
