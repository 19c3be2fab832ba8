package io.cohort.ppp.mppe;

import io.cohort.ppp.crypto.MppeKeyMaterial;
import java.util.Arrays;

/**
 * The send and receive start keys ("master session keys") of one end of a link, from the master
 * key of an MS-CHAPv2 authentication (RFC 3079 sections 3.1 to 3.3). The server's send key is the
 * client's receive key and vice versa. A secret: {@link #toString()} never shows it.
 */
public final class MppeStartKeys {
    private final byte[] send;
    private final byte[] receive;
    private final MppeStrength strength;

    private MppeStartKeys(byte[] send, byte[] receive, MppeStrength strength) {
        this.send = send;
        this.receive = receive;
        this.strength = strength;
    }

    /** Derives both start keys for the server ({@code server}) or the client end. */
    public static MppeStartKeys derive(MppeKeyMaterial material, MppeStrength strength, boolean server) {
        byte[] master = material.masterKey();
        try {
            return new MppeStartKeys(
                    MppeKeyDerivation.asymmetricStartKey(master, strength.keyLength(), true, server),
                    MppeKeyDerivation.asymmetricStartKey(master, strength.keyLength(), false, server),
                    strength);
        } finally {
            Arrays.fill(master, (byte) 0);
        }
    }

    /** Start keys given directly (e.g. MS-MPPE-Send-Key and -Recv-Key from RADIUS, RFC 2548 2.4). */
    public static MppeStartKeys of(byte[] send, byte[] receive, MppeStrength strength) {
        if (send.length < strength.keyLength() || receive.length < strength.keyLength()) {
            throw new IllegalArgumentException("start keys shorter than " + strength.keyLength() + " octets");
        }
        return new MppeStartKeys(Arrays.copyOf(send, strength.keyLength()),
                Arrays.copyOf(receive, strength.keyLength()), strength);
    }

    public MppeStrength strength() {
        return strength;
    }

    /** A copy of the key our transmit direction starts from. */
    public byte[] send() {
        return send.clone();
    }

    /** A copy of the key our receive direction starts from. */
    public byte[] receive() {
        return receive.clone();
    }

    /** Overwrites both keys. */
    public void destroy() {
        Arrays.fill(send, (byte) 0);
        Arrays.fill(receive, (byte) 0);
    }

    @Override
    public String toString() {
        return "MppeStartKeys[" + strength + ", redacted]";
    }
}
