package io.cohort.server.pptp;

import static io.cohort.server.pptp.PptpStateKeys.CALL_INITIAL;
import static io.cohort.server.pptp.PptpStateKeys.CONNECTION_ESSENTIAL;
import static io.cohort.server.pptp.PptpStateKeys.CONNECTION_INITIAL;
import static io.cohort.server.pptp.PptpStateKeys.GRE_ESSENTIAL;
import static io.cohort.server.pptp.PptpStateKeys.GRE_INITIAL;
import static io.cohort.server.pptp.PptpStateKeys.PPP_ESSENTIAL;
import static io.cohort.server.pptp.PptpStateKeys.PPP_INITIAL;
import static io.cohort.server.pptp.PptpStateKeys.TCP_ESSENTIAL;
import static io.cohort.server.pptp.PptpStateKeys.TCP_INITIAL;

import io.cohort.cluster.unit.WorkUnit;
import io.cohort.dataplane.tcprepair.TcpConnectionState;
import io.cohort.dataplane.tcprepair.TcpConnectionStateCodec;
import io.cohort.ppp.PppLinkEssentialState;
import io.cohort.ppp.PppLinkInitialState;
import io.cohort.ppp.statecodec.PppLinkStateCodec;
import io.cohort.pptp.control.ControlConnectionEssentialState;
import io.cohort.pptp.control.ControlConnectionInitialState;
import io.cohort.pptp.control.PptpCall;
import io.cohort.pptp.gre.GreChannelEssentialState;
import io.cohort.pptp.gre.GreChannelInitialState;
import io.cohort.pptp.state.PptpStateCodec;
import io.cohort.replication.StateKey;
import io.cohort.replication.UnitStatePublisher;
import io.cohort.telemetry.Counter;
import io.cohort.telemetry.Counters;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What this member publishes of its PPTP connections and calls (patent, figure 7; DESIGN.md
 * "State"): each record encoded by its module's codec and put under its {@link PptpStateKeys}
 * key in the work unit of the connection. A record is put only when its encoding differs from
 * the last one put under that key, so initial state goes out once and essential state on each
 * change, however often the wiring offers it; removals forget the key. Engine thread only.
 *
 * <p>Counters: {@code pptp.replication.puts}, {@code pptp.replication.put_bytes},
 * {@code pptp.replication.removes}, {@code pptp.replication.tcp.too_large} (a TCP state whose
 * queues have no encoding: a peer that floods or does not read; the last state that fitted stays).
 */
final class PptpStatePublication {
    private final UnitStatePublisher publisher;
    /** The encoding last put under each key, to put only changes. */
    private final Map<StateKey, byte[]> published = new HashMap<>();
    private final Counter puts;
    private final Counter putBytes;
    private final Counter removes;
    private final Counter tcpTooLarge;

    PptpStatePublication(UnitStatePublisher publisher, Counters counters) {
        this.publisher = Objects.requireNonNull(publisher);
        this.puts = counters.counter("pptp.replication.puts");
        this.putBytes = counters.counter("pptp.replication.put_bytes");
        this.removes = counters.counter("pptp.replication.removes");
        this.tcpTooLarge = counters.counter("pptp.replication.tcp.too_large");
    }

    /** The control connection as it stands: its initial state once, its essential state if it changed. */
    void connection(WorkUnit unit, long connection, ControlConnectionInitialState initial,
                    ControlConnectionEssentialState essential) {
        put(unit, PptpStateKeys.connectionKey(CONNECTION_INITIAL, connection), PptpStateCodec.encode(initial));
        put(unit, PptpStateKeys.connectionKey(CONNECTION_ESSENTIAL, connection), PptpStateCodec.encode(essential));
    }

    /** The TCP connection under it as just captured. */
    void tcp(WorkUnit unit, long connection, TcpConnectionState state) {
        if (!TcpConnectionStateCodec.fits(state.essential())) {
            tcpTooLarge.increment();
            return;
        }
        put(unit, PptpStateKeys.connectionKey(TCP_INITIAL, connection), TcpConnectionStateCodec.encode(state.initial()));
        put(unit, PptpStateKeys.connectionKey(TCP_ESSENTIAL, connection),
                TcpConnectionStateCodec.encode(state.essential()));
    }

    /** A call set up: its initial state and its GRE channel's. */
    void call(WorkUnit unit, long connection, PptpCall call, GreChannelInitialState gre) {
        put(unit, PptpStateKeys.callKey(CALL_INITIAL, connection, call.callId()), PptpStateCodec.encode(call));
        put(unit, PptpStateKeys.callKey(GRE_INITIAL, connection, call.callId()), PptpStateCodec.encode(gre));
    }

    /** The call's PPP link is up (network phase, MPPE in force): what it negotiated. */
    void pppUp(WorkUnit unit, long connection, int callId, PppLinkInitialState ppp) {
        put(unit, PptpStateKeys.callKey(PPP_INITIAL, connection, callId), PppLinkStateCodec.encode(ppp));
    }

    /** Whether the PPP link of the call has been published as up. */
    boolean pppPublished(long connection, int callId) {
        return published.containsKey(PptpStateKeys.callKey(PPP_INITIAL, connection, callId));
    }

    /**
     * The per-packet counters of a call (GRE sequence numbers and estimates, MPPE coherency counts
     * and keys): replicated lazily, put only if they moved since the last put. Returns whether
     * anything was put.
     */
    boolean counters(WorkUnit unit, long connection, int callId, GreChannelEssentialState gre,
                     PppLinkEssentialState ppp) {
        boolean moved = put(unit, PptpStateKeys.callKey(GRE_ESSENTIAL, connection, callId), PptpStateCodec.encode(gre));
        return put(unit, PptpStateKeys.callKey(PPP_ESSENTIAL, connection, callId), PppLinkStateCodec.encode(ppp))
                || moved;
    }

    /** The call is gone: its keys are removed. */
    void callGone(WorkUnit unit, long connection, int callId) {
        for (int space = CALL_INITIAL; space <= PPP_ESSENTIAL; space++) {
            remove(unit, PptpStateKeys.callKey(space, connection, callId));
        }
    }

    /** The connection is gone: its keys are removed (its calls' are removed as each goes). */
    void connectionGone(WorkUnit unit, long connection) {
        for (int space = CONNECTION_INITIAL; space <= TCP_ESSENTIAL; space++) {
            remove(unit, PptpStateKeys.connectionKey(space, connection));
        }
    }

    /**
     * The connection and its calls are another member's now: forgets what was put for them
     * without removing anything (the keys are the new owner's to publish).
     */
    void handedOver(long connection) {
        published.keySet().removeIf(k -> PptpStateKeys.isCallSpace(k.space())
                ? PptpStateKeys.connectionOfCall(k.id()) == connection : k.id() == connection);
    }

    /** Keys put and not removed nor handed over (for tests and status). */
    int keys() {
        return published.size();
    }

    private boolean put(WorkUnit unit, StateKey key, byte[] state) {
        byte[] previous = published.get(key);
        if (previous != null && Arrays.equals(previous, state)) {
            return false;
        }
        published.put(key, state);
        puts.increment();
        putBytes.add(state.length);
        publisher.put(unit, key, state.clone());
        return true;
    }

    private void remove(WorkUnit unit, StateKey key) {
        if (published.remove(key) != null) {
            removes.increment();
            publisher.remove(unit, key);
        }
    }
}
