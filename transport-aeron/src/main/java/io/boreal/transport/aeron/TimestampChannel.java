package io.boreal.transport.aeron;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.UnsafeBuffer;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;

/**
 * A node's end of the {@link TimestampWire} protocol: {@link #request} sends a Request from any
 * thread; the agent ({@link #doWork}, on an {@code AgentRunner}'s thread, or on the caller's
 * through an {@code AgentInvoker}) polls the Ranges and hands each to the {@link Listener}, and
 * sends again every Request unanswered after the retry interval, a Connect first.
 *
 * <pre>
 *   request(count) ──> slot[corr &amp; mask] = corr ──Request──> coordinator
 *   doWork: Range(corr) ──> slot still holds corr? clear it, listener.onRange : drop (a late duplicate)
 *           slot older than retry ──> Connect, Request again (same corr)
 * </pre>
 *
 * <p>Invariants: a correlation id is used once; a Range reaches the listener at most once per
 * Request, and only while the Request is outstanding; an outstanding Request keeps its slot until
 * answered (a new one takes the next id whose slot is free). At most {@value #SLOTS} Requests may
 * be outstanding; one more is refused.
 *
 * <p>Hot path: a Request and its Range allocate nothing (per-thread send buffer, primitive
 * slots). {@link #connect} allocates a publication.
 *
 * <p>Thread-safety: {@link #request}, {@link #connect} and the counters from any thread;
 * {@link #doWork} from one thread at a time; the listener runs on the agent's thread.
 */
public final class TimestampChannel implements Agent {

    /** Told of each Range on the agent's thread; must not block. */
    @FunctionalInterface
    public interface Listener {
        /** {@code completed}: the coordinator's snapshot of fully committed timestamps (see {@link TimestampWire}). */
        void onRange(long correlationId, long first, int count, long completed);
    }

    static final int SLOTS = 1024;
    private static final long FREE = 0;
    /** A slot being filled by {@link #request}: not yet outstanding. */
    private static final long CLAIMED = -1;
    private static final int MASK = SLOTS - 1;
    private static final int FRAGMENT_LIMIT = 32;
    private static final int OFFER_ATTEMPTS = 3;
    private static final long FAILED_RETRY_MS = 1;

    private final Aeron aeron;
    private final int nodeId;
    private final Subscription responses;
    private final String responseChannel;
    private final Listener listener;
    private final long retryNs;
    private final FragmentHandler handler = this::onFragment;
    private final ThreadLocal<UnsafeBuffer> sendBuffer =
            ThreadLocal.withInitial(() -> new UnsafeBuffer(new byte[Math.max(TimestampWire.REQUEST_LENGTH,
                    TimestampWire.DONE_LENGTH)]));
    /** The Connect, encoded once: its channel never changes. */
    private final UnsafeBuffer connectBuffer = new UnsafeBuffer(new byte[64 + TimestampWire.MAX_CHANNEL_LENGTH]);
    private final int connectLength;
    private volatile Publication requests;

    /**
     * Starts at a random point of the positive longs, so that two channels that share a response
     * stream (IPC) and, improbably, a node id still never wait on the same correlation id.
     */
    private final AtomicLong nextCorrelation = new AtomicLong(ThreadLocalRandom.current().nextLong(1L << 62));
    /** The outstanding correlation id of each slot: {@link #FREE}, {@link #CLAIMED}, or an id. */
    private final AtomicLongArray slotCorrelation = new AtomicLongArray(SLOTS);
    /** Written before the slot's correlation id is published; read after it is seen. */
    private final int[] slotCount = new int[SLOTS];
    private final int[] slotFlags = new int[SLOTS];
    private final long[] slotSentNs = new long[SLOTS];
    /** Set by {@link #connect}: the agent sends Connect and every outstanding Request. */
    private final AtomicBoolean reconnected = new AtomicBoolean();
    /** Set by a {@link #request} that could not be sent: the agent scans on its next cycle. */
    private volatile boolean scanSoon;
    /** Agent-thread only: a Connect must go before the next Request is resent. */
    private boolean connectDue;
    private long nextScanNs;

    private final AtomicLong ranges = new AtomicLong();
    private final AtomicLong resent = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong donesLost = new AtomicLong();

    /**
     * Subscribes to its response channel at once (a UDP endpoint of port 0 gets a free port).
     *
     * @param retryNs how long a Request may go unanswered before it is sent again
     */
    public TimestampChannel(Aeron aeron, int nodeId, String responseChannel, int responseStreamId, Listener listener,
                            long retryNs) {
        if (retryNs < 1) {
            throw new IllegalArgumentException("retryNs must be positive: " + retryNs);
        }
        this.aeron = aeron;
        this.nodeId = nodeId;
        this.listener = listener;
        this.retryNs = retryNs;
        this.responses = aeron.addSubscription(responseChannel, responseStreamId);
        this.responseChannel = Channels.resolved(responses, responseChannel);
        this.connectLength = TimestampWire.putConnect(connectBuffer, 0, nodeId, this.responseChannel, responseStreamId);
    }

    /**
     * Points Requests at the coordinator on {@code channel}/{@code streamId} (again after it moved):
     * the old publication is closed, a Connect sent, and every outstanding Request sent again.
     */
    public synchronized void connect(String channel, int streamId) {
        Publication old = requests;
        requests = aeron.addPublication(channel, streamId);
        CloseHelper.quietClose(old);
        // The agent sends Connect, then what is outstanding, once the publication is connected; a
        // Request that overtakes the Connect meanwhile is dropped by the coordinator and resent.
        reconnected.set(true);
    }

    /** The channel the coordinator answers on (with the port it was given). */
    public String responseChannel() {
        return responseChannel;
    }

    /** Sends a Request for {@code count} timestamps; returns its correlation id. */
    public long request(int count) {
        return request(count, false);
    }

    /**
     * Sends a Request for {@code count} timestamps, tracked (until {@link #done}) or not; a tracked
     * one may ask for none, for the snapshot alone. Returns its correlation id.
     */
    public long request(int count, boolean tracked) {
        if (count < (tracked ? 0 : 1)) {
            throw new IllegalArgumentException("count must be at least " + (tracked ? 0 : 1) + ": " + count);
        }
        int flags = tracked ? TimestampWire.TRACKED : 0;
        long correlationId;
        int slot;
        int tries = 0;
        do { // skip the ids whose slot is taken: an outstanding Request is never displaced
            if (++tries > SLOTS) {
                throw new IllegalStateException("more than " + SLOTS + " timestamp requests outstanding");
            }
            correlationId = nextCorrelation.incrementAndGet();
            slot = (int) (correlationId & MASK);
        } while (!slotCorrelation.compareAndSet(slot, FREE, CLAIMED));
        slotCount[slot] = count;
        slotFlags[slot] = flags;
        slotSentNs[slot] = System.nanoTime();
        slotCorrelation.setRelease(slot, correlationId); // publishes count and time with it
        if (!send(sendBuffer.get(), correlationId, count, flags)) {
            slotSentNs[slot] = System.nanoTime() - retryNs; // due at once
            scanSoon = true;
        }
        return correlationId;
    }

    /**
     * Tells the coordinator that the tracked range starting at {@code first} is used (from any
     * thread). Not resent: one lost (no publication, back pressure) is counted, and the
     * coordinator gives up waiting for it after its expiry.
     */
    public void done(long first) {
        UnsafeBuffer buffer = sendBuffer.get();
        TimestampWire.putDone(buffer, 0, nodeId, first);
        if (!offer(buffer, TimestampWire.DONE_LENGTH)) {
            donesLost.incrementAndGet();
        }
    }

    /** Done messages that could not be sent. */
    public long donesLost() {
        return donesLost.get();
    }

    /** Ranges handed to the listener. */
    public long ranges() {
        return ranges.get();
    }

    /** Requests sent again (unanswered, or not sendable when made). */
    public long resent() {
        return resent.get();
    }

    /** Ranges dropped: their Request was answered already, or replaced. */
    public long duplicates() {
        return duplicates.get();
    }

    @Override
    public String roleName() {
        return "boreal-cts-client";
    }

    @Override
    public int doWork() {
        int work = responses.poll(handler, FRAGMENT_LIMIT);
        long now = System.nanoTime();
        if (now - nextScanNs >= 0 || scanSoon || reconnected.get()) {
            scanSoon = false;
            work += resendDue(now);
        }
        return work;
    }

    @Override
    public void onClose() {
        CloseHelper.quietClose(requests);
        CloseHelper.quietClose(responses);
    }

    private void onFragment(DirectBuffer buffer, int offset, int length, Header header) {
        if (length != TimestampWire.RANGE_LENGTH || TimestampWire.version(buffer, offset) != TimestampWire.VERSION
                || TimestampWire.type(buffer, offset) != TimestampWire.RANGE
                || TimestampWire.rangeNodeId(buffer, offset) != nodeId) {
            return;
        }
        long correlationId = TimestampWire.rangeCorrelationId(buffer, offset);
        int slot = (int) (correlationId & MASK);
        if (correlationId > FREE && slotCorrelation.compareAndSet(slot, correlationId, FREE)) {
            ranges.lazySet(ranges.get() + 1);
            listener.onRange(correlationId, TimestampWire.rangeFirst(buffer, offset), TimestampWire.rangeCount(buffer, offset),
                    TimestampWire.rangeCompleted(buffer, offset));
        } else {
            duplicates.lazySet(duplicates.get() + 1);
            if (correlationId > FREE && TimestampWire.rangeCount(buffer, offset) > 0) {
                // The answer to a resend of a Request answered already: nobody will use its
                // timestamps. Say so, or a tracked range would hold every snapshot back until the
                // coordinator expires it (a Done for an untracked range is ignored there).
                done(TimestampWire.rangeFirst(buffer, offset));
            }
        }
    }

    /**
     * After {@link #connect}: Connect, then every outstanding Request. Otherwise, if any Request is
     * overdue: Connect (the coordinator may have restarted and forgotten this node), then those
     * Requests. Returns how many went; what could not go (no publication, not connected yet) is
     * tried again in {@value #FAILED_RETRY_MS} ms, so an unreachable coordinator costs a scan per
     * millisecond, not a busy core.
     */
    private int resendDue(long now) {
        boolean all = reconnected.getAndSet(false);
        connectDue |= all;
        boolean failed = false;
        boolean connectTried = false;
        int sent = 0;
        UnsafeBuffer buffer = sendBuffer.get();
        for (int slot = 0; slot < SLOTS && !failed; slot++) {
            long correlationId = slotCorrelation.getAcquire(slot);
            if (correlationId <= FREE || (!all && now - slotSentNs[slot] < retryNs)) {
                continue;
            }
            if (!connectTried) {
                connectTried = true;
                connectDue = true;
                if (!sendConnectIfDue()) {
                    failed = true; // this slot and the rest stay due
                    continue;
                }
            }
            if (send(buffer, correlationId, slotCount[slot], slotFlags[slot])) {
                slotSentNs[slot] = now;
                sent++;
                resent.lazySet(resent.get() + 1);
            } else {
                failed = true;
            }
        }
        if (!failed && connectDue) {
            failed = !sendConnectIfDue(); // after connect() with nothing outstanding yet
        }
        if (failed && all) {
            reconnected.set(true); // the Requests made before connect() are not overdue by age: keep them due
        }
        nextScanNs = now + (failed ? TimeUnit.MILLISECONDS.toNanos(FAILED_RETRY_MS) : retryNs / 2);
        return sent;
    }

    private boolean sendConnectIfDue() {
        if (connectDue && offer(connectBuffer, connectLength)) {
            connectDue = false;
        }
        return !connectDue;
    }

    private boolean send(UnsafeBuffer buffer, long correlationId, int count, int flags) {
        TimestampWire.putRequest(buffer, 0, nodeId, correlationId, count, flags);
        return offer(buffer, TimestampWire.REQUEST_LENGTH);
    }

    /** Offers once more past a term rotation (ADMIN_ACTION) or brief back pressure; false if it could not go. */
    private boolean offer(UnsafeBuffer buffer, int length) {
        Publication to = requests;
        if (to == null) {
            return false;
        }
        for (int attempt = 0; attempt < OFFER_ATTEMPTS; attempt++) {
            long result = to.offer(buffer, 0, length);
            if (result > 0) {
                return true;
            }
            if (result != Publication.ADMIN_ACTION && result != Publication.BACK_PRESSURED) {
                return false;
            }
        }
        return false;
    }
}
