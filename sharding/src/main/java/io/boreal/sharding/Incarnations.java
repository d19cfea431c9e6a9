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

/**
 * Which node incarnations are members: each node registers one marker actor, named after its
 * incarnation, with the receptionist (whose registry every member holds, and from which a member
 * that leaves the cluster drops out; unreachable ones stay listed until downed), and watches the listing. When an incarnation that was
 * listed is gone, its node left — killed and downed, or stopped — and every partition running
 * here is told ({@link Partition.CoordinatorGone}), so the transactions it began and left open
 * here stop holding their locks, and so is every session ({@link BorealNode.NodeLeft} on the
 * event stream), whose requests to its partitions are lost.
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

    private final LocalPartitions partitions;
    private final Set<Long> members = new HashSet<>();

    /** Starts watching, and the marker of {@code incarnation} (its name says its number). */
    static Behavior<Command> create(long incarnation, LocalPartitions partitions) {
        return Behaviors.setup(context -> {
            ActorRef<Command> marker = context.spawn(Behaviors.empty(), PREFIX + incarnation);
            context.getSystem().receptionist().tell(Receptionist.register(KEY, marker));
            context.getSystem().receptionist().tell(Receptionist.subscribe(KEY,
                    context.messageAdapter(Receptionist.Listing.class, Listed::new)));
            return new Incarnations(context, partitions);
        });
    }

    private Incarnations(ActorContext<Command> context, LocalPartitions partitions) {
        super(context);
        this.partitions = partitions;
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder().onMessage(Listed.class, this::onListed).build();
    }

    private Behavior<Command> onListed(Listed listed) {
        Set<Long> now = new HashSet<>();
        for (ActorRef<Command> marker : listed.listing().getAllServiceInstances(KEY)) {
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
