package io.cohort.l2tp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.l2tp.session.SessionHandle;
import io.cohort.l2tp.tunnel.TunnelHandle;
import io.cohort.l2tp.tunnel.TunnelSettings;
import io.cohort.l2tp.tunnel.TunnelState;
import io.cohort.l2tp.wire.Avp;
import io.cohort.l2tp.wire.CdnResult;
import io.cohort.l2tp.wire.ControlMessage;
import io.cohort.l2tp.wire.ControlPacket;
import io.cohort.l2tp.wire.GeneralError;
import io.cohort.l2tp.wire.HidingSecret;
import io.cohort.l2tp.wire.L2tpCodec;
import io.cohort.l2tp.wire.MessageType;
import io.cohort.l2tp.wire.StopCcnResult;
import io.cohort.l2tp.wire.TunnelAuthentication;
import io.cohort.time.VirtualScheduler;
import io.cohort.wire.DecodeResult;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The LAC's side of control connection establishment (RFC 2661 7.2.1, 5.1.1) against a scripted
 * LNS: the LAC's SCCRQ is answered with a hand-made reply, and the LAC must answer SCCCN (the
 * tunnel comes up) or StopCCN with the right result.
 */
class LacSetupTest {
    private static final InetSocketAddress LNS = new InetSocketAddress("192.0.2.1", 1701);
    private static final int LNS_TUNNEL = 0x0202;
    private static final HidingSecret SECRET = HidingSecret.of("s3cret".getBytes(StandardCharsets.UTF_8));

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final List<ControlMessage> fromLac = new ArrayList<>();
    private final List<String> down = new ArrayList<>();
    private final SecureRandom random = new SecureRandom();
    private L2tpNode lac;

    private L2tpNode lac(boolean withSecret) {
        TunnelSettings t = TunnelSettings.defaults("lac.example");
        if (withSecret) {
            t = t.withSecret(SECRET, false);
        }
        return new L2tpNode(L2tpConfig.lac("lac.example").withTunnel(t), scheduler, new L2tpEvents() {
            @Override public void transmit(InetSocketAddress peer, ByteBuffer datagram) {
                if (L2tpCodec.decode(datagram.duplicate(), null) instanceof DecodeResult.Decoded(ControlPacket c)) {
                    c.message().ifPresent(fromLac::add);
                }
            }
            @Override public void tunnelUp(TunnelHandle tunnel) { }
            @Override public void tunnelDown(TunnelHandle tunnel, String reason) { down.add(reason); }
            @Override public void sessionUp(SessionHandle session) { }
            @Override public void sessionData(SessionHandle session, ByteBuffer pppFrame) { }
            @Override public void sessionDown(SessionHandle session, String reason) { }
        });
    }

    /** The SCCRP AVPs an LNS would send, given the LAC's SCCRQ. */
    static Avp[] sccrp(int version, int window, Avp... extra) {
        List<Avp> avps = new ArrayList<>(List.of(new Avp.ProtocolVersion(version, 0), new Avp.HostName("lns.example"),
                new Avp.FramingCapabilities(true, true), new Avp.AssignedTunnelId(LNS_TUNNEL),
                new Avp.ReceiveWindowSize(window)));
        avps.addAll(Arrays.asList(extra));
        return avps.toArray(Avp[]::new);
    }

    static Stream<Arguments> replies() {
        Function<byte[], Avp[]> good = challenge -> challenge == null ? sccrp(1, 4)
                : sccrp(1, 4, new Avp.ChallengeResponse(TunnelAuthentication.challengeResponse(MessageType.SCCRP,
                        SECRET, challenge)));
        return Stream.of(
                // name, LAC has a secret, reply type, reply AVPs from the LAC's challenge, expected result (-1: SCCCN), error
                Arguments.of("acceptable SCCRP: SCCCN, established", false, MessageType.SCCRP, good, -1, -1),
                Arguments.of("SCCRP with the right Challenge Response: established", true, MessageType.SCCRP, good,
                        -1, -1),
                Arguments.of("SCCRP without the Challenge Response we asked for", true, MessageType.SCCRP,
                        (Function<byte[], Avp[]>) c -> sccrp(1, 4), StopCcnResult.NOT_AUTHORIZED.code(), -1),
                Arguments.of("SCCRP with a wrong Challenge Response", true, MessageType.SCCRP,
                        (Function<byte[], Avp[]>) c -> sccrp(1, 4, new Avp.ChallengeResponse(new byte[16])),
                        StopCcnResult.NOT_AUTHORIZED.code(), -1),
                Arguments.of("SCCRP challenging a LAC without a secret", false, MessageType.SCCRP,
                        (Function<byte[], Avp[]>) c -> sccrp(1, 4, new Avp.Challenge(new byte[16])),
                        StopCcnResult.NOT_AUTHORIZED.code(), -1),
                Arguments.of("SCCRP of protocol version 2", false, MessageType.SCCRP,
                        (Function<byte[], Avp[]>) c -> sccrp(2, 4), StopCcnResult.UNSUPPORTED_PROTOCOL_VERSION.code(),
                        -1),
                Arguments.of("SCCRP with receive window 0", false, MessageType.SCCRP,
                        (Function<byte[], Avp[]>) c -> sccrp(1, 0), StopCcnResult.GENERAL_ERROR.code(),
                        GeneralError.BAD_VALUE.code()),
                Arguments.of("SCCCN in wait-ctl-reply", false, MessageType.SCCCN,
                        (Function<byte[], Avp[]>) c -> new Avp[0], StopCcnResult.FSM_ERROR.code(), -1),
                Arguments.of("ICRQ before the tunnel is up", false, MessageType.ICRQ,
                        (Function<byte[], Avp[]>) c -> new Avp[] {new Avp.AssignedSessionId(3),
                            new Avp.CallSerialNumber(3)}, StopCcnResult.FSM_ERROR.code(), -1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("replies")
    void answersTheLnsReply(String name, boolean secret, MessageType type, Function<byte[], Avp[]> avps, int result,
                            int error) {
        lac = lac(secret);
        TunnelHandle t = lac.openTunnel(LNS);
        ControlMessage sccrq = fromLac.getFirst();
        assertThat(sccrq.type()).isEqualTo(MessageType.SCCRQ);
        assertThat(sccrq.find(Avp.Challenge.class).isPresent()).isEqualTo(secret);
        byte[] challenge = sccrq.find(Avp.Challenge.class).map(Avp.Challenge::value).orElse(null);
        lac.receive(LNS, L2tpCodec.encodeControl(t.localTunnelId(), 0, 0, 1,
                ControlMessage.of(type, avps.apply(challenge)), null, random));
        ControlMessage answer = fromLac.getLast();
        if (result < 0) {
            assertThat(answer.type()).isEqualTo(MessageType.SCCCN);
            assertThat(t.state()).isEqualTo(TunnelState.ESTABLISHED);
            assertThat(t.peerHostName()).isEqualTo("lns.example");
            return;
        }
        assertThat(answer.type()).isEqualTo(MessageType.StopCCN);
        Avp.ResultCode rc = answer.find(Avp.ResultCode.class).orElseThrow();
        assertThat(rc.result()).isEqualTo(result);
        if (error >= 0) {
            assertThat(rc.error()).isEqualTo(OptionalInt.of(error));
        }
        assertThat(t.state()).isEqualTo(TunnelState.CLOSING);
        assertThat(down).singleElement().asString().startsWith("local StopCCN");
        scheduler.advance(Duration.ofMinutes(1));
        assertThat(lac.tunnelCount()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("callsToALac")
    void aLacRefusesCallsFromTheLnsWithCdn(String name, MessageType type, Avp[] avps) {
        lac = lac(false);
        TunnelHandle t = lac.openTunnel(LNS);
        lac.receive(LNS, L2tpCodec.encodeControl(t.localTunnelId(), 0, 0, 1,
                ControlMessage.of(MessageType.SCCRP, sccrp(1, 4)), null, random));
        assertThat(t.state()).isEqualTo(TunnelState.ESTABLISHED);
        lac.receive(LNS, L2tpCodec.encodeControl(t.localTunnelId(), 0, 1, 2, ControlMessage.of(type, avps), null,
                random));
        ControlMessage cdn = fromLac.getLast();
        assertThat(cdn.type()).isEqualTo(MessageType.CDN);
        assertThat(cdn.find(Avp.ResultCode.class).orElseThrow().result())
                .isEqualTo(CdnResult.PERMANENT_LACK_OF_FACILITIES.code());
        assertThat(cdn.find(Avp.AssignedSessionId.class).orElseThrow().id()).isZero();
        assertThat(t.state()).isEqualTo(TunnelState.ESTABLISHED);
        assertThat(lac.sessionCount()).isZero();
    }

    static Stream<Arguments> callsToALac() {
        return Stream.of(
                Arguments.of("ICRQ", MessageType.ICRQ, new Avp[] {new Avp.AssignedSessionId(3),
                    new Avp.CallSerialNumber(3)}),
                Arguments.of("OCRQ", MessageType.OCRQ, new Avp[] {new Avp.AssignedSessionId(3),
                    new Avp.CallSerialNumber(3), new Avp.MinimumBps(1), new Avp.MaximumBps(2),
                    new Avp.BearerType(true, true), new Avp.FramingType(true, false), new Avp.CalledNumber("1")}));
    }
}
