package io.cohort.server.pptp;

import static io.cohort.server.pptp.PptpStateKeys.CALL_INITIAL;
import static io.cohort.server.pptp.PptpStateKeys.CONNECTION_ESSENTIAL;
import static io.cohort.server.pptp.PptpStateKeys.CONNECTION_INITIAL;
import static io.cohort.server.pptp.PptpStateKeys.GRE_INITIAL;
import static io.cohort.server.pptp.PptpStateKeys.TCP_ESSENTIAL;
import static io.cohort.server.pptp.PptpStateKeys.TCP_INITIAL;
import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.unit.WorkUnit;
import io.cohort.dataplane.tcprepair.TcpConnectionEssentialState;
import io.cohort.dataplane.tcprepair.TcpConnectionInitialState;
import io.cohort.dataplane.tcprepair.TcpConnectionState;
import io.cohort.dataplane.tcprepair.TcpRepairWindow;
import io.cohort.ppp.auth.DirectoryAuthenticator;
import io.cohort.ppp.auth.InMemoryUserDirectory;
import io.cohort.pptp.call.RandomCallIdAllocator;
import io.cohort.pptp.control.CallCapacity;
import io.cohort.pptp.control.ControlConnection;
import io.cohort.pptp.control.ControlSettings;
import io.cohort.pptp.gre.GreChannelSettings;
import io.cohort.pptp.wire.ControlMessage;
import io.cohort.pptp.wire.PptpCodec;
import io.cohort.cluster.member.MemberId;
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
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * What a PPTP control connection publishes, and when (patent, figure 7): a real control
 * connection and call wiring with an embedded channel for TCP, a TCP state source that counts its
 * captures and hands out a state that moves with each capture, and a recording publisher.
 */
class ConnectionReplicationTest {
    private static final Inet4Address PEER = Ipv4Literal.parse("192.0.2.2").orElseThrow();
    private static final InetSocketAddress PEER_PORT = new InetSocketAddress(PEER, 40000);
    private static final WorkUnit UNIT = WorkUnit.of(5);
    private static final long CONNECTION = PptpStateKeys.connection(PEER_PORT);
    private static final int PEER_CALL_ID = 0x1234;

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final Counters counters = new Counters();
    private final RateLimitedLog log = RateLimitedLog.standard(System.getLogger("test"), scheduler);
    private final CohortConfig config = ConfigLoader.embeddedDefault();
    private final Ipv4Pool pool = new Ipv4Pool(config.pool().ipv4(), config.pool().gateway());
    private final SessionRegistry registry = new SessionRegistry(InstantSource.system());
    private final PptpCallWiring wiring = new PptpCallWiring(registry, pool,
            PppServerConfiguration.pptpServer(PppServerConfiguration.pppServer(config,
                    new DirectoryAuthenticator(new InMemoryUserDirectory()), pool, new SecureRandom(), counters, log),
                    PptpEncryption.MPPE_128),
            GreChannelSettings.DEFAULTS, scheduler, Runnable::run,
            new Ipv4Dispatcher(packet -> { }, 1400, counters, log), (peer, packet) -> { }, new ForeignAddressRoutes<>(pool, HostRoutes.NONE), counters, log);
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final RecordingPublisher published = new RecordingPublisher();
    private int captures;
    private final PptpConnection connection = new PptpConnection(channel, PEER_PORT,
            new TunnelKey(TunnelProtocol.PPTP, 1), registry, wiring,
            new ConnectionReplication(UNIT, CONNECTION, new PptpStatePublication(published, counters), this::capture));

    ConnectionReplicationTest() {
        connection.start(new ControlConnection(ControlSettings.DEFAULTS, scheduler,
                new RandomCallIdAllocator(new SplittableRandom(7)), new CallCapacity(10), connection, counters, log,
                "test"));
    }

    @Test
    void nothingIsPublishedBeforeTheConnectionIsEstablished() {
        assertThat(published.events).isEmpty();
        assertThat(captures).isZero();
    }

    @Test
    void theStartExchangePublishesTheConnectionAndItsTcpConnectionInItsUnit() {
        receive(startRequest());

        assertThat(published.drainPutSpaces())
                .containsExactly(CONNECTION_INITIAL, CONNECTION_ESSENTIAL, TCP_INITIAL, TCP_ESSENTIAL);
        assertThat(published.held.keySet()).allSatisfy(k -> assertThat(k.id()).isEqualTo(CONNECTION));
        assertThat(captures).isEqualTo(1);
        assertThat(connectionBytes()).as("connection and TCP state, octets").isBetween(100, 400);
    }

    @Test
    void eachExchangeRepublishesOnlyWhatChanged() {
        receive(startRequest());
        published.drainPutSpaces();

        receive(new ControlMessage.EchoRequest(1));
        assertThat(published.drainPutSpaces()).as("the peer's echo changes only the TCP connection")
                .containsExactly(TCP_ESSENTIAL);

        scheduler.advance(ControlSettings.DEFAULTS.echoInterval());
        assertThat(published.drainPutSpaces()).as("our Echo-Request (3.1.4): its identifier, and TCP")
                .containsExactly(CONNECTION_ESSENTIAL, TCP_ESSENTIAL);
    }

    @Test
    void aCallSetUpPublishesItsInitialStateAndTheConnectionsNewCallList() {
        receive(startRequest());
        published.drainPutSpaces();

        receive(outgoingCall());

        assertThat(published.drainPutSpaces())
                .containsExactly(CALL_INITIAL, GRE_INITIAL, CONNECTION_ESSENTIAL, TCP_ESSENTIAL);
        assertThat(published.held.keySet()).filteredOn(k -> PptpStateKeys.isCallSpace(k.space()))
                .allSatisfy(k -> assertThat(PptpStateKeys.connectionOfCall(k.id())).isEqualTo(CONNECTION));
    }

    @Test
    void theTcpStateWaitsForAWholeMessage() {
        receive(startRequest());
        int before = captures;
        ByteBuffer echo = PptpCodec.encode(new ControlMessage.EchoRequest(9));

        connection.receive(echo.slice(0, 6));
        assertThat(captures).as("half a message: the replica's stream offset would fall inside it").isEqualTo(before);

        connection.receive(echo.slice(6, echo.remaining() - 6));
        assertThat(captures).isEqualTo(before + 1);
    }

    @Test
    void aClearedCallAndAClosedConnectionRemoveTheirKeys() {
        receive(startRequest());
        receive(outgoingCall());

        receive(new ControlMessage.CallClearRequest(PEER_CALL_ID));
        assertThat(published.held.keySet()).extracting(StateKey::space)
                .containsExactlyInAnyOrder(CONNECTION_INITIAL, CONNECTION_ESSENTIAL, TCP_INITIAL, TCP_ESSENTIAL);

        connection.transportClosed("TCP connection closed");
        assertThat(published.held).isEmpty();
    }

    @Test
    void aHandedOverConnectionLeavesItsKeysAndSaysNothingToThePeer() {
        receive(startRequest());
        receive(outgoingCall());
        drainOutbound();
        int keys = published.held.size();
        published.events.clear();

        connection.handOver(new ControlSocketRepair(counters, log));
        channel.runPendingTasks();

        assertThat(published.events).as("the keys are the new owner's now").isEmpty();
        assertThat(published.held).hasSize(keys);
        assertThat(drainOutbound()).as("no Call-Disconnect-Notify, no Stop-Control-Connection-Request").isZero();
        assertThat(registry.tunnels()).isEmpty();
        assertThat(registry.sessions()).isEmpty();
        assertThat(channel.isOpen()).isFalse();
        assertThat(counters.counter("pptp.replication.tcp.unsupported").get()).as("no socket to freeze here")
                .isEqualTo(1);
    }

    @Test
    void whatIsPublishedReadsBackAsTheConnectionWithItsCall() {
        receive(startRequest());
        receive(outgoingCall());
        ReplicaStore store = new ReplicaStore();
        published.held.forEach((key, state) -> store.put(MemberId.of("a"), UNIT, key, 1, state));
        store.put(MemberId.of("a"), UNIT, new StateKey(0x0101, CONNECTION), 1, new byte[] {1}); // another protocol's

        ReplicatedConnections.Reading reading = ReplicatedConnections.read(store.unit(UNIT));

        assertThat(reading.connections()).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo(CONNECTION);
            assertThat(c.initial()).isEqualTo(connection.control().initialState().orElseThrow());
            assertThat(c.essential()).isEqualTo(connection.control().essentialState().orElseThrow());
            assertThat(c.tcp().initial().remote()).isEqualTo(PEER_PORT);
            assertThat(c.calls()).isEqualTo(connection.control().callInitialStates());
            assertThat(c.sessions()).as("the call's PPP link never came up: cleared on takeover").isEmpty();
        });
        assertThat(reading.skipped()).allSatisfy(line -> assertThat(line).contains("no record"));
    }

    @Test
    void aConnectionWithAnUndecodableRecordIsSkippedAndSaysWhy() {
        receive(startRequest());
        ReplicaStore store = new ReplicaStore();
        published.held.forEach((key, state) -> store.put(MemberId.of("a"), UNIT, key, 1, state));
        store.put(MemberId.of("a"), UNIT, new StateKey(TCP_ESSENTIAL, CONNECTION), 1, new byte[] {1, 2, 3});

        ReplicatedConnections.Reading reading = ReplicatedConnections.read(store.unit(UNIT));

        assertThat(reading.connections()).isEmpty();
        assertThat(reading.skipped()).singleElement().asString().contains("undecodable");
    }

    private Optional<TcpConnectionState> capture() {
        captures++;
        TcpConnectionInitialState initial = new TcpConnectionInitialState(new InetSocketAddress("192.0.2.1", 1723),
                PEER_PORT, 1460, true, 7, 7, true, true);
        // Each capture sees the stream moved on, as a real one after an exchange would.
        return Optional.of(new TcpConnectionState(initial, new TcpConnectionEssentialState(1000 + captures,
                2000 + captures, new TcpRepairWindow(1000, 64240, 64240, 64240, 2000), 77 + captures, new byte[0],
                new byte[0])));
    }

    private int connectionBytes() {
        return published.held.values().stream().mapToInt(b -> b.length).sum();
    }

    private void receive(ControlMessage message) {
        connection.receive(PptpCodec.encode(message));
    }

    private static ControlMessage startRequest() {
        return new ControlMessage.StartControlConnectionRequest(0x0100, 1, 1, 0, 0x0110, "client", "cananian");
    }

    private static ControlMessage outgoingCall() {
        return new ControlMessage.OutgoingCallRequest(PEER_CALL_ID, 0, 2400, 10_000_000, 3, 3, 10, 0, 0, "", "");
    }

    /** Octets written to the channel since the last call (empty flushes aside). */
    private int drainOutbound() {
        int octets = 0;
        for (ByteBuf b = channel.readOutbound(); b != null; b = channel.readOutbound()) {
            octets += b.readableBytes();
            b.release();
        }
        return octets;
    }
}
