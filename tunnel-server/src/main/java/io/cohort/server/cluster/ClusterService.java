package io.cohort.server.cluster;

import io.cohort.cluster.keepalive.KeepalivePolicy;
import io.cohort.cluster.link.LinkSettings;
import io.cohort.cluster.link.SecureLink;
import io.cohort.cluster.link.SharedConfiguration;
import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.membership.ClusterApplication;
import io.cohort.cluster.membership.ClusterView;
import io.cohort.cluster.membership.MasterAnnouncer;
import io.cohort.cluster.membership.NodeSettings;
import io.cohort.cluster.message.MemberAddress;
import io.cohort.cluster.pki.MemberCredential;
import io.cohort.cluster.pki.MemberCredentialVerifier;
import io.cohort.cluster.pki.PemFiles;
import io.cohort.cluster.runtime.ClusterMember;
import io.cohort.cluster.transport.TransportSettings;
import io.cohort.replication.ReplicaStore;
import io.cohort.replication.transport.ReplicationService;
import io.cohort.replication.transport.ReplicationSettings;
import io.cohort.server.config.ClusterSection;
import io.cohort.server.config.CohortConfig;
import io.cohort.server.config.ConfigException;
import io.cohort.server.config.FetchedConfigurations;
import io.cohort.server.config.LoadedConfiguration;
import io.cohort.server.config.SteeringSection;
import io.cohort.server.control.api.ClusterDocument;
import io.cohort.steering.member.MemberSteering;
import io.cohort.telemetry.Counters;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bouncycastle.cert.X509CertificateHolder;
import org.pcap4j.util.MacAddress;

/**
 * The server's cluster member, started from {@code [cluster]}: credentials from {@code pki-dir},
 * the transport and the failure-detection policy from their keys, the registered protocols as its
 * applications. A stale configuration fetched from the cluster is adopted (this member's own
 * sections kept), stored in the state directory and the server restarted on it.
 */
public final class ClusterService implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ClusterService.class.getName());

    private final ClusterMember member;
    private final ReplicationService replication;
    private final ReplicaStore replicas;
    private final List<UnitOwnership> registrations;
    private final Optional<MemberSteering> steering;

    private ClusterService(ClusterMember member, ReplicationService replication, ReplicaStore replicas,
                           List<UnitOwnership> registrations, Optional<MemberSteering> steering) {
        this.member = member;
        this.replication = replication;
        this.replicas = replicas;
        this.registrations = registrations;
        this.steering = steering;
    }

    /**
     * Starts the member of {@code loaded}'s {@code [cluster]} (which must be enabled);
     * {@code restart} restarts the server on a newly stored configuration.
     */
    public static ClusterService start(LoadedConfiguration loaded, ClusterRegistrations registrations, Counters counters,
                                       Runnable restart, Optional<MemberSteering> steering) throws IOException {
        try {
            return startMember(loaded, registrations, counters, restart, steering);
        } catch (IOException | RuntimeException e) {
            steering.ifPresent(MemberSteering::close);
            throw e;
        }
    }

    private static ClusterService startMember(LoadedConfiguration loaded, ClusterRegistrations registrations,
                                        Counters counters, Runnable restart, Optional<MemberSteering> steering)
            throws IOException {
        ClusterSection c = loaded.config().cluster();
        MemberId id = MemberId.of(c.name());
        Path pki = c.pkiDir();
        Path certificate = pki.resolve("members").resolve(c.name() + ".crt");
        Path key = pki.resolve("members").resolve(c.name() + ".key");
        MemberCredential credential = new MemberCredential(read(certificate, PemFiles::readCertificate),
                read(key, PemFiles::readPrivateKey));
        X509CertificateHolder ca = read(pki.resolve("ca.crt"), PemFiles::readCertificate);
        MemberCredentialVerifier verifier = new MemberCredentialVerifier(ca,
                read(pki.resolve("crl.pem"), PemFiles::readRevocationList), InstantSource.system());
        KeepalivePolicy policy = c.keepalivePolicy();
        MemberAddress address = new MemberAddress(c.address().orElseThrow(), c.port());
        NodeSettings node = NodeSettings.defaults(id, address, System.currentTimeMillis()).withKeepalive(policy)
                .withAssignAllUnits(c.assignAllUnits());
        ClusterMember.Settings settings = new ClusterMember.Settings(node, transport(c), LinkSettings.defaults(),
                c.configVersion());
        SharedConfiguration shared = new SharedConfiguration(c.configVersion(),
                loaded.text().getBytes(StandardCharsets.UTF_8));
        // State goes over TCP at the member's cluster address and port, beside the cluster's UDP.
        ReplicationService replication = startReplication(id, address, credential, ca, verifier,
                registrations.replicas(), counters);
        ReplicationMembership replicationPeers = new ReplicationMembership(replication);
        List<ClusterApplication> applications = new ArrayList<>();
        steering.ifPresent(applications::add); // first: the kernel filter follows a unit before anyone serves it
        applications.addAll(registrations.applications());
        applications.add(replicationPeers);
        ClusterMember member;
        try {
            member = ClusterMember.start(settings, credential, verifier, applications, () -> shared,
                fetched -> adopt(loaded, fetched, restart),
                steering.<MasterAnnouncer>map(s -> s).orElse(MasterAnnouncer.NONE),
                steering.<SecureLink.PacketHandOff>map(s -> s).orElse(
                        (owner, unit, packet) -> counters.counter("cluster.deliver.no_steering").increment()),
                counters);
        } catch (RuntimeException e) {
            replication.close();
            throw e;
        }
        registrations.replicateThrough(replication);
        replication.servedWhile(member::serves);
        replicationPeers.watch(member::view);
        steering.ifPresent(s -> s.attach(member));
        registrations.registered().forEach(r -> r.fencedBy(member::leaseValid));
        registrations.registered().forEach(r -> r.handsOverThrough(replication::flushed));
        return new ClusterService(member, replication, registrations.replicas(), registrations.registered(), steering);
    }

    private static ReplicationService startReplication(MemberId id, MemberAddress address, MemberCredential credential,
                                                       X509CertificateHolder ca, MemberCredentialVerifier verifier,
                                                       ReplicaStore replicas, Counters counters) throws IOException {
        InetSocketAddress listen = new InetSocketAddress(address.ip(), address.port());
        try {
            return ReplicationService.start(id, ReplicationSettings.defaults(listen), credential, ca, () -> verifier,
                    replicas, counters);
        } catch (RuntimeException e) {
            throw new IOException("cannot start the state replication on TCP " + listen.getAddress().getHostAddress()
                    + ":" + listen.getPort() + ": " + e.getMessage(), e);
        }
    }

    /**
     * This member's steering, prepared, if {@code [steering]} has a mode: before the protocols
     * start, since they bind the cluster IP it puts on {@code lo}. The caller closes it if the
     * server does not start; once {@link #start} has it, the service closes it.
     */
    public static Optional<MemberSteering> prepareSteering(CohortConfig config, Counters counters) throws IOException {
        SteeringSection s = config.steering();
        if (s.mode().isEmpty()) {
            return Optional.empty();
        }
        MemberId id = MemberId.of(config.cluster().name());
        MemberSteering.Settings settings = new MemberSteering.Settings(s.mode().get(), s.address().orElseThrow(),
                s.interfaceName(), s.mac().map(MacAddress::getByName), config.l2tp().port(), config.pptp().port());
        return Optional.of(MemberSteering.prepare(settings, id, counters));
    }

    /** A reader of one PEM file. */
    @FunctionalInterface
    private interface PemReader<T> {
        T read(Path file) throws IOException;
    }

    /** Reads {@code file}, naming it and what is wrong (never its content) if it cannot. */
    private static <T> T read(Path file, PemReader<T> reader) throws IOException {
        try {
            return reader.read(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException("cluster credentials: " + file + " does not exist (cohort pki issue/init-ca writes it; "
                    + "[cluster] pki-dir)", e);
        } catch (IOException e) {
            throw new IOException("cluster credentials: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static TransportSettings transport(ClusterSection c) {
        TransportSettings t = switch (c.transport()) {
            case MULTICAST -> TransportSettings.multicast(c.address().orElseThrow(), c.port(), c.group().orElseThrow(),
                    c.interfaceName());
            case BROADCAST -> TransportSettings.broadcast(c.address().orElseThrow(), c.port(), c.broadcast().orElseThrow());
            case STATIC -> TransportSettings.staticPeers(c.address().orElseThrow(), c.port(), c.peers());
        };
        // A master keepalive listing many assignments is several kilobytes: IP fragments on the cluster LAN.
        return t.withMaxDatagram(TransportSettings.MAX_UDP_PAYLOAD);
    }

    private static void adopt(LoadedConfiguration loaded, SharedConfiguration fetched, Runnable restart) {
        Path file = loaded.config().cluster().fetchedConfiguration();
        try {
            String text = FetchedConfigurations.adopt(new String(fetched.content(), StandardCharsets.UTF_8),
                    fetched.version(), loaded.text());
            FetchedConfigurations.store(file, text);
        } catch (ConfigException e) {
            LOG.severe("the configuration version " + fetched.version() + " fetched from the cluster is invalid here ("
                    + e.errors().size() + " errors, first: " + e.errors().getFirst() + "); staying out of the cluster "
                    + "until this member's configuration is updated by hand");
            return;
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "cannot store the configuration fetched from the cluster in " + file, e);
            return;
        }
        LOG.warning("configuration version " + fetched.version() + " fetched from the cluster and stored in " + file
                + "; restarting on it");
        restart.run();
    }

    public ClusterView view() {
        return member.view();
    }

    /**
     * Drains this member ({@code cohort drain}) or ends its drain ({@link ClusterMember#drain}):
     * the master moves its units away live and gives it none. Returns whether that changed anything.
     */
    public boolean drain(boolean on) {
        return member.drain(on);
    }

    public List<UnitOwnership> registrations() {
        return registrations;
    }

    /** The state replication between this member and the others. */
    public ReplicationService replication() {
        return replication;
    }

    /** What the state replication does now, for {@code cohort cluster}. */
    public ClusterDocument.Replication replicationStatus() {
        return ClusterDocument.Replication.of(replication.status(), replicas);
    }

    /**
     * Before this member leaves on purpose (a stop, not a crash): with steering and another member
     * to take over, this member's state is flushed to the others (at most {@code wait}), then it
     * stops serving its units and lets their sessions go without a word to the peers, so that the
     * members its units go to when it leaves carry them on (patent, figure 7). Returns whether it
     * handed them over; without steering, or alone, the sessions stay to be closed as usual.
     */
    public boolean handOverSessions(Duration wait) {
        if (registrations.isEmpty() || !registrations.getFirst().steering()
                || member.view().members().stream().noneMatch(m -> !m.id().equals(member.view().self()))) {
            return false;
        }
        long start = System.nanoTime();
        boolean flushed = await(replication.flushed(), wait);
        List<CompletableFuture<?>> released = new ArrayList<>();
        for (UnitOwnership r : registrations) {
            r.unitsRevoked(r.owned());
            released.add(r.settled().toCompletableFuture());
        }
        boolean let = await(CompletableFuture.allOf(released.toArray(CompletableFuture[]::new)), wait);
        long millis = (System.nanoTime() - start) / 1_000_000;
        LOG.info(() -> "handing this member's sessions over to the cluster: state " + (flushed ? "flushed" : "NOT flushed")
                + " to every peer, sessions " + (let ? "let go" : "NOT all let go") + " in " + millis + " ms");
        return true;
    }

    private static boolean await(CompletionStage<?> stage, Duration wait) {
        try {
            stage.toCompletableFuture().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() {
        member.close();
        replication.close();
        steering.ifPresent(MemberSteering::close);
    }
}
