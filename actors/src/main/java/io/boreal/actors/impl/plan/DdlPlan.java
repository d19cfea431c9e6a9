package io.boreal.actors.impl.plan;

import io.boreal.storage.schema.IndexDef;
import io.boreal.storage.schema.TableDef;

/** A schema change, carried out through the catalog. */
public sealed interface DdlPlan extends Plan {

    @Override
    default int parameterCount() {
        return 0;
    }

    record CreateTable(TableDef table, boolean ifNotExists, long catalogVersion) implements DdlPlan {
    }

    record DropTable(String name, boolean ifExists, long catalogVersion) implements DdlPlan {
    }

    record CreateIndex(String table, IndexDef index, long catalogVersion) implements DdlPlan {
    }
}
