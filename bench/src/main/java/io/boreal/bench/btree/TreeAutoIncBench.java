package io.boreal.bench.btree;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;

import com.typesafe.config.ConfigFactory;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import io.boreal.storage.Key;
import io.boreal.storage.btree.BTree;
import io.boreal.storage.btree.Decision;
import io.boreal.storage.btree.IndexTree;
import io.boreal.storage.btree.TreeMode;
import io.boreal.storage.btree.TreeStats;

/**
 * AUTO_INC inserts straight into one index tree of page actors: {@code sessions} actors each
 * insert the next value of a shared counter and, on the reply, the next one. Both modes (and the
 * serial twin capped at 8 sessions, the {@code innodb_thread_concurrency = 8} remedy) run in one
 * process, one after the other. A micro-benchmark of the tree alone: the SQL-level
 * {@code ./boreal bench autoinc} adds sessions, partitions and the redo log around it.
 *
 * <p>Usage: {@code TreeAutoIncBench [seconds] [sessions...]}
 */
public final class TreeAutoIncBench {

    private TreeAutoIncBench() {
    }

    record Result(TreeMode mode, boolean hinted, int sessions, double insertsPerSecond, double p99Ms, TreeStats stats) {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int[] sessions = args.length > 1 ? java.util.Arrays.stream(args).skip(1).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, 16, 64, 256, 1024};
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "tree-bench", ConfigFactory.load());
        try {
            System.out.printf("%-11s %8s %12s %9s %8s %8s %8s%n", "mode", "sessions", "inserts/s", "p99 ms",
                    "hops/op", "splits", "restarts");
            for (int n : sessions) {
                Result blink = run(system, TreeMode.BLINK, false, n, seconds);
                Result hinted = run(system, TreeMode.BLINK, true, n, seconds);
                Result serial = run(system, TreeMode.SERIAL_SMO, false, n, seconds);
                Result capped = run(system, TreeMode.SERIAL_SMO, false, Math.min(n, 8), seconds);
                print(blink, n);
                print(hinted, n);
                print(serial, n);
                print(capped, n);
                System.out.printf("  ratio blink/serial %.2f, blink/capped %.2f, blink+hint/serial %.2f, "
                                + "blink+hint/capped %.2f%n",
                        blink.insertsPerSecond() / serial.insertsPerSecond(),
                        blink.insertsPerSecond() / capped.insertsPerSecond(),
                        hinted.insertsPerSecond() / serial.insertsPerSecond(),
                        hinted.insertsPerSecond() / capped.insertsPerSecond());
            }
        } finally {
            system.terminate();
        }
    }

    private static void print(Result r, int requested) {
        String mode = r.sessions() < requested ? r.mode() + "/8" : r.mode() + (r.hinted() ? "+hint" : "");
        System.out.printf("%-11s %8d %12.0f %9.2f %8.2f %8d %8d%n", mode, requested, r.insertsPerSecond(), r.p99Ms(),
                r.stats().hopsPerOperation(), r.stats().leafSplits() + r.stats().innerSplits(), r.stats().restarts());
    }

    static Result run(ActorSystem<Void> system, TreeMode mode, boolean hinted, int sessions, int seconds)
            throws Exception {
        CompletableFuture<Result> done = new CompletableFuture<>();
        system.systemActorOf(driver(mode, hinted, sessions, Duration.ofSeconds(seconds), done),
                "autoinc-" + mode + "-" + sessions + "-" + System.nanoTime(), akka.actor.typed.Props.empty());
        return done.get(seconds + 60L, TimeUnit.SECONDS);
    }

    /** The coordinator learns that a session has finished, with its count and latencies. */
    private record SessionDone(long inserts, Histogram latencyUs) {
    }

    private static Behavior<Object> driver(TreeMode mode, boolean hinted, int sessions, Duration time,
                                           CompletableFuture<Result> done) {
        return Behaviors.setup(context -> {
            IndexTree tree = IndexTree.create(context, "t", mode, 128);
            AtomicLong ids = new AtomicLong();
            long startNs = System.nanoTime();
            long endNs = startNs + time.toNanos();
            // With a hint, inserts enter at the leaf that took the latest one (B-link moves them
            // right as needed); without, at the root, as InnoDB's B+tree must.
            java.util.concurrent.atomic.AtomicReference<BTree.Operated> hint =
                    hinted ? new java.util.concurrent.atomic.AtomicReference<>() : null;
            for (int s = 0; s < sessions; s++) {
                context.spawnAnonymous(session(tree, hint, ids, endNs, context.getSelf().narrow()));
            }
            Histogram latency = new Histogram(3);
            long[] total = {0};
            int[] running = {sessions};
            return Behaviors.receiveMessage(message -> {
                SessionDone finished = (SessionDone) message;
                total[0] += finished.inserts();
                latency.add(finished.latencyUs());
                if (--running[0] == 0) {
                    double secs = (System.nanoTime() - startNs) / 1e9;
                    done.complete(new Result(mode, hinted, sessions, total[0] / secs,
                            latency.getValueAtPercentile(99) / 1000.0, tree.stats()));
                    return Behaviors.stopped();
                }
                return Behaviors.same();
            });
        });
    }

    /** One session: inserts the next id, waits for the reply, repeats until the end time. */
    private static Behavior<BTree.Operated> session(IndexTree tree,
                                                    java.util.concurrent.atomic.AtomicReference<BTree.Operated> hint,
                                                    AtomicLong ids, long endNs, ActorRef<SessionDone> coordinator) {
        return Behaviors.setup(context -> {
            Histogram latency = new Histogram(3);
            long[] sentAt = {System.nanoTime()};
            long[] inserts = {0};
            insert(tree, hint, ids, context.getSelf());
            return Behaviors.receiveMessage(reply -> {
                if (hint != null) {
                    // Only ever move the hint right: replies come back out of order.
                    hint.accumulateAndGet(reply, (old, now) -> old == null || now.key().compareTo(old.key()) > 0 ? now : old);
                }
                long now = System.nanoTime();
                latency.recordValue(Math.max(1, (now - sentAt[0]) / 1000));
                inserts[0]++;
                if (now >= endNs) {
                    coordinator.tell(new SessionDone(inserts[0], latency));
                    return Behaviors.stopped();
                }
                sentAt[0] = now;
                insert(tree, hint, ids, context.getSelf());
                return Behaviors.same();
            });
        });
    }

    private static void insert(IndexTree tree, java.util.concurrent.atomic.AtomicReference<BTree.Operated> hint,
                               AtomicLong ids, ActorRef<BTree.Operated> replyTo) {
        BTree.Operate operate = new BTree.Operate(Key.of(ids.incrementAndGet()), Decision.insert(Boolean.TRUE), replyTo);
        BTree.Operated latest = hint == null ? null : hint.get();
        ActorRef<BTree.Command> leaf = latest == null ? null : latest.leaf();
        if (leaf != null) {
            leaf.tell(operate);
        } else {
            tree.tell(operate);
        }
    }
}
