package io.boreal.actors.impl.plan;

import io.boreal.storage.ReadSpec;

/** One partition a statement must visit, and what to read there. */
public record Target(int partition, ReadSpec spec) {
}
