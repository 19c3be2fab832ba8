package io.cohort.ppp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.ppp.automaton.RestartPolicy;
import io.cohort.ppp.ipcp.IpcpSettings;
import io.cohort.ppp.lcp.AuthMethod;
import io.cohort.ppp.wire.ControlCode;
import io.cohort.ppp.wire.ControlPacket;
import io.cohort.ppp.wire.DecodeResult;
import io.cohort.ppp.wire.PppFrame;
import io.cohort.ppp.wire.PppFrameCodec;
import io.cohort.ppp.wire.PppProtocol;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.time.VirtualScheduler;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * LCP's link-level duties seen on the wire of a whole {@link PppLink}: Protocol-Reject of unknown
 * protocols (RFC 1661 5.7), Echo (5.8) and dead-peer detection, Terminate-Request/Ack (5.5) and
 * magic-number loop detection (6.4).
 */
class PppLinkLcpTest {
    private static final HexFormat HEX = HexFormat.of();

    /** An LCP, IPCP, ... packet seen on the wire, with who sent it. */
    record Seen(boolean fromServer, int protocol, ControlPacket packet) { }

    private final List<Seen> seen = new ArrayList<>();

    private BackToBack upAndWatched() {
        BackToBack b = new BackToBack(List.of(AuthMethod.MSCHAP_V2), List.of(AuthMethod.MSCHAP_V2), "wonderland", 11);
        b.start();
        b.run(Duration.ofSeconds(1));
        assertThat(b.server.phase()).isEqualTo(Phase.NETWORK);
        watch(b, (fromServer, frame) -> true);
        return b;
    }

    private void watch(BackToBack b, java.util.function.BiPredicate<Boolean, ByteBuffer> pass) {
        b.pass = (fromServer, frame) -> {
            if (PppFrameCodec.decode(frame.duplicate()) instanceof DecodeResult.Ok<PppFrame> f
                    && (f.value().protocol() & 0x8000) != 0
                    && ControlPacket.decode(f.value().payload()) instanceof DecodeResult.Ok<ControlPacket> p) {
                seen.add(new Seen(fromServer, f.value().protocol(), p.value()));
            }
            return pass.test(fromServer, frame);
        };
    }

    private List<Integer> lcpCodes(boolean fromServer) {
        return seen.stream().filter(s -> s.fromServer() == fromServer && s.protocol() == PppProtocol.LCP.number())
                .map(s -> s.packet().code()).toList();
    }

    @Test
    void anUnknownProtocolGetsAProtocolRejectWithTheRejectedInformation() {
        BackToBack b = upAndWatched();
        b.server.receive(ByteBuffer.wrap(HEX.parseHex("ff038281" + "01010004")));
        b.server.receive(ByteBuffer.wrap(HEX.parseHex("ff0380fd" + "0102000a12060000000b"))); // CCP: not spoken
        b.pump();
        List<ControlPacket> rejects = seen.stream().filter(Seen::fromServer).map(Seen::packet)
                .filter(p -> p.knownCode() == ControlCode.PROTOCOL_REJECT).toList();
        assertThat(rejects).extracting(p -> HEX.formatHex(p.data()))
                .containsExactly("8281" + "01010004", "80fd" + "0102000a12060000000b");
        assertThat(rejects.get(0).identifier()).isNotEqualTo(rejects.get(1).identifier());
        assertThat(b.counters.get("ppp.rx.unknown_protocol")).isEqualTo(2);
        assertThat(b.server.phase()).isEqualTo(Phase.NETWORK);
        assertThat(b.client.phase()).as("the client hears the rejects and stays up").isEqualTo(Phase.NETWORK);
    }

    /** 5.7: the Rejected-Information is cut so that the whole packet fits the peer's MRU (1500). */
    @Test
    void aProtocolRejectFitsThePeersMru() {
        BackToBack b = upAndWatched();
        byte[] big = new byte[4 + 2000];
        big[0] = (byte) 0xFF;
        big[1] = 0x03;
        big[2] = (byte) 0x82;
        big[3] = (byte) 0x81;
        b.server.receive(ByteBuffer.wrap(big));
        ControlPacket reject = seen.stream().filter(Seen::fromServer).map(Seen::packet).findFirst().orElseThrow();
        assertThat(reject.knownCode()).isEqualTo(ControlCode.PROTOCOL_REJECT);
        assertThat(reject.encodedLength()).isEqualTo(1500);
        assertThat(reject.dataLength()).isEqualTo(2 + 1494);
    }

    @Test
    void noProtocolRejectBeforeLcpIsOpened() {
        BackToBack b = new BackToBack(List.of(AuthMethod.PAP), List.of(AuthMethod.PAP), "wonderland", 12);
        watch(b, (fromServer, frame) -> false); // nothing gets through: LCP never opens
        b.server.open();
        seen.clear();
        b.server.receive(ByteBuffer.wrap(HEX.parseHex("ff038281" + "01010004")));
        assertThat(seen).isEmpty();
        assertThat(b.counters.get("ppp.rx.unknown_protocol")).isEqualTo(1);
    }

    @Test
    void aProtocolRejectOfIpv6cpClosesIpv6Only() {
        BackToBack b = upAndWatched();
        // The server tells the client it does not speak IPV6CP after all.
        ControlPacket reject = new ControlPacket(ControlCode.PROTOCOL_REJECT, 77, HEX.parseHex("8057" + "01010004"));
        b.client.receive(PppFrameCodec.encode(PppProtocol.LCP.number(), reject.encode(), true, false));
        b.pump();
        assertThat(b.client.sendIpv6(ByteBuffer.wrap(new byte[] {0x60}))).isFalse();
        assertThat(b.client.sendIpv4(ByteBuffer.wrap(new byte[] {0x45}))).isTrue();
        assertThat(b.client.phase()).isEqualTo(Phase.NETWORK);
    }

    @Test
    void anEchoRequestIsAnsweredWithOurMagicNumberAndTheSameData() {
        BackToBack b = upAndWatched();
        ControlPacket echo = new ControlPacket(ControlCode.ECHO_REQUEST, 0x33, HEX.parseHex("01020304" + "abcd"));
        b.server.receive(PppFrameCodec.encode(PppProtocol.LCP.number(), echo.encode(), true, false));
        b.server.receive(PppFrameCodec.encode(PppProtocol.LCP.number(),
                new ControlPacket(ControlCode.DISCARD_REQUEST, 0x34, HEX.parseHex("01020304")).encode(), true, false));
        List<ControlPacket> replies = seen.stream().filter(Seen::fromServer).map(Seen::packet).toList();
        assertThat(replies).singleElement().satisfies(r -> {
            assertThat(r.knownCode()).isEqualTo(ControlCode.ECHO_REPLY);
            assertThat(r.identifier()).isEqualTo(0x33);
            assertThat(HEX.formatHex(r.data())).endsWith("abcd").doesNotStartWith("01020304").hasSize(12);
        });
    }

    @Test
    void deadPeerIsDeclaredAfterExactlyEchoFailuresUnansweredEchoes() {
        BackToBack b = upAndWatched();
        b.run(Duration.ofSeconds(35));
        assertThat(lcpCodes(true)).as("echoes answered while the client talks").contains(9).doesNotContain(5);
        seen.clear();
        watch(b, (fromServer, frame) -> fromServer); // the client goes silent
        b.run(Duration.ofSeconds(35));
        assertThat(b.serverEvents.down).isNull();
        b.run(Duration.ofSeconds(30));
        assertThat(b.serverEvents.down).isEqualTo("peer not responding to LCP echo");
        List<Integer> codes = lcpCodes(true);
        assertThat(codes.stream().filter(c -> c == 9).count()).isEqualTo(3); // echoFailures = 3
        assertThat(codes.getLast()).isEqualTo(5); // then Terminate-Request
    }

    @Test
    void closeSendsTerminateRequestAndThePeerAcks() {
        BackToBack b = upAndWatched();
        b.client.close("user hung up");
        b.pump();
        assertThat(lcpCodes(false)).containsExactly(5);
        assertThat(lcpCodes(true)).containsExactly(6);
        Seen request = seen.stream().filter(s -> !s.fromServer()).findFirst().orElseThrow();
        Seen ack = seen.stream().filter(Seen::fromServer).findFirst().orElseThrow();
        assertThat(ack.packet().identifier()).isEqualTo(request.packet().identifier());
        assertThat(b.clientEvents.down).isEqualTo("user hung up");
        b.run(Duration.ofSeconds(10));
        assertThat(b.server.phase()).isEqualTo(Phase.DEAD);
        assertThat(b.client.phase()).isEqualTo(Phase.DEAD);
    }

    @Test
    void aLostTerminateAckEndsTheLinkAfterMaxTerminateRequests() {
        BackToBack b = upAndWatched();
        watch(b, (fromServer, frame) -> !fromServer); // the server's answers are lost
        b.client.close("bye");
        b.run(Duration.ofSeconds(30));
        assertThat(lcpCodes(false)).containsExactly(5, 5); // RFC_DEFAULTS: Max-Terminate 2
        assertThat(b.clientEvents.down).isEqualTo("bye");
        assertThat(b.client.phase()).isEqualTo(Phase.DEAD);
    }

    @Test
    void aLoopedBackLineIsDetectedByTheMagicNumber() {
        VirtualScheduler scheduler = new VirtualScheduler();
        Counters counters = new Counters();
        ArrayDeque<ByteBuffer> wire = new ArrayDeque<>();
        String[] down = new String[1];
        PppLinkConfig config = new PppLinkConfig(Role.CLIENT, "loop", List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), IpcpSettings.client(false), false, 1500, Duration.ZERO, 3,
                RestartPolicy.RFC_DEFAULTS, new Random(5), counters,
                RateLimitedLog.standard(System.getLogger("ppp-test"), scheduler));
        PppLink link = new PppLink(config, scheduler, Runnable::run, new PppLinkEvents() {
            @Override public void transmit(ByteBuffer frame) {
                wire.add(ByteBuffer.allocate(frame.remaining()).put(frame.duplicate()).flip());
            }
            @Override public void authenticated(String user) { }
            @Override public void ipv4Up(Inet4Address local, Inet4Address peer) { }
            @Override public void ipv6Up(long l, long p) { }
            @Override public void received(int protocol, ByteBuffer packet) { }
            @Override public void linkDown(String reason) { down[0] = reason; }
        });
        link.open();
        for (int step = 0; step < 200 && down[0] == null; step++) {
            while (!wire.isEmpty()) {
                link.receive(wire.poll()); // everything we send comes straight back
            }
            scheduler.advance(Duration.ofSeconds(1));
        }
        assertThat(down[0]).contains("looped back");
        assertThat(link.phase()).isEqualTo(Phase.DEAD);
    }
}
