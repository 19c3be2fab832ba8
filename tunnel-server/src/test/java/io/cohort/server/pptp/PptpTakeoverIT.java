package io.cohort.server.pptp;

import static io.cohort.server.pptp.PptpServerFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.client.ClientOptions;
import io.cohort.client.ClientSession;
import io.cohort.client.IcmpEcho;
import io.cohort.client.pptp.PptpClient;
import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.replication.StateKey;
import io.cohort.replication.UnitStatePublisher;
import io.cohort.server.cluster.ClusterRegistrations;
import io.cohort.server.cluster.UnitOwnership;
import io.cohort.server.registry.SessionState;
import io.cohort.server.registry.TunnelProtocol;
import io.cohort.testbed.Netns;
import io.cohort.testbed.Privileges;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A member dies and its PPTP user notices nothing (patent, figure 7): server A (the production
 * runtime, TUN and all) serves the in-repo client's call with pings flowing, and publishes its
 * state into the replica store of B, as replication would. A is then abandoned without a packet
 * to the client (its units handed over: TCP socket closed in repair mode, GRE socket closed) and
 * server B starts in the same namespace, on the same address, and takes every unit over from the
 * store. The client's TCP connection carries on with B (no new SYN, no reset; B's Echo-Requests
 * are answered, 3.1.4) and its pings continue through B.
 *
 * <pre>
 *   pac 192.0.2.2/24 ── pns 192.0.2.1 (TCP 1723, GRE) ─ TUN 10.98.0.0/24: A, then B
 * </pre>
 */
class PptpTakeoverIT {
    private static final String SERVER = PptpServerFixture.SERVER;
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Duration PING_INTERVAL = Duration.ofMillis(20);
    private static final int IDENTIFIER = 0x7a6b;

    @TempDir
    Path dir;
    private SuccessiveServers servers;

    @BeforeEach
    void network() throws Exception {
        Privileges.assumeNetworkAdmin();
        servers = SuccessiveServers.create(dir);
    }

    @AfterEach
    void tearDown() {
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    void anotherServerCarriesOnTheControlConnectionAndTheCallWithoutTheClientNoticing() throws Exception {
        ClusterRegistrations atA = new ClusterRegistrations(false);
        ClusterRegistrations atB = new ClusterRegistrations(false);
        atA.replicateThrough(into(atB, MemberId.of("a")));
        RecordingPublisher republished = new RecordingPublisher();
        atB.replicateThrough(republished);
        SuccessiveServers.Server a = servers.start(atA);

        try (PptpClient pptp = servers.client.runInside(() -> PptpClient.open(ClientOptions.of(
                new InetSocketAddress(SERVER, PptpClient.PORT), "alice", "wonderland")))) {
            ClientSession session = servers.client.runInside(pptp::connect);
            Inet4Address gateway = servers.config.pool().gateway();
            Pinger pinger = new Pinger(session, gateway);
            pinger.start();
            await("pings answered by A", () -> pinger.replies() >= 10, WAIT, pinger::toString);
            await("the call's PPP link published", () -> atB.replicas().entries() >= 9, WAIT,
                    () -> atB.replicas().entries() + " keys");
            long tcpOpensBefore = tcpCounter(servers.client, "ActiveOpens");

            long abandoned = System.nanoTime();
            abandon(a);
            SuccessiveServers.Server b = servers.start(atB);
            ownership(b.registrations()).unitsAssigned(allUnits());
            ownership(b.registrations()).settled().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            long takenOver = System.nanoTime();
            int repliesAtTakeover = pinger.replies();

            await("pings answered by B", () -> pinger.replies() >= repliesAtTakeover + 25, WAIT, pinger::toString);
            await("two Echo-Requests of B answered (3.1.4)",
                    () -> b.counters().counter("pptp.control.tx.echo_request").get() >= 2
                            && b.registry().tunnels().size() == 1, WAIT, () -> b.counters().snapshot().toString());
            pinger.stop();

            Duration gap = pinger.longestGap();
            System.out.printf("PPTP takeover: A abandoned to B serving %d ms; longest gap between echo replies"
                    + " %d ms (%d requests, %d replies)%n",
                    TimeUnit.NANOSECONDS.toMillis(takenOver - abandoned), gap.toMillis(), pinger.sent(),
                    pinger.replies());
            assertThat(b.counters().counter("pptp.takeover.connections").get()).isEqualTo(1);
            assertThat(b.counters().counter("pptp.takeover.failed").get()).isZero();
            assertThat(b.counters().counter("pptp.takeover.calls_cleared").get()).isZero();
            assertThat(b.counters().counter("pptp.control.echo_timeout").get()).isZero();
            assertThat(b.counters().counter("pptp.control.established").get()).as("no new start exchange").isZero();
            assertThat(b.registry().sessions()).singleElement().satisfies(s -> {
                assertThat(s.key().tunnel().protocol()).isEqualTo(TunnelProtocol.PPTP);
                assertThat(s.state()).isEqualTo(SessionState.UP);
                assertThat(s.address()).contains(session.address());
                assertThat(s.user()).contains("alice");
            });
            assertThat(b.pool().isInUse(session.address())).isTrue();
            assertThat(atB.replicas().entries()).as("B forgot the replicas it rebuilt from").isZero();
            assertThat(republished.heldKeys()).as("B publishes the connection and the call as its own").hasSize(9);
            assertThat(a.counters().counter("pptp.replication.tcp.capture_failed").get()).isZero();
            assertThat(a.counters().counter("pptp.replication.tcp.unsupported").get()).isZero();
            assertThat(tcpCounter(servers.client, "ActiveOpens")).as("no new SYN").isEqualTo(tcpOpensBefore);
            assertThat(tcpCounter(servers.client, "EstabResets")).as("no reset").isZero();
            assertThat(pptp.counters().get("pptp.pns.echo_timeout")).isZero();
            assertThat(servers.fatal).isEmpty();
            session.close();
        }
    }

    /**
     * A stops serving as a member that died would, but sending nothing: its units are handed over
     * (its TCP connection frozen in repair mode and closed, its calls dropped), then it stops,
     * closing its GRE socket, listener and TUN device.
     */
    private void abandon(SuccessiveServers.Server a) throws Exception {
        UnitOwnership pptp = ownership(a.registrations());
        pptp.unitsRevoked(allUnits());
        pptp.settled().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        servers.stop(a);
    }

    private static UnitOwnership ownership(ClusterRegistrations registrations) {
        return registrations.registered().stream().filter(o -> o.protocol().equals("pptp")).findFirst().orElseThrow();
    }

    private static Set<WorkUnit> allUnits() {
        return IntStream.range(0, WorkUnit.COUNT).mapToObj(WorkUnit::of).collect(Collectors.toSet());
    }

    /** What replication would do: every put and removal of one member lands in another's replica store. */
    private static UnitStatePublisher into(ClusterRegistrations other, MemberId origin) {
        return new UnitStatePublisher() {
            @Override
            public void put(WorkUnit unit, StateKey key, byte[] state) {
                other.replicas().put(origin, unit, key, 1, state);
            }

            @Override
            public void remove(WorkUnit unit, StateKey key) {
                other.replicas().remove(origin, unit, key, 1);
            }
        };
    }

    private static long tcpCounter(Netns ns, String name) {
        List<String> tcp = ns.execOrThrow("cat", "/proc/net/snmp").lines().filter(l -> l.startsWith("Tcp:")).toList();
        List<String> names = List.of(tcp.get(0).split("\\s+"));
        return Long.parseLong(tcp.get(1).split("\\s+")[names.indexOf(name)]);
    }

    /** Echo requests to the gateway every {@link #PING_INTERVAL} from a thread of its own; replies timed. */
    private static final class Pinger {
        private final ClientSession session;
        private final Inet4Address target;
        private final ConcurrentLinkedQueue<Long> replyTimes = new ConcurrentLinkedQueue<>();
        private final Thread thread;
        private volatile boolean running = true;
        private volatile int sent;

        Pinger(ClientSession session, Inet4Address target) {
            this.session = session;
            this.target = target;
            this.thread = Thread.ofPlatform().daemon().name("pinger").unstarted(this::run);
            session.onIpv4(packet -> IcmpEcho.parse(packet)
                    .filter(e -> e.reply() && e.identifier() == IDENTIFIER)
                    .ifPresent(e -> replyTimes.add(System.nanoTime())));
        }

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        private void run() {
            for (int seq = 0; running; seq++) {
                session.sendIpv4(new IcmpEcho(session.address(), target, false, IDENTIFIER, seq & 0xFFFF, 56).encode());
                sent = seq + 1;
                try {
                    Thread.sleep(PING_INTERVAL);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        int sent() {
            return sent;
        }

        int replies() {
            return replyTimes.size();
        }

        Duration longestGap() {
            long longest = 0;
            Long previous = null;
            for (long t : replyTimes) {
                if (previous != null) {
                    longest = Math.max(longest, t - previous);
                }
                previous = t;
            }
            return Duration.ofNanos(longest);
        }

        @Override
        public String toString() {
            return sent + " echo requests sent, " + replies() + " replies";
        }
    }
}
