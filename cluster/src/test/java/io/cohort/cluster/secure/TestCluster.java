package io.cohort.cluster.secure;

import io.cohort.cluster.pki.TestPki;
import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.pki.ClusterCa;
import io.cohort.cluster.pki.MemberCredential;
import io.cohort.cluster.pki.MemberCredentialVerifier;
import io.cohort.cluster.pki.RevocationList;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/** A cluster CA with members for handshake and envelope tests, from fixed keys. */
final class TestCluster {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Duration YEAR = Duration.ofDays(365);
    static final MemberId MASTER = MemberId.of("master");
    static final MemberId ALPHA = MemberId.of("alpha");

    final ClusterCa ca;
    final RevocationList crl;

    TestCluster(int caSeed) {
        ca = ClusterCa.selfSigned("cohort-test", key(caSeed), BigInteger.ONE, T0, T0.plus(Duration.ofDays(3650)));
        crl = ca.emptyRevocationList(T0, YEAR);
    }

    MemberCredential member(String name, int seed, String address) {
        try {
            return new MemberCredential(ca.certify(name, InetAddress.getByName(address), key(seed).generatePublicKey(),
                    BigInteger.valueOf(1000 + seed), T0, T0.plus(YEAR)), key(seed));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    MemberCredentialVerifier verifier() {
        return verifier(crl);
    }

    MemberCredentialVerifier verifier(RevocationList crl) {
        return new MemberCredentialVerifier(ca.certificate(), crl, InstantSource.fixed(T0.plus(Duration.ofDays(1))));
    }

    static Ed25519PrivateKeyParameters key(int seed) {
        return TestPki.key(seed);
    }

    static TrafficKey trafficKey(int keyId, int fill) {
        byte[] bytes = new byte[TrafficKey.LENGTH];
        Arrays.fill(bytes, (byte) fill);
        return new TrafficKey(keyId, bytes);
    }

    static SecureRandom random(long seed) {
        return TestPki.seeded(seed);
    }
}
