package io.cohort.server.pptp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.unit.UnitIdSpace;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.ppp.auth.DirectoryAuthenticator;
import io.cohort.ppp.auth.InMemoryUserDirectory;
import io.cohort.pptp.call.RandomCallIdAllocator;
import io.cohort.pptp.control.CallCapacity;
import io.cohort.pptp.control.ControlConnection;
import io.cohort.pptp.control.ControlSettings;
import io.cohort.pptp.control.UnknownCallAnswers;
import io.cohort.pptp.gre.GreChannelSettings;
import io.cohort.pptp.gre.GreCodec;
import io.cohort.pptp.gre.GreHeader;
import io.cohort.pptp.wire.ControlMessage;
import io.cohort.pptp.wire.PptpCodec;
import io.cohort.server.cluster.ClusterRegistrations;
import io.cohort.server.cluster.UnitHandover;
import io.cohort.server.cluster.UnitOwnership;
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
import io.cohort.telemetry.AnswerBudget;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.time.VirtualScheduler;
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
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * GRE for a Call ID no call has, through the wiring to {@link UnknownGreCalls}: a lone server
 * answers with a Call-Disconnect-Notify on the peer's control connection; a member only while it
 * serves the call's work unit, never during its takeover, never fenced, never on a connection of
 * another unit.
 */
class UnknownGreCallsTest {
    private static final Inet4Address PEER = Ipv4Literal.parse("192.0.2.2").orElseThrow();
    private static final WorkUnit UNIT = WorkUnit.of(5);
    private static final int LOST_CALL = UnitIdSpace.id(UNIT, 9);

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final Counters counters = new Counters();
    private final RateLimitedLog log = RateLimitedLog.standard(System.getLogger("test"), scheduler);
    private final CohortConfig config = ConfigLoader.embeddedDefault();
    private final Ipv4Pool pool = new Ipv4Pool(config.pool().ipv4(), config.pool().gateway());
    private final SessionRegistry registry = new SessionRegistry(InstantSource.system());
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final List<PptpConnection> connections = new ArrayList<>();
    private final CompletableFuture<Void> rebuilt = new CompletableFuture<>();
    private final AtomicBoolean lease = new AtomicBoolean(true);
    private PptpCallWiring wiring;

    private void serve(UnitOwnership ownership, WorkUnit connectionUnit) {
        UnknownGreCalls unknown = new UnknownGreCalls(ownership, () -> connections,
                new UnknownCallAnswers(AnswerBudget.standard(scheduler), counters, log));
        wiring = new PptpCallWiring(registry, pool,
                PppServerConfiguration.pptpServer(PppServerConfiguration.pppServer(config,
                        new DirectoryAuthenticator(new InMemoryUserDirectory()), pool, new SecureRandom(), counters, log),
                        PptpEncryption.MPPE_128),
                GreChannelSettings.DEFAULTS, scheduler, Runnable::run, new Ipv4Dispatcher(packet -> { }, 1400, counters, log),
                (peer, packet) -> { }, new ForeignAddressRoutes<>(pool, HostRoutes.NONE), counters, log,
                unknown::received);
        PptpConnection connection = new PptpConnection(channel, new InetSocketAddress(PEER, 40000),
                new TunnelKey(TunnelProtocol.PPTP, 1), registry, wiring,
                new ConnectionReplication(connectionUnit, PptpStateKeys.connection(new InetSocketAddress(PEER, 40000)),
                        new PptpStatePublication(new RecordingPublisher(), counters), Optional::empty));
        connection.start(new ControlConnection(ControlSettings.DEFAULTS, scheduler,
                new RandomCallIdAllocator(new SplittableRandom(7)), new CallCapacity(10), connection, counters, log,
                "test"));
        connection.receive(PptpCodec.encode(
                new ControlMessage.StartControlConnectionRequest(0x0100, 1, 1, 0, 0x0110, "client", "cananian")));
        OutboundControlMessages.drain(channel);
        connections.add(connection);
    }

    private UnitOwnership steered() {
        UnitOwnership ownership = new ClusterRegistrations(true, scheduler::nanos).register("pptp");
        ownership.fencedBy(lease::get);
        ownership.handover(new UnitHandover() {
            @Override public CompletionStage<?> takeOver(Set<WorkUnit> units) { return rebuilt; }
            @Override public CompletionStage<?> release(Set<WorkUnit> units) { return CompletableFuture.completedFuture(null); }
        });
        return ownership;
    }

    /** GRE for the lost call, a second after the last, and the Call IDs of the Call-Disconnect-Notifys it drew. */
    private List<Integer> greForTheLostCall() {
        scheduler.advance(Duration.ofSeconds(1));
        byte[] lcp = {(byte) 0xff, 0x03, (byte) 0xc0, 0x21, 9, 1, 0, 4};
        wiring.receive(PEER, GreCodec.encode(new GreHeader(lcp.length, LOST_CALL, OptionalLong.of(3),
                OptionalLong.empty()), ByteBuffer.wrap(lcp)));
        return OutboundControlMessages.drain(channel).stream()
                .map(m -> ((ControlMessage.CallDisconnectNotify) m).callId()).toList();
    }

    @Test
    void aLoneServerAnswersOnThePeersControlConnection() {
        serve(ClusterRegistrations.standalone().register("pptp"), WorkUnit.of(700));

        assertThat(greForTheLostCall()).containsExactly(LOST_CALL);
        assertThat(counters.get("pptp.gre.rx.unknown_call")).isEqualTo(1);
        assertThat(counters.get("pptp.tx.unknown_call_answer")).isEqualTo(1);
    }

    @Test
    void aMemberAnswersOnlyWhileItServesTheCallsUnit() throws Exception {
        UnitOwnership ownership = steered();
        serve(ownership, UNIT);

        assertThat(greForTheLostCall()).as("another member's unit").isEmpty();
        ownership.unitsAssigned(Set.of(UNIT));
        assertThat(greForTheLostCall()).as("being taken over: replicas not rebuilt yet").isEmpty();
        rebuilt.complete(null);
        ownership.settled().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(greForTheLostCall()).as("served for a second only: it may be about to move").isEmpty();
        scheduler.advance(Duration.ofSeconds(4));
        assertThat(greForTheLostCall()).as("served for 5 s: the call is nowhere").containsExactly(LOST_CALL);
        lease.set(false);
        assertThat(greForTheLostCall()).as("fenced").isEmpty();
        assertThat(counters.get("pptp.tx.unknown_call_answer.skipped.state_elsewhere")).isEqualTo(4);
    }

    @Test
    void aMemberNeverAnswersOnAConnectionOfAnotherUnit() throws Exception {
        UnitOwnership ownership = steered();
        serve(ownership, WorkUnit.of(UNIT.value() + 1));
        rebuilt.complete(null);
        ownership.unitsAssigned(Set.of(UNIT, WorkUnit.of(UNIT.value() + 1)));
        ownership.settled().toCompletableFuture().get(5, TimeUnit.SECONDS);
        scheduler.advance(Duration.ofSeconds(5));

        assertThat(greForTheLostCall()).isEmpty();
        assertThat(counters.get("pptp.tx.unknown_call_answer.skipped.no_connection")).isEqualTo(1);
    }
}
