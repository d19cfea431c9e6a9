package io.boreal.bench.tso;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;


import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import io.boreal.txn.LeaseLink;
import io.boreal.txn.TimestampClient;
import io.boreal.txn.TimestampOracle;

/**
 * The twin: the oracle asked by Akka messages, each client node an ActorSystem of its own that
 * reaches the coordinator's over Artery TCP on loopback (as nodes of a cluster do).
 */
final class AkkaRig extends TsoRig {

    private record Node(ActorSystem<Void> system, ActorRef<TimestampOracle.Command> oracle) {
    }

    private final ActorSystem<Void> coordinator;
    private final List<Node> nodes = new ArrayList<>();

    AkkaRig(int nodeCount) {
        this.coordinator = RigSystems.system("tso-coordinator");
        String oracle = ActorRefResolver.get(coordinator).toSerializationFormat(RigSystems.oracle(coordinator, null));
        for (int i = 0; i < nodeCount; i++) {
            ActorSystem<Void> system = RigSystems.system("tso-node-" + i);
            nodes.add(new Node(system, ActorRefResolver.get(system).resolveActorRef(oracle)));
        }
    }

    @Override
    protected void requestOne(int index) throws Exception {
        Node node = nodes.get(index);
        AskPattern.<TimestampOracle.Command, TimestampOracle.Leased>ask(node.oracle(),
                        replyTo -> new TimestampOracle.Lease(1, replyTo), RigSystems.ASK, node.system().scheduler())
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Override
    protected Batched batchedClients(int nodeCount, int batch) {
        List<TimestampClient> clients = new ArrayList<>();
        for (int i = 0; i < nodeCount; i++) {
            Node node = nodes.get(i);
            clients.add(new TimestampClient(node.system(), LeaseLink.akka(node.system(), node.oracle(), RigSystems.ASK),
                    1, batch));
        }
        return new Batched(clients, () -> clients.stream().mapToLong(TimestampClient::leasesRequested).sum(), () -> { });
    }

    @Override
    public void close() {
        nodes.forEach(node -> RigSystems.terminate(node.system()));
        RigSystems.terminate(coordinator);
    }
}
