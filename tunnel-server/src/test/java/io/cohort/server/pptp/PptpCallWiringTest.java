package io.cohort.server.pptp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.unit.WorkUnit;
import io.cohort.ppp.auth.DirectoryAuthenticator;
import io.cohort.ppp.auth.InMemoryUserDirectory;
import io.cohort.pptp.call.RandomCallIdAllocator;
import io.cohort.pptp.control.CallCapacity;
import io.cohort.pptp.control.ControlConnection;
import io.cohort.pptp.control.ControlSettings;
import io.cohort.pptp.gre.GreChannelSettings;
import io.cohort.pptp.gre.GreCodec;
import io.cohort.pptp.gre.GreDecodeError;
import io.cohort.pptp.gre.GreHeader;
import io.cohort.pptp.gre.GrePacket;
import io.cohort.pptp.wire.ControlMessage;
import io.cohort.pptp.wire.PptpCodec;
import io.cohort.server.config.CohortConfig;
import io.cohort.server.config.ConfigLoader;
import io.cohort.server.config.PptpEncryption;
import io.cohort.server.dataplane.HostRoutes;
import io.cohort.server.dataplane.Ipv4Dispatcher;
import io.cohort.server.inet.Ipv4Literal;
import io.cohort.server.pool.Ipv4Pool;
import io.cohort.server.registry.SessionRegistry;
import io.cohort.server.registry.TunnelKey;
import io.cohort.server.registry.TunnelProtocol;
import io.cohort.server.sessions.ForeignAddressRoutes;
import io.cohort.server.sessions.PppServerConfiguration;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.time.VirtualScheduler;
import io.cohort.wire.DecodeResult;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The PPTP adapter on the engine thread with fakes around it: a real control connection and real
 * PPP links, an embedded Netty channel for TCP and a recording GRE sender; virtual time.
 */
class PptpCallWiringTest {
    private static final Inet4Address PEER = Ipv4Literal.parse("192.0.2.2").orElseThrow();
    private static final Inet4Address STRANGER = Ipv4Literal.parse("192.0.2.66").orElseThrow();
    private static final int PEER_CALL_ID = 0x1234;
    /** LCP Configure-Request, identifier 1, Magic-Number 0x01020304 (RFC 1661 5.1, 6.4), with FF 03. */
    private static final byte[] LCP_CONFIGURE_REQUEST = HexFormat.of().parseHex("ff03c0210101000a0506010203 04"
            .replace(" ", ""));

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final Counters counters = new Counters();
    private final RateLimitedLog log = RateLimitedLog.standard(System.getLogger("test"), scheduler);
    private final CohortConfig config = ConfigLoader.embeddedDefault();
    private final Ipv4Pool pool = new Ipv4Pool(config.pool().ipv4(), config.pool().gateway());
    private final SessionRegistry registry = new SessionRegistry(InstantSource.system());
    private final List<Sent> sent = new ArrayList<>();
    private final PptpCallWiring wiring = new PptpCallWiring(registry, pool,
            PppServerConfiguration.pptpServer(PppServerConfiguration.pppServer(config,
                    new DirectoryAuthenticator(new InMemoryUserDirectory()), pool, new SecureRandom(), counters, log),
                    PptpEncryption.MPPE_128),
            GreChannelSettings.DEFAULTS, scheduler, Runnable::run,
            new Ipv4Dispatcher(packet -> { }, 1400, counters, log),
            (peer, packet) -> sent.add(new Sent(peer, GreCodec.decode(packet))), new ForeignAddressRoutes<>(pool, HostRoutes.NONE), counters, log);
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final RecordingPublisher published = new RecordingPublisher();
    private final PptpConnection connection = new PptpConnection(channel, new InetSocketAddress(PEER, 40000),
            new TunnelKey(TunnelProtocol.PPTP, 1), registry, wiring,
            new ConnectionReplication(WorkUnit.of(5), PptpStateKeys.connection(new InetSocketAddress(PEER, 40000)),
                    new PptpStatePublication(published, counters), Optional::empty));

    record Sent(Inet4Address peer, DecodeResult<GrePacket, GreDecodeError> gre) {
        GrePacket packet() {
            return ((DecodeResult.Decoded<GrePacket, GreDecodeError>) gre).value();
        }
    }

    PptpCallWiringTest() {
        connection.start(new ControlConnection(ControlSettings.DEFAULTS, scheduler,
                new RandomCallIdAllocator(new SplittableRandom(7)), new CallCapacity(10), connection, counters, log,
                "test"));
    }

    @Test
    void anAcceptedCallGetsARegistryRowAndItsPppLinkSpeaksFirstOverGre() {
        int ourCallId = establishCall();

        assertThat(registry.tunnels()).singleElement()
                .satisfies(t -> assertThat(t.key()).isEqualTo(new TunnelKey(TunnelProtocol.PPTP, 1)));
        assertThat(registry.sessions()).singleElement().satisfies(s -> {
            assertThat(s.key().localId()).isEqualTo(ourCallId);
            assertThat(s.peerId()).isEqualTo(PEER_CALL_ID);
        });
        assertThat(sent).isNotEmpty();
        Sent first = sent.getFirst();
        assertThat(first.peer()).isEqualTo(PEER);
        assertThat(first.packet().header().callId()).as("the peer's Call ID in the key (4.1)").isEqualTo(PEER_CALL_ID);
        assertThat(first.packet().header().sequenceNumber()).hasValue(0);
        assertThat(lcpCode(first.packet())).as("LCP Configure-Request").isEqualTo(1);
    }

    @Test
    void greIsDeliveredOnlyFromThePeersAddressWithOurCallId() {
        int ourCallId = establishCall();
        sent.clear();

        wiring.receive(STRANGER, gre(ourCallId, 0, LCP_CONFIGURE_REQUEST));
        wiring.receive(PEER, gre(ourCallId ^ 1, 0, LCP_CONFIGURE_REQUEST));
        wiring.receive(PEER, ByteBuffer.wrap(HexFormat.of().parseHex("3001880b")));

        assertThat(counters.counter("pptp.gre.rx.unknown_call").get()).isEqualTo(2);
        assertThat(counters.counter("pptp.gre.rx.malformed.truncated").get()).isEqualTo(1);
        assertThat(sent).isEmpty();

        wiring.receive(PEER, gre(ourCallId, 0, LCP_CONFIGURE_REQUEST));

        assertThat(sent).as("our LCP answers the peer's Configure-Request").isNotEmpty();
        assertThat(sent).allSatisfy(s -> assertThat(s.packet().header().callId()).isEqualTo(PEER_CALL_ID));
        assertThat(sent.stream().map(Sent::packet).filter(p -> p.payload().remaining() > 0).map(this::lcpCode))
                .as("Configure-Ack, -Nak or -Reject").anyMatch(code -> code >= 2 && code <= 4);
    }

    @Test
    void callClearRequestEndsTheCallItsRowAndItsGre() {
        int ourCallId = establishCall();

        receive(new ControlMessage.CallClearRequest(PEER_CALL_ID));

        assertThat(outbound()).singleElement().isInstanceOf(ControlMessage.CallDisconnectNotify.class);
        assertThat(registry.sessions()).isEmpty();
        assertThat(wiring.callCount()).isZero();
        wiring.receive(PEER, gre(ourCallId, 0, LCP_CONFIGURE_REQUEST));
        assertThat(counters.counter("pptp.gre.rx.unknown_call").get()).isEqualTo(1);
    }

    @Test
    void aPppLinkThatGivesUpClearsItsCallWithCallDisconnectNotify() {
        establishCall();

        scheduler.advance(Duration.ofSeconds(45)); // LCP: 10 Configure-Requests 3 s apart, no answer

        assertThat(outbound()).anySatisfy(m -> assertThat(m).isInstanceOf(ControlMessage.CallDisconnectNotify.class));
        assertThat(registry.sessions()).isEmpty();
        assertThat(registry.tunnels()).as("the control connection stays").hasSize(1);
    }

    @Test
    void closingTheTcpConnectionRemovesTheTunnelAndEveryCall() {
        establishCall();

        connection.transportClosed("TCP connection closed");
        channel.runPendingTasks();

        assertThat(registry.tunnels()).isEmpty();
        assertThat(registry.sessions()).isEmpty();
        assertThat(wiring.callCount()).isZero();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aLinkWhoseCallWasClearedBeforeLcpOpenedFinishesTerminating() {
        establishCall();

        connection.transportClosed("TCP connection closed");
        assertThat(wiring.closingCount()).isEqualTo(1);
        scheduler.advance(Duration.ofSeconds(30));

        assertThat(wiring.closingCount()).isZero();
        assertThat(pool.used()).isZero();
    }

    /** SCCRQ and OCRQ as pptp-linux sends them; returns our Call ID from the Outgoing-Call-Reply. */
    private int establishCall() {
        receive(new ControlMessage.StartControlConnectionRequest(0x0100, 1, 1, 0, 0x0110, "client", "cananian"));
        receive(new ControlMessage.OutgoingCallRequest(PEER_CALL_ID, 0, 2400, 10_000_000, 3, 3, 10, 0, 0, "", ""));
        List<ControlMessage> replies = outbound();
        assertThat(replies).hasSize(2);
        ControlMessage.OutgoingCallReply ocrp = (ControlMessage.OutgoingCallReply) replies.get(1);
        assertThat(ocrp.resultCode()).isEqualTo(1);
        return ocrp.callId();
    }

    private void receive(ControlMessage message) {
        connection.receive(PptpCodec.encode(message));
    }

    private List<ControlMessage> outbound() {
        return OutboundControlMessages.drain(channel);
    }

    private static ByteBuffer gre(int callId, long sequence, byte[] ppp) {
        return GreCodec.encode(new GreHeader(ppp.length, callId, OptionalLong.of(sequence), OptionalLong.empty()),
                ByteBuffer.wrap(ppp));
    }

    /** The LCP code of a PPP frame with or without FF 03. */
    private int lcpCode(GrePacket packet) {
        ByteBuffer p = packet.payload();
        int at = p.position() + ((p.get(p.position()) & 0xFF) == 0xFF ? 2 : 0);
        assertThat(p.getChar(at)).as("LCP").isEqualTo((char) 0xC021);
        return p.get(at + 2) & 0xFF;
    }
}
