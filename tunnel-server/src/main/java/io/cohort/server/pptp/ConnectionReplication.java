package io.cohort.server.pptp;

import io.cohort.cluster.unit.WorkUnit;
import io.cohort.dataplane.tcprepair.TcpConnectionState;
import io.cohort.ppp.Phase;
import io.cohort.pptp.control.ControlConnection;
import io.cohort.pptp.control.ControlConnectionEssentialState;
import io.cohort.pptp.control.ControlConnectionInitialState;
import java.util.Objects;
import java.util.Optional;

/**
 * When one control connection's state is published, in its work unit (patent, figure 7): after
 * each control message exchange (a chunk received and answered, or a message we sent on our
 * own, e.g. an Echo-Request), the control connection's records and the TCP connection captured
 * under them; a call's initial state when it is set up and its PPP link's when the link is up;
 * the per-packet counters of the calls lazily, by {@link #sweep}; removals when a call or the
 * connection ends. Once {@linkplain #handOver handed over} it publishes and removes nothing more:
 * the keys are the new owner's. Engine thread only.
 *
 * <p>The TCP state is captured only at a message boundary: the framer's partial message is not
 * carried (the replicated stream offset must be the one after the last whole message), so while
 * part of a message waits for the rest, the capture waits for the exchange that completes it.
 */
final class ConnectionReplication {
    /** The TCP connection's state now, or empty if it cannot be had. */
    @FunctionalInterface
    interface TcpStateSource {
        Optional<TcpConnectionState> capture();
    }

    private final WorkUnit unit;
    private final long id;
    private final PptpStatePublication publication;
    private final TcpStateSource tcp;
    private boolean handedOver;

    ConnectionReplication(WorkUnit unit, long id, PptpStatePublication publication, TcpStateSource tcp) {
        this.unit = Objects.requireNonNull(unit);
        this.id = id;
        this.publication = Objects.requireNonNull(publication);
        this.tcp = Objects.requireNonNull(tcp);
    }

    WorkUnit unit() {
        return unit;
    }

    long id() {
        return id;
    }

    boolean handedOver() {
        return handedOver;
    }

    /** A control message exchange ended: publish what changed of the connection and its TCP connection. */
    void exchanged(ControlConnection control) {
        if (handedOver) {
            return;
        }
        Optional<ControlConnectionInitialState> initial = control.initialState();
        Optional<ControlConnectionEssentialState> essential = control.essentialState();
        if (initial.isEmpty() || essential.isEmpty()) {
            return; // not established yet, or closed: nothing a new owner could carry on
        }
        publication.connection(unit, id, initial.get(), essential.get());
        if (control.bufferedOctets() == 0) {
            tcp.capture().ifPresent(state -> publication.tcp(unit, id, state));
        }
    }

    /** The call was set up (its GRE channel built): its initial state. */
    void callUp(GreCall call) {
        if (!handedOver) {
            publication.call(unit, id, call.call(), call.channel().initialState());
        }
    }

    /**
     * The call's PPP link may have come up: if it has (an address assigned, which PPP announces
     * only with MPPE in force), its initial state and the counters. Returns whether it is published
     * as up.
     */
    boolean linkUp(GreCall call) {
        if (handedOver || call.session().assignedAddress().isEmpty() || call.session().link().phase() != Phase.NETWORK) {
            return false;
        }
        int callId = call.call().callId();
        publication.pppUp(unit, id, callId, call.session().link().initialState());
        publication.counters(unit, id, callId, call.channel().essentialState(), call.session().link().essentialState());
        return true;
    }

    /** The lazy part: the call's counters if they moved since the last sweep (its link once up). */
    void sweep(GreCall call) {
        if (handedOver) {
            return;
        }
        int callId = call.call().callId();
        if (!publication.pppPublished(id, callId)) {
            call.markPublishedUp(linkUp(call));
            return;
        }
        publication.counters(unit, id, callId, call.channel().essentialState(), call.session().link().essentialState());
    }

    /** The call ended on this member: its keys are removed. */
    void callGone(int callId) {
        if (!handedOver) {
            publication.callGone(unit, id, callId);
        }
    }

    /** The connection ended on this member: its keys are removed. */
    void connectionGone() {
        if (!handedOver) {
            publication.connectionGone(unit, id);
        }
    }

    /** The connection is another member's now: nothing more is published or removed. */
    void handOver() {
        handedOver = true;
        publication.handedOver(id);
    }
}
