package io.cohort.l2tp;

import io.cohort.l2tp.session.SessionHandle;
import io.cohort.l2tp.tunnel.TunnelHandle;
import io.cohort.l2tp.wire.Avp;
import io.cohort.l2tp.wire.ControlMessage;
import io.cohort.l2tp.wire.ControlPacket;
import io.cohort.l2tp.wire.L2tpCodec;
import io.cohort.l2tp.wire.MessageType;
import io.cohort.telemetry.Counters;
import io.cohort.time.VirtualScheduler;
import io.cohort.wire.DecodeResult;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A LAC written out message by message against a real LNS {@link L2tpNode}, in virtual time: it
 * sets up a tunnel and calls by hand, so that a test can then put any bytes, well formed or not,
 * into the tunnel's next Ns slot and read exactly what the LNS answers.
 */
final class ScriptedLac implements L2tpEvents {
    static final InetSocketAddress ADDRESS = new InetSocketAddress("198.51.100.7", 1701);

    final VirtualScheduler scheduler = new VirtualScheduler();
    final L2tpNode lns;
    final List<ControlPacket> received = new ArrayList<>();
    final List<SessionHandle> sessionsUp = new ArrayList<>();
    final Map<SessionHandle, String> sessionsDown = new HashMap<>();
    final Map<TunnelHandle, String> tunnelsDown = new HashMap<>();
    final List<ByteBuffer> data = new ArrayList<>();
    /** PPP frames the LNS passed up, per LNS session ID. */
    final Map<Integer, Integer> framesUp = new HashMap<>();
    private final SecureRandom random = new SecureRandom();
    int ourTunnelId = 77;
    int peerTunnelId;
    private int ns;
    private int nr;

    /** An LNS that numbers its tunnels from 500 and its sessions from 1000, so runs repeat exactly. */
    ScriptedLac(L2tpConfig lnsConfig) {
        lns = new L2tpNode(lnsConfig, scheduler, this, new Counters(), new SecureRandom(), TunnelIdAllocator.anyOf(sequential(500)),
                sequential(1000));
    }

    private static IdAllocator sequential(int first) {
        int[] next = {first};
        return inUse -> {
            for (int tries = 0; tries < 0xFFFF; tries++) {
                int id = next[0];
                next[0] = id % 0xFFFF + 1;
                if (!inUse.test(id)) {
                    return id;
                }
            }
            return 0;
        };
    }

    /** SCCRQ, SCCRP, SCCCN: the tunnel is established on the LNS. */
    ScriptedLac establishTunnel() {
        send(0, ControlMessage.of(MessageType.SCCRQ, new Avp.ProtocolVersion(1, 0), new Avp.HostName("scripted"),
                new Avp.FramingCapabilities(true, false), new Avp.AssignedTunnelId(ourTunnelId)));
        ControlMessage sccrp = expect(MessageType.SCCRP);
        peerTunnelId = sccrp.find(Avp.AssignedTunnelId.class).orElseThrow().id();
        send(0, ControlMessage.of(MessageType.SCCCN));
        return this;
    }

    /** Forgets our tunnel and starts a new one with another Assigned Tunnel ID, as a rebooted LAC would. */
    ScriptedLac newTunnel(int tunnelId) {
        ourTunnelId = tunnelId;
        peerTunnelId = 0;
        ns = 0;
        nr = 0;
        received.clear();
        return establishTunnel();
    }

    /** ICRQ, ICRP, ICCN for our session {@code ourSessionId}; returns the LNS's session ID. */
    int placeCall(int ourSessionId) {
        send(0, icrq(ourSessionId));
        ControlMessage icrp = expect(MessageType.ICRP);
        int lnsSession = icrp.find(Avp.AssignedSessionId.class).orElseThrow().id();
        send(lnsSession, ControlMessage.of(MessageType.ICCN, new Avp.TxConnectSpeed(1_000_000),
                new Avp.FramingType(true, false)));
        return lnsSession;
    }

    static ControlMessage icrq(int ourSessionId) {
        return ControlMessage.of(MessageType.ICRQ, new Avp.AssignedSessionId(ourSessionId),
                new Avp.CallSerialNumber(ourSessionId));
    }

    /** A control message in the next Ns slot of our tunnel (Tunnel ID 0 before the SCCRP). */
    void send(int lnsSessionId, ControlMessage m) {
        sendRaw(L2tpCodec.encodeControl(peerTunnelId, lnsSessionId, ns, nr, m, null, random));
    }

    /** Encodes {@code m} for the next Ns slot without sending it, for a test to mangle first. */
    ByteBuffer encodeNext(int lnsSessionId, ControlMessage m) {
        return L2tpCodec.encodeControl(peerTunnelId, lnsSessionId, ns, nr, m, null, random);
    }

    /** Any datagram; if it is a control message for our tunnel with a body, it took our Ns slot. */
    void sendRaw(ByteBuffer datagram) {
        ns = (ns + 1) & 0xFFFF;
        lns.receive(ADDRESS, datagram);
    }

    /** A datagram that does not consume an Ns slot (garbage, data, other tunnels). */
    void inject(ByteBuffer datagram) {
        lns.receive(ADDRESS, datagram);
    }

    /** One PPP frame on an LNS session. */
    void sendData(int lnsSessionId, byte[] frame) {
        lns.receive(ADDRESS, L2tpCodec.encodeData(peerTunnelId, lnsSessionId, ByteBuffer.wrap(frame), false, 0, 0,
                false, 0));
    }

    /** The last control message received of this type since the last {@link #clearReceived}. */
    ControlMessage expect(MessageType type) {
        return received.reversed().stream().flatMap(p -> p.message().stream()).filter(m -> m.type() == type)
                .findFirst().orElseThrow(() -> new AssertionError("LNS sent no " + type + ": " + received));
    }

    List<ControlMessage> messages() {
        return received.stream().flatMap(p -> p.message().stream()).toList();
    }

    void clearReceived() {
        received.clear();
    }

    /** Resynchronises our Ns with what the LNS expects, e.g. after sending a datagram it dropped. */
    void resync() {
        ns = lns.snapshot().tunnels().stream().filter(t -> t.localTunnelId() == peerTunnelId).findFirst()
                .orElseThrow().control().nr();
    }

    @Override
    public void transmit(InetSocketAddress peer, ByteBuffer datagram) {
        if (!peer.equals(ADDRESS)) {
            return;
        }
        if (L2tpCodec.decode(datagram.duplicate(), null) instanceof DecodeResult.Decoded(ControlPacket c)) {
            if (c.header().tunnelId() != ourTunnelId) {
                return; // for an earlier tunnel of ours
            }
            received.add(c);
            if (c.message().isPresent()) {
                nr = (c.header().ns() + 1) & 0xFFFF; // the LNS sends in order on a loss-free link
                // Acknowledge on the next tick (not from inside the node's call): a ZLB (5.8).
                scheduler.schedule(Duration.ofMillis(1), () -> lns.receive(ADDRESS,
                        L2tpCodec.encodeZlb(peerTunnelId, ns, nr)));
            }
        } else {
            byte[] copy = new byte[datagram.remaining()];
            datagram.duplicate().get(copy);
            data.add(ByteBuffer.wrap(copy));
        }
    }

    @Override public void tunnelUp(TunnelHandle tunnel) { }
    @Override public void tunnelDown(TunnelHandle tunnel, String reason) { tunnelsDown.put(tunnel, reason); }
    @Override public void sessionUp(SessionHandle session) { sessionsUp.add(session); }
    @Override
    public void sessionData(SessionHandle session, ByteBuffer pppFrame) {
        framesUp.merge(session.localSessionId(), 1, Integer::sum);
    }
    @Override public void sessionDown(SessionHandle session, String reason) { sessionsDown.put(session, reason); }
}
