package io.cohort.cluster.pki;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/** Fixed keys and times for PKI tests: keys from a seed byte, so certificates are reproducible. */
public final class TestPki {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Duration YEAR = Duration.ofDays(365);

    private TestPki() {
    }

    /** The Ed25519 key whose 32-byte seed is {@code seed} repeated. */
    public static Ed25519PrivateKeyParameters key(int seed) {
        byte[] bytes = new byte[Ed25519PrivateKeyParameters.KEY_SIZE];
        Arrays.fill(bytes, (byte) seed);
        return new Ed25519PrivateKeyParameters(bytes);
    }

    /** CA "cohort-test" with key 1, serial 1, valid [T0, T0 + 10 years). */
    static ClusterCa ca() {
        return ClusterCa.selfSigned("cohort-test", key(1), BigInteger.ONE, T0, T0.plus(Duration.ofDays(3650)));
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A deterministic "random" source for tests that only need distinct values. */
    public static SecureRandom seeded(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
