package io.boreal.storage.btree;

/** How a tree carries out structure modifications (switch {@code btree = blink | serial_smo}). */
public enum TreeMode {
    /** Lehman–Yao: splits are local and concurrent, parents learn of them by SMO messages. */
    BLINK,
    /** InnoDB-style twin: one index-wide latch serializes splits; requests that met one restart pessimistically. */
    SERIAL_SMO
}
