package io.boreal.sharding;

import java.util.HashSet;
import java.util.Set;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.eventstream.EventStream;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.receptionist.Receptionist;
import akka.actor.typed.receptionist.ServiceKey;
import io.boreal.storage.LocalPartitions;
import io.boreal.storage.Partition;
import io.boreal.transport.kryo.KryoMessage;

/**
 * Which node incarnations are members: each node registers one marker actor, named after its
 * incarnation, with the receptionist (whose registry every member holds, and from which a member
 * that leaves the cluster drops out; unreachable ones stay listed until downed), and watches the listing. When an incarnation that was
 * listed is gone, its node left — killed and downed, or stopped — and every partition running
 * here is told ({@link Partition.CoordinatorGone}), so the transactions it began and left open
 * here stop holding their locks, and so is every session ({@link BorealNode.NodeLeft} on the
 * event stream), whose requests to its partitions are lost.
 *
 * <p>The markers also carry word of partitions moving: a partition that begins to hand off
 * publishes {@link Partition.Moved} on its node's event stream; this actor relays it to every
 * other member's marker, and on every node (its own included) {@link BorealNode.PartitionMoved}
 * tells the sessions, whose requests to it may have been dropped in the move.
 *
 * <p>Thread-safety: an actor.
 */
final class Incarnations extends AbstractBehavior<Incarnations.Command> {

    static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "boreal-incarnations");
    private static final String PREFIX = "incarnation-";

    interface Command {
    }

    private record Listed(Receptionist.Listing listing) implements Command {
    }

    /** A partition of this node began to move away ({@link Partition.Moved}). */
    private record MovingHere(Partition.Moved moved) implements Command {
    }

    /** To a marker: a partition of another node began to move away. */
    record Moved(String partitionId) implements Command, KryoMessage {
    }

    private final LocalPartitions partitions;
    private final ActorRef<Command> ownMarker;
    private final Set<Long> members = new HashSet<>();
    private Set<ActorRef<Command>> markers = Set.of();

    /**
     * Starts watching, and the marker of {@code incarnation} (its name says its number), which
     * also hears of partitions leaving other nodes and tells this node's sessions.
     */
    static Behavior<Command> create(long incarnation, LocalPartitions partitions) {
        return Behaviors.setup(context -> {
            ActorRef<Command> marker = context.spawn(Behaviors.receive(Command.class)
                    .onMessage(Moved.class, m -> {
                        published(context, m.partitionId());
                        return Behaviors.same();
                    }).build(), PREFIX + incarnation);
            context.getSystem().receptionist().tell(Receptionist.register(KEY, marker));
            context.getSystem().receptionist().tell(Receptionist.subscribe(KEY,
                    context.messageAdapter(Receptionist.Listing.class, Listed::new)));
            context.getSystem().eventStream().tell(new EventStream.Subscribe<>(Partition.Moved.class,
                    context.messageAdapter(Partition.Moved.class, MovingHere::new)));
            return new Incarnations(context, partitions, marker);
        });
    }

    private Incarnations(ActorContext<Command> context, LocalPartitions partitions, ActorRef<Command> ownMarker) {
        super(context);
        this.partitions = partitions;
        this.ownMarker = ownMarker;
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Listed.class, this::onListed)
                .onMessage(MovingHere.class, this::onMovingHere)
                .build();
    }

    /** Tells this node's sessions, and every other member's marker, which tells its node's. */
    private Behavior<Command> onMovingHere(MovingHere moving) {
        String id = moving.moved().partitionId();
        published(getContext(), id);
        for (ActorRef<Command> marker : markers) {
            if (!marker.equals(ownMarker)) {
                marker.tell(new Moved(id));
            }
        }
        return this;
    }

    private static void published(ActorContext<?> context, String partitionId) {
        context.getSystem().eventStream().tell(new EventStream.Publish<>(new BorealNode.PartitionMoved(partitionId)));
    }

    private Behavior<Command> onListed(Listed listed) {
        markers = listed.listing().getAllServiceInstances(KEY);
        Set<Long> now = new HashSet<>();
        for (ActorRef<Command> marker : markers) {
            String name = marker.path().name();
            if (name.startsWith(PREFIX)) {
                now.add(Long.parseLong(name.substring(PREFIX.length())));
            }
        }
        for (long gone : members) {
            if (!now.contains(gone)) {
                getContext().getLog().info("Node incarnation {} left the cluster: its open transactions here end",
                        gone);
                partitions.tellAll(new Partition.CoordinatorGone(gone));
                getContext().getSystem().eventStream().tell(new EventStream.Publish<>(new BorealNode.NodeLeft(gone)));
            }
        }
        members.clear();
        members.addAll(now);
        return this;
    }
}
