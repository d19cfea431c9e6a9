package io.boreal.sharding;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import akka.actor.typed.ActorRef;

/**
 * The catalog's side of its copies: the views of the nodes, and the DDL replies that wait until
 * every view has applied their change.
 *
 * <p>Invariant: a waiting reply is sent once each view that was subscribed when its change was
 * published has acknowledged that version or a later one, or has gone (its node left); views
 * apply snapshots in the order the catalog sends them, so a later acknowledgement covers every
 * earlier change.
 *
 * <p>Thread-safety: the catalog actor's thread only.
 */
final class CatalogReplicas {

    private final ActorRef<Catalog.Command> catalog;
    private final Set<ActorRef<CatalogView.Command>> views = new HashSet<>();
    private final List<Waiting> waiting = new ArrayList<>();

    /** A reply held until {@code remaining} have applied {@code version}. */
    private record Waiting(long version, Set<ActorRef<CatalogView.Command>> remaining, Runnable reply) {
    }

    CatalogReplicas(ActorRef<Catalog.Command> catalog) {
        this.catalog = catalog;
    }

    /** Subscribes {@code view} and sends it {@code current}; false when it was subscribed already. */
    boolean add(ActorRef<CatalogView.Command> view, Catalog.Snapshot current) {
        view.tell(new CatalogView.Changed(current, catalog));
        return views.add(view);
    }

    /** Sends {@code snapshot} to every view; runs {@code reply} (if any) once all have applied it. */
    void publish(Catalog.Snapshot snapshot, Runnable reply) {
        for (ActorRef<CatalogView.Command> view : views) {
            view.tell(new CatalogView.Changed(snapshot, catalog));
        }
        if (reply != null) {
            waiting.add(new Waiting(snapshot.version(), new HashSet<>(views), reply));
            settle();
        }
    }

    void applied(ActorRef<CatalogView.Command> view, long version) {
        for (Waiting w : waiting) {
            if (w.version <= version) {
                w.remaining.remove(view);
            }
        }
        settle();
    }

    /** {@code view}'s node left or stopped: nothing waits for it any more. */
    void gone(ActorRef<CatalogView.Command> view) {
        views.remove(view);
        for (Waiting w : waiting) {
            w.remaining.remove(view);
        }
        settle();
    }

    private void settle() {
        for (Iterator<Waiting> it = waiting.iterator(); it.hasNext(); ) {
            Waiting w = it.next();
            if (w.remaining.isEmpty()) {
                it.remove();
                w.reply.run();
            }
        }
    }
}
