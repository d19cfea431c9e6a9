package io.boreal.txn;

import java.util.function.Supplier;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.CompositeAgent;
import org.agrona.concurrent.IdleStrategy;

import io.aeron.Aeron;
import io.boreal.transport.aeron.EmbeddedMediaDriver;
import io.boreal.transport.aeron.TimestampServer;

/**
 * Where an oracle serves ranges over Aeron: the Aeron client of its node's media driver, the
 * channel it listens on ({@code aeron:ipc}, or {@code aeron:udp?endpoint=host:port}, port 0 for a
 * free one), the stream id, how its agent idles, and an agent to run in the same duty cycle (the
 * driver's, when it has no thread of its own; null for none). {@link #open} starts a
 * {@link TimestampServer} on its own agent thread, drawing on the oracle's window.
 */
public record OracleEndpoint(Aeron aeron, String channel, int streamId, Supplier<IdleStrategy> idle, Agent companion) {

    /** With the idle strategy a 2-core node wants: {@link EmbeddedMediaDriver#backoff()}. */
    public OracleEndpoint(Aeron aeron, String channel, int streamId) {
        this(aeron, channel, streamId, EmbeddedMediaDriver::backoff, null);
    }

    public OracleEndpoint(Aeron aeron, String channel, int streamId, Supplier<IdleStrategy> idle) {
        this(aeron, channel, streamId, idle, null);
    }

    /** A started server and the thread that runs it; {@link #close} stops both. */
    record Serving(TimestampServer server, AgentRunner runner) implements AutoCloseable {
        @Override
        public void close() {
            runner.close();
        }
    }

    Serving open(io.boreal.transport.aeron.RangeIssuer issuer, org.agrona.ErrorHandler errors) {
        TimestampServer server = new TimestampServer(aeron, channel, streamId, issuer);
        Agent work = companion == null ? server : new CompositeAgent(server, companion);
        AgentRunner runner = new AgentRunner(idle.get(), errors, null, work);
        AgentRunner.startOnThread(runner);
        return new Serving(server, runner);
    }
}
