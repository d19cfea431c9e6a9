package io.boreal.transport.aeron;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.UnsafeBuffer;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.exceptions.AeronException;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;

/**
 * The coordinator's end of the {@link TimestampWire} protocol: an Agrona {@link Agent} that polls
 * one subscription for Connects and Requests and answers each Request with a Range taken from
 * its {@link RangeIssuer}, on a publication to the asking node's response channel.
 *
 * <p>Tracked Requests ({@link TimestampWire}) take their ranges with {@link RangeIssuer#tryIssueTracked};
 * a Done is handed to {@link RangeIssuer#done}, and so is a tracked range whose Range could not be
 * sent. Every Range carries the issuer's {@link RangeIssuer#completed}, read after the issue.
 *
 * <p>Order: Requests are served first come, first served. One that the issuer cannot serve now
 * waits in a fixed ring ({@value #MAX_WAITING} places; past that a Request is dropped and its node
 * resends it), and while any waits, newer Requests queue behind it (a resend of one that waits is
 * not queued twice). A Request from a node with no Connect is dropped before anything is issued.
 *
 * <p>Hot path: a Request and its Range allocate nothing (fixed buffers, primitive ring, Agrona's
 * primitive-keyed map); a Connect allocates its channel string and publication.
 *
 * <p>Thread-safety: {@link #doWork} and {@link #onClose} on one thread (an {@code AgentRunner}'s or
 * an {@code AgentInvoker}'s); the counters may be read from any thread.
 */
public final class TimestampServer implements Agent {

    /** The stream id of Requests on the coordinator's channel unless configured otherwise. */
    public static final int DEFAULT_STREAM_ID = 7001;
    static final int MAX_WAITING = 4096;
    private static final int FRAGMENT_LIMIT = 32;
    private static final int OFFER_ATTEMPTS = 3;
    private static final long GONE_AFTER_S = 10;

    private final Aeron aeron;
    private final Subscription requests;
    private final RangeIssuer issuer;
    private final String channel;
    private final Int2ObjectHashMap<Reply> replies = new Int2ObjectHashMap<>();
    private final UnsafeBuffer out = new UnsafeBuffer(new byte[TimestampWire.RANGE_LENGTH]);
    private final FragmentHandler handler = this::onFragment;

    private final int[] waitNode = new int[MAX_WAITING];
    private final long[] waitCorrelation = new long[MAX_WAITING];
    private final int[] waitCount = new int[MAX_WAITING];
    private final int[] waitFlags = new int[MAX_WAITING];
    private int waitHead;
    private int waiting;

    private final AtomicLong served = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();

    /** Where one node's Ranges go. */
    private record Reply(String channel, int streamId, Publication publication, long sinceNs) {
    }

    /**
     * Subscribes to {@code channel}/{@code streamId} at once (a UDP endpoint with port 0 is given
     * a free port: see {@link #channel()}).
     */
    public TimestampServer(Aeron aeron, String channel, int streamId, RangeIssuer issuer) {
        this.aeron = aeron;
        this.issuer = issuer;
        this.requests = aeron.addSubscription(channel, streamId);
        this.channel = Channels.resolved(requests, channel);
    }

    /** The channel nodes send Requests to: the configured one, with the port it was given. */
    public String channel() {
        return channel;
    }

    public int streamId() {
        return requests.streamId();
    }

    /** Ranges sent. */
    public long served() {
        return served.get();
    }

    /** Requests dropped: no Connect from their node, the waiting ring full, or no way to answer. */
    public long dropped() {
        return dropped.get();
    }

    /** Messages of another version or type, or of a wrong length. */
    public long malformed() {
        return malformed.get();
    }

    @Override
    public String roleName() {
        return "boreal-cts-server";
    }

    @Override
    public int doWork() {
        int work = waiting > 0 ? serveWaiting() : 0;
        return work + requests.poll(handler, FRAGMENT_LIMIT);
    }

    @Override
    public void onClose() {
        replies.values().forEach(r -> CloseHelper.quietClose(r.publication()));
        replies.clear();
        CloseHelper.quietClose(requests);
    }

    private void onFragment(DirectBuffer buffer, int offset, int length, Header header) {
        if (length < 4 || TimestampWire.version(buffer, offset) != TimestampWire.VERSION) {
            count(malformed);
            return;
        }
        int type = TimestampWire.type(buffer, offset);
        if (type == TimestampWire.REQUEST && length == TimestampWire.REQUEST_LENGTH) {
            onRequest(TimestampWire.requestNodeId(buffer, offset), TimestampWire.requestCorrelationId(buffer, offset),
                    TimestampWire.requestCount(buffer, offset), TimestampWire.requestFlags(buffer, offset));
        } else if (type == TimestampWire.DONE && length == TimestampWire.DONE_LENGTH) {
            issuer.done(TimestampWire.doneNodeId(buffer, offset), TimestampWire.doneFirst(buffer, offset));
        } else if (type == TimestampWire.CONNECT && length > TimestampWire.CONNECT_HEADER) {
            onConnect(TimestampWire.connectNodeId(buffer, offset), TimestampWire.connectChannel(buffer, offset, length),
                    TimestampWire.connectStreamId(buffer, offset));
        } else {
            count(malformed);
        }
    }

    private void onConnect(int nodeId, String replyChannel, int streamId) {
        if (replyChannel == null) {
            count(malformed);
            return;
        }
        Reply known = replies.get(nodeId);
        if (known != null && known.channel().equals(replyChannel) && known.streamId() == streamId) {
            return; // a Connect sent again with a resent Request
        }
        try {
            forgetGoneNodes();
            Publication publication = aeron.addPublication(replyChannel, streamId);
            Reply previous = replies.put(nodeId, new Reply(replyChannel, streamId, publication, System.nanoTime()));
            if (previous != null) {
                CloseHelper.quietClose(previous.publication());
            }
        } catch (AeronException | IllegalArgumentException | IllegalStateException e) {
            count(malformed); // a channel the driver refuses: the node will not hear from us
        }
    }

    /**
     * Closes the publications to nodes nobody has listened to for a while (a restarted node
     * connects under a new id): checked at each Connect, so the map holds the live nodes and those
     * gone since. One younger than {@value #GONE_AFTER_S} s may still be connecting, and stays.
     */
    private void forgetGoneNodes() {
        long now = System.nanoTime();
        replies.values().removeIf(r -> {
            boolean gone = !r.publication().isConnected() && now - r.sinceNs() > TimeUnit.SECONDS.toNanos(GONE_AFTER_S);
            if (gone) {
                CloseHelper.quietClose(r.publication());
            }
            return gone;
        });
    }

    private void onRequest(int nodeId, long correlationId, int count, int flags) {
        if (count < ((flags & TimestampWire.TRACKED) != 0 ? 0 : 1)) {
            count(malformed);
            return;
        }
        if (!replies.containsKey(nodeId)) {
            count(dropped); // no Connect yet (or forgotten): nothing is issued; the node resends with a Connect
            return;
        }
        if (waiting > 0 && isWaiting(nodeId, correlationId)) {
            return; // a resend of a Request that waits already
        }
        if (waiting == 0) {
            long first = issue(nodeId, count, flags);
            if (first > 0) {
                reply(nodeId, correlationId, first, count, flags);
                return;
            }
        }
        if (waiting == MAX_WAITING) {
            count(dropped);
            return;
        }
        int at = (waitHead + waiting) % MAX_WAITING;
        waitNode[at] = nodeId;
        waitCorrelation[at] = correlationId;
        waitCount[at] = count;
        waitFlags[at] = flags;
        waiting++;
    }

    private boolean isWaiting(int nodeId, long correlationId) {
        for (int i = 0; i < waiting; i++) {
            int at = (waitHead + i) % MAX_WAITING;
            if (waitCorrelation[at] == correlationId && waitNode[at] == nodeId) {
                return true;
            }
        }
        return false;
    }

    private int serveWaiting() {
        int work = 0;
        while (waiting > 0) {
            long first = issue(waitNode[waitHead], waitCount[waitHead], waitFlags[waitHead]);
            if (first == 0) {
                break;
            }
            reply(waitNode[waitHead], waitCorrelation[waitHead], first, waitCount[waitHead], waitFlags[waitHead]);
            waitHead = (waitHead + 1) % MAX_WAITING;
            waiting--;
            work++;
        }
        return work;
    }

    private long issue(int nodeId, int count, int flags) {
        return (flags & TimestampWire.TRACKED) != 0 ? issuer.tryIssueTracked(nodeId, count) : issuer.tryIssue(count);
    }

    /** Sends the Range; a tracked one that cannot go is done at once (its node asks again). */
    private void reply(int nodeId, long correlationId, long first, int count, int flags) {
        boolean tracked = (flags & TimestampWire.TRACKED) != 0;
        if (!send(nodeId, correlationId, first, count) && tracked && count > 0) {
            issuer.done(nodeId, first);
        }
    }

    private boolean send(int nodeId, long correlationId, long first, int count) {
        Reply to = replies.get(nodeId);
        if (to == null) {
            count(dropped); // the timestamps are skipped; the node resends with a Connect
            return false;
        }
        TimestampWire.putRange(out, 0, nodeId, correlationId, first, count, issuer.completed());
        for (int attempt = 0; attempt < OFFER_ATTEMPTS; attempt++) {
            long result = to.publication().offer(out, 0, TimestampWire.RANGE_LENGTH);
            if (result > 0) {
                count(served);
                return true;
            }
            if (result != Publication.BACK_PRESSURED && result != Publication.ADMIN_ACTION) {
                break; // not connected or closed: the node resends
            }
        }
        count(dropped);
        return false;
    }

    /** One writer (this agent's thread), readers anywhere: an ordered store is enough. */
    private static void count(AtomicLong counter) {
        counter.lazySet(counter.get() + 1);
    }
}
