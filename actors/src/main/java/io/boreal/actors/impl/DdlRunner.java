package io.boreal.actors.impl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import io.boreal.sharding.PlainAsk;
import io.boreal.actors.StatementResult;
import io.boreal.actors.impl.plan.DdlPlan;
import io.boreal.sharding.Catalog;
import io.boreal.storage.LocalPartitions;
import io.boreal.storage.Partition;
import io.boreal.storage.schema.TableDef;

/**
 * Schema changes: through the catalog (durable before acknowledged), and for CREATE INDEX then
 * through every partition of the table, which fills the new index from its rows.
 * DDL is not transactional: it takes effect at once, whatever transaction is open.
 */
final class DdlRunner {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Session session;
    private final Engine engine;

    DdlRunner(Session session, Engine engine) {
        this.session = session;
        this.engine = engine;
    }

    void run(DdlPlan plan, BiConsumer<StatementResult, Throwable> done) {
        var catalog = engine.node().catalogActor();
        var scheduler = engine.node().system().scheduler();
        StatementResult ok = StatementResult.UpdateCount.of(0);
        if (plan instanceof DdlPlan.CreateTable create) {
            session.await(Execution.WaitPath.OTHER, PlainAsk.<Catalog.Command, TableDef>withStatus(catalog,
                            replyTo -> new Catalog.CreateTable(create.table(), create.ifNotExists(), replyTo), TIMEOUT, scheduler),
                    (table, error) -> done.accept(error == null ? ok : null, error));
        } else if (plan instanceof DdlPlan.DropTable drop) {
            session.await(Execution.WaitPath.OTHER, PlainAsk.<Catalog.Command, TableDef>withStatus(catalog,
                            replyTo -> new Catalog.DropTable(drop.name(), drop.ifExists(), replyTo), TIMEOUT, scheduler),
                    (table, error) -> {
                        if (table != null) {
                            stopPartitions(table);
                        }
                        done.accept(error == null ? ok : null, error);
                    });
        } else if (plan instanceof DdlPlan.CreateIndex create) {
            session.await(Execution.WaitPath.OTHER, PlainAsk.<Catalog.Command, TableDef>withStatus(catalog,
                            replyTo -> new Catalog.AddIndex(create.table(), create.index(), replyTo), TIMEOUT, scheduler),
                    (table, error) -> {
                        if (error != null) {
                            done.accept(null, error);
                        } else {
                            fillIndex(table, done);
                        }
                    });
        }
    }

    /**
     * A dropped table's running partitions stop and free their rows; one not running stays so
     * (sending it Drop through sharding would start it just to stop). The catalog no longer
     * routes to any of them, and the engine forgets its references.
     */
    private void stopPartitions(TableDef table) {
        for (int p = 0; p < table.partitioning().count(); p++) {
            String id = table.partitionId(p);
            LocalPartitions.Running running = engine.node().localPartitions().find(id);
            if (running != null) {
                running.partition().tell(Partition.Drop.INSTANCE);
            }
            engine.forgetPartition(id);
        }
    }

    private void fillIndex(TableDef table, BiConsumer<StatementResult, Throwable> done) {
        List<Session.Request> requests = new ArrayList<>();
        for (int p = 0; p < table.partitioning().count(); p++) {
            requests.add(new Session.Request(engine.partition(table, p),
                    tag -> new Partition.AddIndex(tag, table, session.replies())));
        }
        session.send(session.blocks(Execution.WaitPath.OTHER), requests, replies -> {
            for (Partition.Reply reply : replies) {
                if (reply instanceof Partition.Failed f) {
                    done.accept(null, f.error());
                    return;
                }
            }
            done.accept(StatementResult.UpdateCount.of(0), null);
        });
    }
}
