package io.cohort.replication;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.pki.ClusterCa;
import io.cohort.cluster.pki.MemberCredential;
import io.cohort.cluster.pki.MemberCredentialVerifier;
import io.cohort.cluster.pki.RevocationList;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A throw-away cluster CA with its CRL, issuing real member certificates for tests. */
public final class TestCluster {
    public static final Duration YEAR = Duration.ofDays(365);

    private final SecureRandom random = new SecureRandom();
    private final ClusterCa ca;
    private RevocationList crl;

    public TestCluster(String name) {
        ca = ClusterCa.generate(name, Instant.now(), Duration.ofDays(3650), random);
        crl = ca.emptyRevocationList(Instant.now(), YEAR);
    }

    public ClusterCa ca() {
        return ca;
    }

    public MemberCredential member(String name) {
        return member(name, Instant.now(), YEAR);
    }

    public MemberCredential member(String name, Instant issued, Duration validity) {
        return ca.issue(name, InetAddress.getLoopbackAddress(), issued, validity, random);
    }

    public void revoke(MemberCredential member) {
        crl = ca.revoke(crl, member.certificate().getSerialNumber(), Instant.now(), YEAR);
    }

    /** A verifier of the current CRL, at the wall-clock time. */
    public MemberCredentialVerifier verifier() {
        return new MemberCredentialVerifier(ca.certificate(), crl, InstantSource.system());
    }

    public static MemberId id(MemberCredential credential) {
        return MemberId.of(credential.certificate().getSubject().getRDNs()[0].getFirst().getValue().toString());
    }
}
