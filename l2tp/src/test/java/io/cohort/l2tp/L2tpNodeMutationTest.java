package io.cohort.l2tp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.l2tp.session.SessionHandle;
import io.cohort.l2tp.session.SessionState;
import io.cohort.l2tp.tunnel.Tunnel;
import io.cohort.l2tp.tunnel.TunnelSnapshot;
import io.cohort.l2tp.tunnel.TunnelState;
import io.cohort.l2tp.wire.Avp;
import io.cohort.l2tp.wire.ControlMessage;
import io.cohort.l2tp.wire.DatagramMutator;
import io.cohort.l2tp.wire.DecodeFault;
import io.cohort.l2tp.wire.L2tpCodec;
import io.cohort.l2tp.wire.L2tpPacket;
import io.cohort.l2tp.wire.MalformedDatagrams;
import io.cohort.l2tp.wire.MessageType;
import io.cohort.wire.DecodeResult;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * An LNS {@link L2tpNode} holding an established tunnel and call, fed damaged copies of the
 * control and data messages its peer sends (with the tunnel's real IDs and sequence numbers),
 * in virtual time. Datagrams that fail to decode must be counted, answered with nothing and leave
 * the call untouched; any datagram at all must not make the node throw or lose track of its
 * tunnels and sessions; afterwards the call still carries data, or the tunnel was cleared by a
 * message that clears it, and a new tunnel and call come up.
 */
class L2tpNodeMutationTest {
    private static final int CALL = 101;
    private static final byte[] FRAME = {(byte) 0xFF, 0x03, 0x00, 0x21, 0x45, 0x00};

    private final ScriptedLac lac = new ScriptedLac(L2tpConfig.lns("lns.example")).establishTunnel();
    private int session = lac.placeCall(CALL);

    /** What the peer sends on this tunnel, encoded for its next Ns slot: the mutation seeds. */
    private List<byte[]> seeds() {
        List<ControlMessage> messages = List.of(ControlMessage.of(MessageType.HELLO),
                ScriptedLac.icrq(CALL + 1),
                ControlMessage.of(MessageType.ICCN, new Avp.TxConnectSpeed(1_000_000), new Avp.FramingType(true, false)),
                ControlMessage.of(MessageType.SLI, new Avp.Accm(0, 0)),
                ControlMessage.of(MessageType.WEN, new Avp.CallErrors(1, 2, 3, 4, 5, 6)),
                ControlMessage.of(MessageType.CDN, new Avp.ResultCode(3, OptionalInt.empty(), ""),
                        new Avp.AssignedSessionId(CALL)),
                ControlMessage.of(MessageType.StopCCN, new Avp.AssignedTunnelId(lac.ourTunnelId),
                        new Avp.ResultCode(1, OptionalInt.empty(), "")),
                ControlMessage.of(MessageType.SCCRQ, new Avp.ProtocolVersion(1, 0), new Avp.HostName("x"),
                        new Avp.FramingCapabilities(true, false), new Avp.AssignedTunnelId(9)));
        List<byte[]> seeds = new ArrayList<>();
        for (ControlMessage m : messages) {
            seeds.add(bytes(lac.encodeNext(m.type().isSessionMessage() && m.type() != MessageType.ICRQ ? session : 0, m)));
        }
        // An SCCRQ for a new tunnel (Tunnel ID 0), e.g. to reach the per-address tunnel limit.
        seeds.add(bytes(L2tpCodec.encodeControl(0, 0, 0, 0, messages.getLast(), null, null)));
        seeds.add(bytes(L2tpCodec.encodeZlb(lac.peerTunnelId, 0, 0)));
        seeds.add(bytes(L2tpCodec.encodeData(lac.peerTunnelId, session, ByteBuffer.wrap(FRAME), false, 0, 0, false, 0)));
        seeds.add(bytes(L2tpCodec.encodeData(lac.peerTunnelId, session, ByteBuffer.wrap(FRAME), true, 5, 0, true, 4)));
        return seeds;
    }

    @Test
    void undecodableDatagramsAreCountedAndChangeNothing() {
        DatagramMutator mutator = new DatagramMutator(new Random(7));
        List<byte[]> seeds = seeds();
        Random random = new Random(8);
        int dropped = 0;
        long malformedBefore = malformedCount();
        lac.clearReceived();
        for (int i = 0; dropped < 20_000; i++) {
            byte[] d = i % 5 == 0 ? DatagramMutator.randomDatagram(random, 120) : mutator.mutate(seeds.get(i % seeds.size()));
            if (!(L2tpCodec.decode(ByteBuffer.wrap(d), null) instanceof DecodeResult.Malformed<L2tpPacket, DecodeFault> m)
                    || Tunnel.takesNsSlot(m.error().kind())) {
                continue; // this test wants only datagrams that must be dropped
            }
            receive(d);
            dropped++;
            if (i % 100 == 0) {
                lac.scheduler.advance(Duration.ofMillis(50));
            }
        }

        assertThat(malformedCount() - malformedBefore).isEqualTo(dropped);
        assertThat(lac.messages()).isEmpty(); // nothing answered but HELLOs and ZLBs
        assertCallWorks();
    }

    /**
     * Damaged messages that decode may legitimately clear the call or the tunnel (a StopCCN, a
     * CDN, an SCCRQ inside the tunnel): then the peer starts over with a new tunnel and call, so
     * that the damage keeps reaching live state.
     */
    @Test
    void anyDamageLeavesTheNodeConsistentAndANewCallComesUp() {
        DatagramMutator mutator = new DatagramMutator(new Random(11));
        Random random = new Random(12);
        int malformed = 0;
        int restarts = 0;
        long malformedBefore = malformedCount();
        List<byte[]> seeds = seeds();
        for (int i = 0; i < 20_000; i++) {
            byte[] d = mutator.mutate(seeds.get(random.nextInt(seeds.size())));
            if (L2tpCodec.decode(ByteBuffer.wrap(d), null) instanceof DecodeResult.Malformed<L2tpPacket, DecodeFault>) {
                malformed++;
            }
            receive(d);
            if (i % 50 == 0) {
                lac.scheduler.advance(Duration.ofMillis(20));
                if (tunnel().map(t -> t.state() == TunnelState.ESTABLISHED).orElse(false)
                        && lac.lns.sessionCount() > 0) {
                    lac.resync(); // a damaged message the node took used up our Ns slot
                } else {
                    restarts++;
                    lac.newTunnel(1000 + restarts);
                    session = lac.placeCall(CALL);
                }
                seeds = seeds();
            }
            assertConsistent();
        }
        assertThat(malformedCount() - malformedBefore).isEqualTo(malformed);
        assertThat(restarts).as("the call outlives some rounds of 50 damaged datagrams").isLessThan(20_000 / 50 * 3 / 4);

        lac.scheduler.advance(Duration.ofMinutes(2)); // retransmissions and holdovers play out
        assertConsistent();
        boolean callSurvived = lac.sessionsUp.stream().anyMatch(s -> s.localSessionId() == session
                && s.state() == SessionState.ESTABLISHED);
        if (callSurvived) {
            assertCallWorks();
        } else {
            // Cleared, then only by a message that may clear it (StopCCN, CDN, an unknown M-bit
            // AVP or a state-machine error), each of which is reported with its reason.
            assertThat(lac.sessionsDown.keySet()).anyMatch(s -> s.localSessionId() == session);
        }
        lac.newTunnel(4242);
        int fresh = lac.placeCall(202);
        lac.sendData(fresh, FRAME);
        assertThat(lac.framesUp).containsKey(fresh);
    }

    /**
     * Regression (found by the server's L2tpFuzzIT): one data packet with the S bit and an Ns far
     * ahead made the call drop every genuine packet after it as "older" (5.4), up to 32768 of them.
     * Now a short run of older packets resynchronises the expected Ns.
     */
    @Test
    void aStrayDataPacketWithAnNsFarAheadDoesNotBlackHoleTheCall() {
        lac.inject(L2tpCodec.encodeData(lac.peerTunnelId, session, ByteBuffer.wrap(FRAME), true, 30_000, 0, false, 0));
        int passed = lac.framesUp.getOrDefault(session, 0);

        for (int ns = 0; ns < 10; ns++) {
            lac.inject(L2tpCodec.encodeData(lac.peerTunnelId, session, ByteBuffer.wrap(FRAME), true, ns, 0, false, 0));
        }

        // The first three genuine packets are taken for stale ones; from the fourth on the call flows.
        assertThat(lac.framesUp.get(session) - passed).isEqualTo(7);
        assertThat(lac.lns.snapshot().sessions().getFirst().rxOutOfOrder()).isEqualTo(3);
    }

    private void receive(byte[] d) {
        try {
            lac.inject(ByteBuffer.wrap(d));
        } catch (RuntimeException e) {
            throw new AssertionError("node threw on " + HexFormat.of().formatHex(d), e);
        }
    }

    private java.util.Optional<TunnelSnapshot> tunnel() {
        return lac.lns.snapshot().tunnels().stream().filter(t -> t.peerTunnelId() == lac.ourTunnelId).findFirst();
    }

    /** The node's own counts agree with its snapshot, and every session belongs to a live tunnel. */
    private void assertConsistent() {
        NodeSnapshot s = lac.lns.snapshot();
        assertThat(s.sessions()).hasSize(lac.lns.sessionCount());
        assertThat(s.tunnels()).hasSize(lac.lns.tunnelCount());
        assertThat(s.sessions()).allSatisfy(ss -> assertThat(s.tunnels()).anyMatch(t ->
                t.localTunnelId() == ss.localTunnelId() && t.state() != TunnelState.CLOSED));
    }

    private void assertCallWorks() {
        SessionHandle call = lac.sessionsUp.stream().filter(s -> s.localSessionId() == session).findFirst().orElseThrow();
        assertThat(call.state()).isEqualTo(SessionState.ESTABLISHED);
        int before = lac.framesUp.getOrDefault(session, 0);
        lac.sendData(session, FRAME);
        assertThat(lac.framesUp.get(session)).isEqualTo(before + 1);
        int sent = lac.data.size();
        assertThat(lac.lns.sendData(call, ByteBuffer.wrap(FRAME))).isTrue();
        assertThat(lac.data).hasSize(sent + 1);
    }

    private long malformedCount() {
        return lac.lns.counters().snapshot().entrySet().stream()
                .filter(e -> e.getKey().startsWith(MalformedDatagrams.COUNTER_PREFIX))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
