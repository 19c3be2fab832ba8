package io.cohort.cluster.link;

import io.cohort.cluster.keepalive.KeepalivePolicy;
import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.membership.ClusterApplication;
import io.cohort.cluster.membership.ClusterApplications;
import io.cohort.cluster.membership.ClusterNode;
import io.cohort.cluster.membership.CredentialCheck;
import io.cohort.cluster.membership.MasterAnnouncer;
import io.cohort.cluster.membership.NodeSettings;
import io.cohort.cluster.membership.Role;
import io.cohort.cluster.message.MemberAddress;
import io.cohort.cluster.message.NakReason;
import io.cohort.cluster.pki.ClusterCa;
import io.cohort.cluster.pki.MemberCredential;
import io.cohort.cluster.pki.MemberCredentialVerifier;
import io.cohort.cluster.pki.RevocationList;
import io.cohort.cluster.pki.TestPki;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.time.VirtualScheduler;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * Cluster nodes over {@link SecureLink}s on a {@link ByteNetwork}: the membership protocol with
 * real certificates, handshakes and sealing, on virtual time. Members are at 10.0.0.N:7400.
 */
final class LinkedCluster {
    static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
    static final KeepalivePolicy WEEK = KeepalivePolicy.DEFAULT;

    /** One node with its link and what its application saw. */
    static final class Member {
        final ClusterNode node;
        final SecureLink link;
        final MemberAddress address;
        final Counters counters;
        final List<NakReason> refusals = new ArrayList<>();
        final List<SharedConfiguration> fetched = new ArrayList<>();
        long configVersion;

        Member(ClusterNode node, SecureLink link, MemberAddress address, Counters counters, long configVersion) {
            this.node = node;
            this.link = link;
            this.address = address;
            this.counters = counters;
            this.configVersion = configVersion;
        }
    }

    final VirtualScheduler scheduler = new VirtualScheduler();
    final InstantSource wallClock = () -> T0.plusNanos(scheduler.nanos());
    final ByteNetwork network;
    final ClusterCa ca;
    RevocationList crl;
    final Map<String, Member> members = new TreeMap<>();
    private final AtomicInteger seeds = new AtomicInteger(10);

    LinkedCluster(long seed) {
        network = new ByteNetwork(scheduler, seed);
        ca = ClusterCa.selfSigned("cohort-test", key(1), BigInteger.ONE, T0.minus(Duration.ofDays(1)),
                T0.plus(Duration.ofDays(3650)));
        crl = ca.emptyRevocationList(T0.minus(Duration.ofHours(1)), Duration.ofDays(365));
    }

    /** Members "a", "b", ... at hosts 1, 2, ..., all at {@code configVersion}, all started. */
    static LinkedCluster started(long seed, long configVersion, int members) {
        LinkedCluster c = new LinkedCluster(seed);
        for (int i = 1; i <= members; i++) {
            c.add(String.valueOf((char) ('a' + i - 1)), i, configVersion);
        }
        c.members.values().forEach(m -> m.node.start());
        return c;
    }

    MemberCredential credential(ClusterCa issuer, String name, int host) {
        int seed = seeds.incrementAndGet();
        return new MemberCredential(issuer.certify(name, ip(host), key(seed).generatePublicKey(), BigInteger.valueOf(seed),
                T0.minus(Duration.ofHours(1)), T0.plus(Duration.ofDays(365))), key(seed));
    }

    MemberCredentialVerifier verifier() {
        return new MemberCredentialVerifier(ca.certificate(), crl, wallClock);
    }

    Member add(String name, int host, long configVersion) {
        return add(name, host, configVersion, credential(ca, name, host), verifier());
    }

    Member add(String name, int host, long configVersion, MemberCredential credential, MemberCredentialVerifier verifier) {
        MemberId id = MemberId.of(name);
        MemberAddress address = new MemberAddress(ip(host), 7400);
        Counters counters = new Counters();
        Member[] self = new Member[1];
        SecureLink link = new SecureLink(LinkSettings.defaults(), credential, id, verifier, network.endpoint(address),
                scheduler, wallClock, random(host), counters,
                RateLimitedLog.standard(System.getLogger("test." + name), scheduler),
                () -> new SharedConfiguration(self[0].configVersion, ("config of " + name).getBytes()),
                (owner, unit, packet) -> { });
        ClusterApplication events = new ClusterApplication() {
            @Override
            public void joinRefused(NakReason reason) {
                self[0].refusals.add(reason);
            }

            @Override
            public void configurationStale(MemberAddress source, long version) {
                link.fetchConfiguration(source).thenAccept(c -> {
                    self[0].fetched.add(c);
                    self[0].configVersion = c.version();
                    self[0].node.configurationUpdated(c.version());
                });
            }
        };
        ClusterNode node = new ClusterNode(NodeSettings.defaults(id, address, host).withKeepalive(WEEK), configVersion,
                new byte[0], scheduler, link, ClusterApplications.of(List.of(link, events)), CredentialCheck.ACCEPT_ALL,
                MasterAnnouncer.NONE, counters);
        link.attach(node);
        self[0] = new Member(node, link, address, counters, configVersion);
        network.attach(address, link::receive);
        members.put(name, self[0]);
        return self[0];
    }

    void crash(String name) {
        Member m = members.remove(name);
        network.detach(m.address);
        m.node.stop();
    }

    void run(Duration time) {
        scheduler.advance(time);
    }

    List<Member> withRole(Role role) {
        return members.values().stream().filter(m -> m.node.role() == role).toList();
    }

    /** One master, and every other listed node its member with the same member list. */
    boolean formed(String... names) {
        List<Member> listed = Arrays.stream(names).map(members::get).toList();
        List<Member> masters = listed.stream().filter(m -> m.node.role() == Role.MASTER).toList();
        if (masters.size() != 1) {
            return false;
        }
        MemberId master = masters.getFirst().node.id();
        return listed.stream().allMatch(m -> m.node.master().map(master::equals).orElse(false)
                && m.node.members().size() == names.length);
    }

    static InetAddress ip(int host) {
        try {
            return InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) host});
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Ed25519PrivateKeyParameters key(int seed) {
        byte[] bytes = new byte[Ed25519PrivateKeyParameters.KEY_SIZE];
        Arrays.fill(bytes, (byte) seed);
        bytes[31] = (byte) (seed >> 8);
        return new Ed25519PrivateKeyParameters(bytes);
    }

    static SecureRandom random(long seed) {
        return TestPki.seeded(seed);
    }
}
