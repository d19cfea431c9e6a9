package io.boreal.sharding;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.boreal.transport.kryo.KryoMessage;

/**
 * A node's copy of the cluster's {@link Catalog}: subscribes to the catalog singleton, publishes
 * every snapshot it receives to the node (sessions and partitions read it without a message)
 * and acknowledges it. When the singleton it heard from stops (its node left, or it moves), the
 * view subscribes again through the proxy, and the new singleton sends it the current snapshot.
 *
 * <p>Invariant: the node sees snapshots in the order the catalog made them (one sender, one
 * receiver), and acknowledges a version only after publishing it.
 */
public final class CatalogView extends AbstractBehavior<CatalogView.Command> {

    public interface Command {
    }

    /** The catalog's snapshot now; {@code from} is the catalog that sent it (watched). */
    public record Changed(Catalog.Snapshot snapshot, ActorRef<Catalog.Command> from) implements Command, KryoMessage {
    }

    private record CatalogStopped(ActorRef<Catalog.Command> catalog) implements Command {
    }

    private final ActorRef<Catalog.Command> proxy;
    private final Consumer<Catalog.Snapshot> publish;
    private final CompletableFuture<Catalog.Snapshot> first;
    /** The catalog the latest snapshot came from, watched; null while subscribing again. */
    private ActorRef<Catalog.Command> heardFrom;

    /**
     * @param proxy   the catalog singleton's proxy
     * @param publish receives every snapshot, on this actor's thread
     * @param first   completed with the first snapshot
     */
    public static Behavior<Command> create(ActorRef<Catalog.Command> proxy, Consumer<Catalog.Snapshot> publish,
                                           CompletableFuture<Catalog.Snapshot> first) {
        return Behaviors.setup(context -> new CatalogView(context, proxy, publish, first));
    }

    private CatalogView(ActorContext<Command> context, ActorRef<Catalog.Command> proxy,
                        Consumer<Catalog.Snapshot> publish, CompletableFuture<Catalog.Snapshot> first) {
        super(context);
        this.proxy = proxy;
        this.publish = publish;
        this.first = first;
        proxy.tell(new Catalog.Subscribe(context.getSelf()));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Changed.class, this::onChanged)
                .onMessage(CatalogStopped.class, this::onCatalogStopped)
                .build();
    }

    private Behavior<Command> onChanged(Changed changed) {
        publish.accept(changed.snapshot());
        first.complete(changed.snapshot());
        if (!changed.from().equals(heardFrom)) {
            heardFrom = changed.from();
            getContext().watchWith(heardFrom, new CatalogStopped(heardFrom));
        }
        changed.from().tell(new Catalog.Applied(changed.snapshot().version(), getContext().getSelf()));
        return this;
    }

    private Behavior<Command> onCatalogStopped(CatalogStopped stopped) {
        if (stopped.catalog().equals(heardFrom)) {
            heardFrom = null;
            proxy.tell(new Catalog.Subscribe(getContext().getSelf()));
        }
        return this;
    }
}
