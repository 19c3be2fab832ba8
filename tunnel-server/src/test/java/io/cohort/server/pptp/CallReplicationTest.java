package io.cohort.server.pptp;

import static io.cohort.server.pptp.PptpStateKeys.CALL_INITIAL;
import static io.cohort.server.pptp.PptpStateKeys.GRE_ESSENTIAL;
import static io.cohort.server.pptp.PptpStateKeys.GRE_INITIAL;
import static io.cohort.server.pptp.PptpStateKeys.PPP_ESSENTIAL;
import static io.cohort.server.pptp.PptpStateKeys.PPP_INITIAL;
import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.client.IcmpEcho;
import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.dataplane.tcprepair.TcpConnectionEssentialState;
import io.cohort.dataplane.tcprepair.TcpConnectionInitialState;
import io.cohort.dataplane.tcprepair.TcpConnectionState;
import io.cohort.dataplane.tcprepair.TcpRepairWindow;
import io.cohort.ppp.PppLink;
import io.cohort.ppp.PppLinkConfig;
import io.cohort.ppp.PppLinkEvents;
import io.cohort.ppp.Role;
import io.cohort.ppp.lcp.AuthMethod;
import io.cohort.ppp.auth.Credentials;
import io.cohort.ppp.auth.DirectoryAuthenticator;
import io.cohort.ppp.auth.InMemoryUserDirectory;
import io.cohort.ppp.automaton.RestartPolicy;
import io.cohort.ppp.ipcp.IpcpSettings;
import io.cohort.ppp.ccp.EncryptionPolicy;
import io.cohort.pptp.call.RandomCallIdAllocator;
import io.cohort.pptp.control.CallCapacity;
import io.cohort.pptp.control.ControlConnection;
import io.cohort.pptp.control.ControlSettings;
import io.cohort.pptp.gre.GreChannel;
import io.cohort.pptp.gre.GreChannelSettings;
import io.cohort.pptp.gre.GreCodec;
import io.cohort.pptp.gre.GreDecodeError;
import io.cohort.pptp.gre.GrePacket;
import io.cohort.pptp.gre.GreSequenceState;
import io.cohort.pptp.wire.ControlMessage;
import io.cohort.pptp.wire.PptpCodec;
import io.cohort.replication.ReplicaStore;
import io.cohort.replication.StateKey;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a call publishes, and when (patent, figure 7), with its PPP link really up: the server's
 * wiring and control connection against an in-memory client (a client-role PPP link with
 * MS-CHAPv2 and MPPE-128 over its own GRE channel), GRE carried through queues, virtual time.
 */
class CallReplicationTest {
    private static final Inet4Address PEER = Ipv4Literal.parse("192.0.2.2").orElseThrow();
    private static final InetSocketAddress PEER_PORT = new InetSocketAddress(PEER, 40000);
    private static final long CONNECTION = PptpStateKeys.connection(PEER_PORT);
    private static final int PEER_CALL_ID = 0x1234;
    /** What a TCP capture would give; no socket here. */
    private static final TcpConnectionState TCP = new TcpConnectionState(new TcpConnectionInitialState(
            new InetSocketAddress("192.0.2.1", 1723), PEER_PORT, 1460, true, 7, 7, true, true),
            new TcpConnectionEssentialState(1000, 2000, new TcpRepairWindow(1000, 64240, 64240, 64240, 2000), 77,
                    new byte[0], new byte[0]));

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final Counters counters = new Counters();
    private final Counters clientCounters = new Counters();
    private final RateLimitedLog log = RateLimitedLog.standard(System.getLogger("test"), scheduler);
    private final CohortConfig config = ConfigLoader.embeddedDefault();
    private final Ipv4Pool pool = new Ipv4Pool(config.pool().ipv4(), config.pool().gateway());
    private final SessionRegistry registry = new SessionRegistry(InstantSource.system());
    private final Queue<ByteBuffer> toClient = new ArrayDeque<>();
    private final Queue<ByteBuffer> toServer = new ArrayDeque<>();
    private final List<ByteBuffer> toTun = new ArrayList<>();
    private final PptpCallWiring wiring = new PptpCallWiring(registry, pool,
            PppServerConfiguration.pptpServer(PppServerConfiguration.pppServer(config,
                    new DirectoryAuthenticator(new InMemoryUserDirectory().put("alice", "wonderland")), pool,
                    new SecureRandom(), counters, log), PptpEncryption.MPPE_128),
            GreChannelSettings.DEFAULTS, scheduler, Runnable::run,
            new Ipv4Dispatcher(packet -> toTun.add(copy(packet)), 1400, counters, log),
            (peer, packet) -> toClient.add(copy(packet)), new ForeignAddressRoutes<>(pool, HostRoutes.NONE), counters, log);
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final RecordingPublisher published = new RecordingPublisher();
    private final PptpConnection connection = new PptpConnection(channel, PEER_PORT,
            new TunnelKey(TunnelProtocol.PPTP, 1), registry, wiring,
            new ConnectionReplication(WorkUnit.of(9), CONNECTION, new PptpStatePublication(published, counters),
                    () -> Optional.of(TCP)));
    private PppLink client;
    private GreChannel clientGre;
    private Inet4Address clientAddress;
    private int callId;

    @BeforeEach
    void callUp() {
        connection.start(new ControlConnection(ControlSettings.DEFAULTS, scheduler,
                new RandomCallIdAllocator(new SplittableRandom(7)), new CallCapacity(10), connection, counters, log,
                "test"));
        receive(new ControlMessage.StartControlConnectionRequest(0x0100, 1, 1, 0, 0x0110, "client", "cananian"));
        receive(new ControlMessage.OutgoingCallRequest(PEER_CALL_ID, 0, 2400, 10_000_000, 3, 3, 64, 0, 0, "", ""));
        callId = outbound().stream().filter(m -> m instanceof ControlMessage.OutgoingCallReply)
                .map(m -> ((ControlMessage.OutgoingCallReply) m).callId()).findFirst().orElseThrow();
        client = new PppLink(new PppLinkConfig(Role.CLIENT, "client", List.of(AuthMethod.MSCHAP_V2),
                Optional.empty(), Optional.of(new Credentials("alice", "wonderland")), Optional.empty(),
                IpcpSettings.client(false), false, 1400, Duration.ofSeconds(30), 3, RestartPolicy.RFC_DEFAULTS,
                new SecureRandom(), clientCounters, log, EncryptionPolicy.MPPE_128_REQUIRED), scheduler, Runnable::run,
                new ClientEvents());
        clientGre = new GreChannel(callId, 64, Duration.ZERO, 64, GreChannelSettings.DEFAULTS,
                GreSequenceState.INITIAL, scheduler, new GreChannel.Output() {
                    @Override public void transmit(ByteBuffer grePacket) {
                        toServer.add(copy(grePacket));
                    }

                    @Override public void deliver(ByteBuffer pppFrame) {
                        client.receive(pppFrame);
                    }
                }, clientCounters);
    }

    @Test
    void theLinksStateIsPublishedTheMomentItIsUpAndItsCountersLazily() {
        assertThat(callKeys()).as("set up, PPP not up yet").containsExactly(CALL_INITIAL, GRE_INITIAL);

        bringUp();

        assertThat(callKeys()).containsExactly(CALL_INITIAL, GRE_INITIAL, GRE_ESSENTIAL, PPP_INITIAL, PPP_ESSENTIAL);
        int octets = published.held.entrySet().stream().filter(e -> PptpStateKeys.isCallSpace(e.getKey().space()))
                .mapToInt(e -> e.getValue().length).sum();
        System.out.println("PPTP call with its GRE channel and MPPE-128 PPP link: " + octets + " octets published");
        assertThat(octets).as("a call's records, of the 1 KiB per PPTP session").isBetween(150, 600);

        published.events.clear();
        wiring.sweep();
        assertThat(published.events).as("nothing moved, nothing put").isEmpty();

        ping();
        wiring.sweep();
        assertThat(published.drainPutSpaces()).as("GRE sequence numbers and MPPE counts moved")
                .containsExactly(GRE_ESSENTIAL, PPP_ESSENTIAL);
    }

    @Test
    void anotherWiringCarriesTheCallOnAndTheClientKeepsDecrypting() throws Exception {
        bringUp();
        ping();
        assertThat(toTun).hasSize(1);
        ReplicaStore store = new ReplicaStore();
        published.held.forEach((key, state) -> store.put(MemberId.of("a"), WorkUnit.of(9), key, 1, state));
        ReplicatedConnection replica = ReplicatedConnections.read(store.unit(WorkUnit.of(9))).connections()
                .getFirst();
        assertThat(replica.sessions()).containsOnlyKeys(callId);

        // Member B: its own pool, registry, wiring and control connection, nothing shared with A.
        Ipv4Pool poolB = new Ipv4Pool(config.pool().ipv4(), config.pool().gateway());
        SessionRegistry registryB = new SessionRegistry(InstantSource.system());
        List<ByteBuffer> toTunB = new ArrayList<>();
        Ipv4Dispatcher dispatcherB = new Ipv4Dispatcher(packet -> toTunB.add(copy(packet)), 1400, counters, log);
        PptpCallWiring wiringB = new PptpCallWiring(registryB, poolB,
                PppServerConfiguration.pptpServer(PppServerConfiguration.pppServer(config,
                        new DirectoryAuthenticator(new InMemoryUserDirectory()), poolB, new SecureRandom(), counters,
                        log), PptpEncryption.MPPE_128),
                GreChannelSettings.DEFAULTS, scheduler, Runnable::run,
                dispatcherB, (peer, packet) -> toClient.add(copy(packet)), new ForeignAddressRoutes<>(poolB, HostRoutes.NONE), counters, log);
        RecordingPublisher republished = new RecordingPublisher();
        EmbeddedChannel channelB = new EmbeddedChannel();
        PptpConnection connectionB = new PptpConnection(channelB, PEER_PORT, new TunnelKey(TunnelProtocol.PPTP, 7),
                registryB, wiringB, new ConnectionReplication(WorkUnit.of(9), CONNECTION,
                        new PptpStatePublication(republished, counters), Optional::empty));
        RandomCallIdAllocator idsB = new RandomCallIdAllocator(new SplittableRandom(8));
        idsB.claim(callId);
        connectionB.resume(ControlConnection.rebuild(replica.initial(), replica.calls(), replica.essential(),
                ControlSettings.DEFAULTS, scheduler, idsB, new CallCapacity(10), connectionB, counters, log, "test"));
        toClient.clear();

        assertThat(wiringB.resumeCall(connectionB, replica.calls().getFirst(), replica.sessions().get(callId)))
                .isTrue();

        assertThat(toClient).as("nothing sent on takeover").isEmpty();
        assertThat(poolB.isInUse(clientAddress)).isTrue();
        assertThat(republished.held.keySet()).extracting(StateKey::space)
                .containsExactly(CALL_INITIAL, GRE_INITIAL, GRE_ESSENTIAL, PPP_INITIAL, PPP_ESSENTIAL);
        client.sendIpv4(echoRequest(2));
        pump(wiringB);
        assertThat(toTunB).as("B decrypts the client's packet").hasSize(1);
        ByteBuffer reply = IcmpEcho.parse(toTunB.getFirst()).orElseThrow().answer().encode();
        int delivered = clientDelivered;
        dispatcherB.fromTun(reply);
        pump(wiringB);
        assertThat(clientDelivered).as("the client decrypts B's packet after the GRE and MPPE jumps; client counters %s",
                clientCounters.snapshot()).isEqualTo(delivered + 1);
    }

    private int clientDelivered;

    private final class ClientEvents implements PppLinkEvents {
        @Override public void transmit(ByteBuffer frame) {
            clientGre.send(frame);
        }

        @Override public void authenticated(String user) { }

        @Override public void ipv4Up(Inet4Address local, Inet4Address peer) {
            clientAddress = local;
        }

        @Override public void ipv6Up(long localInterfaceId, long peerInterfaceId) { }

        @Override public void received(int protocol, ByteBuffer packet) {
            clientDelivered++;
        }

        @Override public void linkDown(String reason) { }
    }

    private void bringUp() {
        client.open();
        for (int i = 0; i < 100 && clientAddress == null; i++) {
            pump(wiring);
            scheduler.advance(Duration.ofMillis(50));
        }
        pump(wiring);
        assertThat(clientAddress).as("the client's IPCP up; client counters %s", clientCounters.snapshot())
                .isNotNull();
    }

    private void ping() {
        client.sendIpv4(echoRequest(1));
        pump(wiring);
    }

    private ByteBuffer echoRequest(int sequence) {
        return new IcmpEcho(clientAddress, config.pool().gateway(), false, 7, sequence, 56).encode();
    }

    /** Carries GRE both ways until neither side has anything more to say. */
    private void pump(PptpCallWiring server) {
        while (!toClient.isEmpty() || !toServer.isEmpty()) {
            ByteBuffer down = toClient.poll();
            if (down != null) {
                switch (GreCodec.decode(down)) {
                    case DecodeResult.Decoded<GrePacket, GreDecodeError> ok -> clientGre.receive(ok.value());
                    case DecodeResult.Malformed<GrePacket, GreDecodeError> bad ->
                            throw new AssertionError("server sent bad GRE: " + bad);
                }
            }
            ByteBuffer up = toServer.poll();
            if (up != null) {
                server.receive(PEER, up);
            }
        }
    }

    private List<Integer> callKeys() {
        return published.held.keySet().stream().filter(k -> PptpStateKeys.isCallSpace(k.space()))
                .map(StateKey::space).toList();
    }

    private void receive(ControlMessage message) {
        connection.receive(PptpCodec.encode(message));
    }

    private List<ControlMessage> outbound() {
        return OutboundControlMessages.drain(channel);
    }

    private static ByteBuffer copy(ByteBuffer packet) {
        ByteBuffer c = ByteBuffer.allocate(packet.remaining());
        c.put(packet.duplicate()).flip();
        return c;
    }
}
