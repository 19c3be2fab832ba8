package io.cohort.l2tp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.l2tp.control.SequenceNumbers;
import io.cohort.l2tp.session.SessionHandle;
import io.cohort.l2tp.tunnel.L2tpTunnelState;
import io.cohort.l2tp.tunnel.TunnelHandle;
import io.cohort.l2tp.wire.Avp;
import io.cohort.l2tp.wire.ControlMessage;
import io.cohort.l2tp.wire.ControlPacket;
import io.cohort.l2tp.wire.DataPacket;
import io.cohort.l2tp.wire.Decoding;
import io.cohort.l2tp.wire.L2tpCodec;
import io.cohort.l2tp.wire.MessageType;
import io.cohort.time.VirtualScheduler;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A hand-driven LAC talking to a real LNS {@link L2tpNode}: it writes each control message with
 * the Ns/Nr it chooses, so tests can replay, reorder or send what a well-behaved LAC never
 * would, and it decodes everything the node sends back. Virtual time only.
 */
final class ScriptedPeer implements L2tpEvents {
    static final InetSocketAddress LNS = new InetSocketAddress("192.0.2.1", 1701);
    static final InetSocketAddress LAC = new InetSocketAddress("198.51.100.7", 1701);
    static final int OUR_TUNNEL = 0x0101;

    final VirtualScheduler scheduler = new VirtualScheduler();
    private final L2tpConfig config;
    /** The LNS member serving our tunnel: after {@link #takeOver}, the member that took it over. */
    L2tpNode lns;
    /** True once the first member has died: whatever it still does is lost. */
    private boolean firstMemberDead;
    final List<ControlPacket> received = new ArrayList<>();
    /** Data packets from the LNS, decoded. */
    final List<DataPacket> dataReceived = new ArrayList<>();
    final List<String> events = new ArrayList<>();
    final List<SessionHandle> sessionsUp = new ArrayList<>();
    final List<TunnelHandle> tunnelsUp = new ArrayList<>();
    private final SecureRandom random = new SecureRandom();
    int lnsTunnel;
    /** The Ns of our next control message. */
    int ns;
    /** The next Ns we expect from the LNS: what our messages acknowledge. */
    int nr;

    ScriptedPeer(L2tpConfig config) {
        this.config = config;
        lns = new L2tpNode(config, scheduler, this);
    }

    /**
     * The first LNS member dies silently (its timers still run, but nothing it sends or reports
     * reaches anyone) and a fresh member with the same configuration takes over the tunnel from
     * {@code saved}. Our own Ns/Nr are untouched: to us it is the same LNS.
     */
    TunnelHandle takeOver(L2tpTunnelState saved) {
        firstMemberDead = true;
        lns = new L2tpNode(config, scheduler, new Successor());
        return lns.restoreTunnel(saved);
    }

    /** One PPP frame to an LNS session, with an Ns if {@code sequenced}. */
    void sendData(int lnsSession, byte[] frame, boolean sequenced, int dataNs) {
        lns.receive(LAC, L2tpCodec.encodeData(lnsTunnel, lnsSession, ByteBuffer.wrap(frame), sequenced, dataNs, 0,
                false, 0));
    }

    /** SCCRQ, SCCRP, SCCCN: the tunnel is up on the LNS. */
    ScriptedPeer establish() {
        requestTunnel();
        send(0, MessageType.SCCCN);
        settle();
        assertThat(tunnelsUp).hasSize(1);
        received.clear();
        return this;
    }

    /** SCCRQ and the LNS's SCCRP: the LNS waits for SCCCN (wait-ctl-conn). */
    ScriptedPeer requestTunnel() {
        sendTo(0, 0, MessageType.SCCRQ, sccrq(1, 8));
        ControlMessage sccrp = expect(MessageType.SCCRP);
        lnsTunnel = sccrp.find(Avp.AssignedTunnelId.class).orElseThrow().id();
        received.clear();
        return this;
    }

    /** Sends an SCCRQ to tunnel 0 with this protocol version and receive window. */
    void sendSccrq(int version, int window) {
        sendTo(0, 0, MessageType.SCCRQ, sccrq(version, window));
    }

    static Avp[] sccrq(int version, int window) {
        return new Avp[] {new Avp.ProtocolVersion(version, 0), new Avp.HostName("scripted-lac"),
                new Avp.FramingCapabilities(true, true), new Avp.AssignedTunnelId(OUR_TUNNEL),
                new Avp.ReceiveWindowSize(window)};
    }

    /** ICRQ, ICRP, ICCN for a call with our session ID {@code ourSession}; returns the LNS's. */
    int placeCall(int ourSession) {
        send(0, MessageType.ICRQ, new Avp.AssignedSessionId(ourSession), new Avp.CallSerialNumber(ourSession));
        ControlMessage icrp = expect(MessageType.ICRP);
        int theirs = icrp.find(Avp.AssignedSessionId.class).orElseThrow().id();
        send(theirs, MessageType.ICCN, new Avp.TxConnectSpeed(10_000_000L), new Avp.FramingType(true, false));
        settle();
        received.clear();
        return theirs;
    }

    /** Sends the next control message in sequence to the LNS's tunnel. */
    void send(int sessionId, MessageType type, Avp... avps) {
        sendTo(lnsTunnel, sessionId, type, avps);
    }

    private void sendTo(int tunnelId, int sessionId, MessageType type, Avp... avps) {
        sendWith(tunnelId, sessionId, ns, type, avps);
        ns = SequenceNumbers.next(ns);
    }

    /** Sends a message with a chosen Ns (a replay or one out of order); our Ns is not advanced. */
    void sendWith(int tunnelId, int sessionId, int withNs, MessageType type, Avp... avps) {
        lns.receive(LAC, L2tpCodec.encodeControl(tunnelId, sessionId, withNs, nr, ControlMessage.of(type, avps),
                null, random));
    }

    /** A ZLB acknowledgement of everything received so far. */
    void zlb() {
        lns.receive(LAC, L2tpCodec.encodeZlb(lnsTunnel, ns, nr));
    }

    /** Lets the node's timers (ack delay) run, without reaching a retransmission. */
    void settle() {
        scheduler.advance(Duration.ofMillis(500));
    }

    /** The control messages (not ZLBs) received since the last clear. */
    List<ControlMessage> messages() {
        return received.stream().filter(p -> !p.isZlb()).map(p -> p.message().orElseThrow()).toList();
    }

    List<ControlPacket> zlbs() {
        return received.stream().filter(ControlPacket::isZlb).toList();
    }

    /** The one message of this type received since the last clear. */
    ControlMessage expect(MessageType type) {
        settle();
        List<ControlMessage> of = messages().stream().filter(m -> m.type() == type).toList();
        assertThat(of).as("messages of type %s in %s", type, messages()).hasSize(1);
        return of.getFirst();
    }

    @Override
    public void transmit(InetSocketAddress peer, ByteBuffer datagram) {
        if (!firstMemberDead) {
            fromLns(peer, datagram);
        }
    }

    private void fromLns(InetSocketAddress peer, ByteBuffer datagram) {
        assertThat(peer).isEqualTo(LAC);
        switch (Decoding.packet(L2tpCodec.decode(datagram.duplicate(), null))) {
            case ControlPacket c -> {
                received.add(c);
                if (!c.isZlb() && c.header().ns() == nr) {
                    nr = SequenceNumbers.next(nr); // in order: the LNS sends nothing out of order here
                }
            }
            case DataPacket d -> dataReceived.add(d);
        }
    }

    @Override public void tunnelUp(TunnelHandle t) { if (!firstMemberDead) { tunnelsUp.add(t); events.add("tunnel up"); } }
    @Override public void tunnelDown(TunnelHandle t, String reason) { if (!firstMemberDead) { events.add("tunnel down: " + reason); } }
    @Override public void sessionUp(SessionHandle s) { if (!firstMemberDead) { sessionsUp.add(s); events.add("session up"); } }
    @Override public void sessionDown(SessionHandle s, String reason) { if (!firstMemberDead) { events.add("session down: " + reason); } }
    @Override public void sessionData(SessionHandle s, ByteBuffer frame) { if (!firstMemberDead) { events.add("data"); } }

    /** What the member that took over reports: heard as from the first. */
    private final class Successor implements L2tpEvents {
        @Override public void transmit(InetSocketAddress peer, ByteBuffer datagram) { fromLns(peer, datagram); }
        @Override public void tunnelUp(TunnelHandle t) { tunnelsUp.add(t); events.add("tunnel up"); }
        @Override public void tunnelDown(TunnelHandle t, String reason) { events.add("tunnel down: " + reason); }
        @Override public void sessionUp(SessionHandle s) { sessionsUp.add(s); events.add("session up"); }
        @Override public void sessionDown(SessionHandle s, String reason) { events.add("session down: " + reason); }
        @Override public void sessionData(SessionHandle s, ByteBuffer frame) { events.add("data"); }
    }
}
