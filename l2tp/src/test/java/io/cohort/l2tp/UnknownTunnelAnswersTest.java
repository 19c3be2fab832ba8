package io.cohort.l2tp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.l2tp.session.SessionHandle;
import io.cohort.l2tp.tunnel.L2tpTunnelState;
import io.cohort.l2tp.tunnel.TunnelHandle;
import io.cohort.l2tp.wire.Avp;
import io.cohort.l2tp.wire.ControlMessage;
import io.cohort.l2tp.wire.GoldenBytes;
import io.cohort.l2tp.wire.L2tpCodec;
import io.cohort.l2tp.wire.MessageType;
import io.cohort.l2tp.wire.StopCcnResult;
import io.cohort.telemetry.Counters;
import io.cohort.time.VirtualScheduler;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** An LNS node that knows no tunnel answers packets for one (RFC 2661 4.4.3, 6.4), within its budget. */
class UnknownTunnelAnswersTest {
    private static final InetSocketAddress PEER = new InetSocketAddress("198.51.100.7", 1701);
    private static final int UNKNOWN = 0x1234;
    private static final String GOLDEN_HEX = HexFormat.of().formatHex(GoldenBytes.load("stopccn-unknown-tunnel.hex"));

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final Counters counters = new Counters();
    private final List<ByteBuffer> sent = new ArrayList<>();
    private final L2tpEvents events = new L2tpEvents() {
        @Override public void transmit(InetSocketAddress peer, ByteBuffer datagram) { sent.add(datagram.duplicate()); }
        @Override public void tunnelUp(TunnelHandle tunnel) {}
        @Override public void tunnelDown(TunnelHandle tunnel, String reason) {}
        @Override public void sessionUp(SessionHandle session) {}
        @Override public void sessionData(SessionHandle session, ByteBuffer pppFrame) {}
        @Override public void sessionDown(SessionHandle session, String reason) {}
    };

    private L2tpNode lns(TunnelStateAuthority authority) {
        return new L2tpNode(L2tpConfig.lns("lns"), scheduler, events, counters, new SecureRandom(), null, null,
                authority);
    }

    private static ByteBuffer control(MessageType type, int ns, Avp... avps) {
        return L2tpCodec.encodeControl(UNKNOWN, 0, ns, 9, ControlMessage.of(type, avps), null, null);
    }

    private static String answerTo(int nr) {
        return HexFormat.of().formatHex(GoldenBytes.bytes(UnknownTunnelAnswers.stopCcn(UNKNOWN, nr)));
    }

    static Stream<Arguments> packets() {
        ByteBuffer data = L2tpCodec.encodeData(UNKNOWN, 0x42, ByteBuffer.wrap(new byte[] {(byte) 0xc0, 0x21, 1}),
                false, 0, 0, false, 0);
        Avp stopResult = new Avp.ResultCode(StopCcnResult.GENERAL_REQUEST_TO_CLEAR.code(), OptionalInt.empty(), "");
        return Stream.of(
                Arguments.of("HELLO, Ns 4", control(MessageType.HELLO, 4), GOLDEN_HEX),
                Arguments.of("ICRQ, Ns 2", control(MessageType.ICRQ, 2, new Avp.AssignedSessionId(5),
                        new Avp.CallSerialNumber(1)), answerTo(3)),
                Arguments.of("ICCN, Ns 65535 (Nr wraps)", control(MessageType.ICCN, 0xFFFF,
                        new Avp.TxConnectSpeed(10_000_000), new Avp.FramingType(false, true)), answerTo(0)),
                Arguments.of("data message", data, answerTo(0)),
                Arguments.of("ZLB", L2tpCodec.encodeZlb(UNKNOWN, 3, 9), null),
                Arguments.of("StopCCN", control(MessageType.StopCCN, 3, new Avp.AssignedTunnelId(9), stopResult), null),
                Arguments.of("CDN", control(MessageType.CDN, 3, new Avp.ResultCode(3, OptionalInt.empty(), ""),
                        new Avp.AssignedSessionId(5)), null),
                Arguments.of("SCCRQ with a Tunnel ID", control(MessageType.SCCRQ, 0, new Avp.ProtocolVersion(1, 0),
                        new Avp.HostName("lac"), new Avp.FramingCapabilities(true, true),
                        new Avp.AssignedTunnelId(9)), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packets")
    void answersWithAStopCcnForItsOwnTunnelIdOrNothing(String what, ByteBuffer packet, String expectedHex) {
        lns(TunnelStateAuthority.ALWAYS).receive(PEER, packet);
        if (expectedHex == null) {
            assertThat(sent).isEmpty();
            assertThat(counters.counter("l2tp.tx.unknown_tunnel_answer").get()).isZero();
        } else {
            assertThat(sent).singleElement().extracting(b -> HexFormat.of().formatHex(GoldenBytes.bytes(b)))
                    .isEqualTo(expectedHex);
            assertThat(counters.counter("l2tp.tx.unknown_tunnel_answer").get()).isEqualTo(1);
        }
    }

    @Test
    void neverAnswersForATunnelWhoseStateMayLiveElsewhere() {
        L2tpNode node = lns(localTunnelId -> localTunnelId != UNKNOWN);
        node.receive(PEER, control(MessageType.HELLO, 4));
        assertThat(sent).isEmpty();
        assertThat(counters.counter("l2tp.tx.unknown_tunnel_answer.skipped.state_elsewhere").get()).isEqualTo(1);
    }

    @Test
    void answersOnePeerAtMostOnceASecond() {
        L2tpNode node = lns(TunnelStateAuthority.ALWAYS);
        for (int ns = 0; ns < 10; ns++) {
            node.receive(PEER, control(MessageType.HELLO, ns));
            scheduler.advance(Duration.ofMillis(100));
        }
        node.receive(PEER, control(MessageType.HELLO, 10));
        assertThat(sent).hasSize(2);
        assertThat(counters.counter("l2tp.tx.unknown_tunnel_answer.skipped.rate").get()).isEqualTo(9);
    }

    @Test
    void aSpoofedFloodFromManyAddressesGetsFiftyAnswersASecond() {
        L2tpNode node = lns(TunnelStateAuthority.ALWAYS);
        for (int i = 0; i < 1000; i++) {
            node.receive(new InetSocketAddress("10.0." + (i >> 8) + "." + (i & 0xff), 1701), control(MessageType.HELLO, 0));
        }
        assertThat(sent).hasSize(50);
        scheduler.advance(Duration.ofSeconds(1));
        for (int i = 1000; i < 2000; i++) {
            node.receive(new InetSocketAddress("10.0." + (i >> 8) + "." + (i & 0xff), 1701), control(MessageType.HELLO, 0));
        }
        assertThat(sent).hasSize(100);
    }

    @Test
    void aLacWhoseLnsLostEveryTunnelTearsItsTunnelDownAtItsNextPacket() {
        SimulatedNetwork net = new SimulatedNetwork(7);
        InetSocketAddress lnsAddress = SimulatedNetwork.address("192.0.2.1", 1701);
        SimulatedNetwork.Host lns = net.host(lnsAddress, L2tpConfig.lns("lns"));
        SimulatedNetwork.Host lac = net.host(PEER, L2tpConfig.lac("lac"));
        TunnelHandle t = lac.node.openTunnel(lnsAddress);
        SessionHandle call = lac.node.placeCall(t).orElseThrow();
        net.run(Duration.ofSeconds(1));
        assertThat(lac.up).containsExactly(t);

        lns.dead = true;
        SimulatedNetwork.Host restarted = net.host(lnsAddress, L2tpConfig.lns("lns"));
        lac.send(call, "ping");
        net.run(Duration.ofMillis(100));

        assertThat(lac.down).containsKey(t);
        assertThat(lac.down.get(t)).contains("the peer has no state of the tunnel");
        assertThat(lac.sessionsDown).containsKey(call);
        assertThat(lac.node.tunnelCount()).isZero();
        assertThat(restarted.node.counters().counter("l2tp.tx.unknown_tunnel_answer").get()).isEqualTo(1);
        assertThat(lac.node.counters().counter("l2tp.rx.stopccn_without_tunnel").get()).isEqualTo(1);
        net.run(Duration.ofSeconds(60));
        assertThat(restarted.transmitted).as("the LAC's acknowledgement is not answered").hasSize(1);
    }

    @Test
    void aCallLostWhileItsTunnelLivesOnIsClearedWithACdnThatTheLacActsOn() {
        SimulatedNetwork net = new SimulatedNetwork(9);
        InetSocketAddress lnsAddress = SimulatedNetwork.address("192.0.2.1", 1701);
        SimulatedNetwork.Host lns = net.host(lnsAddress, L2tpConfig.lns("lns"));
        SimulatedNetwork.Host lac = net.host(PEER, L2tpConfig.lac("lac"));
        TunnelHandle t = lac.node.openTunnel(lnsAddress);
        SessionHandle call = lac.node.placeCall(t).orElseThrow();
        net.run(Duration.ofSeconds(1));
        L2tpTunnelState withCall = lns.node.failoverState(lns.up.getFirst()).orElseThrow();

        // The tunnel's state reached the new owner, the call's did not.
        lns.dead = true;
        SimulatedNetwork.Host owner = net.host(lnsAddress, L2tpConfig.lns("lns"));
        owner.node.restoreTunnel(new L2tpTunnelState(withCall.initial(), withCall.essential(), List.of()));
        lac.send(call, "ping");
        net.run(Duration.ofMillis(500));

        assertThat(lac.sessionsDown.get(call)).contains("peer disconnected").contains("no such session here");
        assertThat(lac.down).as("the tunnel lives on").isEmpty();
        assertThat(owner.node.counters().counter("l2tp.tx.unknown_session_answer").get()).isEqualTo(1);
        lac.send(call, "ping");
        net.run(Duration.ofSeconds(2));
        assertThat(owner.node.counters().counter("l2tp.tx.unknown_session_answer").get()).as("nothing more sent")
                .isEqualTo(1);
    }

    @Test
    void aStopCcnWithoutTunnelIdForAnotherTunnelChangesNothing() {
        SimulatedNetwork net = new SimulatedNetwork(8);
        InetSocketAddress lnsAddress = SimulatedNetwork.address("192.0.2.1", 1701);
        net.host(lnsAddress, L2tpConfig.lns("lns"));
        SimulatedNetwork.Host lac = net.host(PEER, L2tpConfig.lac("lac"));
        TunnelHandle t = lac.node.openTunnel(lnsAddress);
        net.run(Duration.ofSeconds(1));

        lac.node.receive(lnsAddress, UnknownTunnelAnswers.stopCcn(t.peerTunnelId() ^ 1, 0));
        lac.node.receive(SimulatedNetwork.address("192.0.2.99", 1701), UnknownTunnelAnswers.stopCcn(t.peerTunnelId(), 0));
        assertThat(lac.down).isEmpty();
        assertThat(lac.node.counters().counter("l2tp.rx.stopccn_without_tunnel.unknown").get()).isEqualTo(2);
    }
}
