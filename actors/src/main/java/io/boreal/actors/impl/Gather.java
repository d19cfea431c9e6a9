package io.boreal.actors.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.function.Predicate;

import io.boreal.storage.EngineException;
import io.boreal.storage.Partition;

/**
 * The requests one step of a statement sent to partitions, and their replies, kept in request
 * order: request i carries tag {@code firstTag + i}, so a reply finds its place by its tag and
 * a reply with another tag (a late one, for a step given up on) is not this gather's.
 *
 * <p>Invariant: {@code remaining} counts the null places; the gather is complete at zero, and
 * {@code then} runs once, by whoever completes it. Used by one session at a time.
 */
final class Gather {

    final long firstTag;
    final Consumer<Partition.Reply[]> then;
    /** Its replies come to a blocked thread (no timer runs: the wait's deadline times it out). */
    final boolean blocking;
    private final List<Session.Request> requests;
    private final Partition.Reply[] replies;
    private int remaining;
    /** When its requests went. */
    final long sentAtNs = System.nanoTime();

    /**
     * What to send again (by tag) to a partition that moved before answering, or null: such a
     * request is given up instead (see {@link Session#send}).
     */
    final LongFunction<Partition.Command> resendIfMoved;

    Gather(long firstTag, List<Session.Request> requests, Consumer<Partition.Reply[]> then, boolean blocking,
           LongFunction<Partition.Command> resendIfMoved) {
        this.firstTag = firstTag;
        this.resendIfMoved = resendIfMoved;
        this.requests = requests;
        this.then = then;
        this.blocking = blocking;
        this.replies = new Partition.Reply[requests.size()];
        this.remaining = requests.size();
    }

    /** Whether {@code tag} is that of this gather's only request. */
    boolean isSoleRequest(long tag) {
        return replies.length == 1 && tag == firstTag;
    }

    /** Whether {@code reply} answers one of this gather's requests not answered yet. */
    boolean awaits(Partition.Reply reply) {
        long index = reply.tag() - firstTag;
        return index >= 0 && index < replies.length && replies[(int) index] == null;
    }

    /** Places a reply this gather {@link #awaits}; true when it was the last one. */
    boolean place(Partition.Reply reply) {
        replies[(int) (reply.tag() - firstTag)] = reply;
        return --remaining == 0;
    }

    /** The partitions that have not answered. */
    List<PartitionRef> unanswered() {
        List<PartitionRef> silent = new ArrayList<>();
        for (int i = 0; i < replies.length; i++) {
            if (replies[i] == null) {
                silent.add(requests.get(i).to());
            }
        }
        return silent;
    }

    /** Sends {@link #resendIfMoved} again for each request not answered yet to a partition {@code to} accepts. */
    void resendToUnanswered(Predicate<String> to) {
        for (int i = 0; i < replies.length; i++) {
            if (replies[i] == null && to.test(requests.get(i).to().id())) {
                requests.get(i).to().tell(resendIfMoved.apply(firstTag + i));
            }
        }
    }

    /** Gives up on the partitions that have not answered: each gets {@code error} as its reply. */
    void failUnanswered(EngineException error) {
        for (int i = 0; i < replies.length; i++) {
            if (replies[i] == null) {
                replies[i] = new Partition.Failed(firstTag + i, error);
            }
        }
        remaining = 0;
    }

    /** Runs the continuation with every reply, in request order. */
    void complete() {
        then.accept(replies);
    }
}
