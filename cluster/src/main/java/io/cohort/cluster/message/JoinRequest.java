package io.cohort.cluster.message;

import io.cohort.cluster.member.MemberId;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * "Join request", broadcast by a starting member (figure 6, 603).
 *
 * @param sender the member that wants to join
 * @param address where it listens
 * @param configVersion the version of the configuration it runs; the master tells a member with
 *     an older one to exit ({@link ExitReason#STALE_CONFIGURATION})
 * @param credential its member certificate, opaque here and checked by the master through an SPI
 *     (the patent's "list of valid certificates")
 */
public record JoinRequest(MemberId sender, MemberAddress address, long configVersion, byte[] credential)
        implements ClusterMessage {
    public JoinRequest {
        if (configVersion < 0) {
            throw new IllegalArgumentException("configuration version must not be negative: " + configVersion);
        }
        credential = credential.clone();
    }

    @Override
    public byte[] credential() {
        return credential.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JoinRequest j && sender.equals(j.sender) && address.equals(j.address)
                && configVersion == j.configVersion && Arrays.equals(credential, j.credential);
    }

    @Override
    public int hashCode() {
        return (sender.hashCode() * 31 + address.hashCode()) * 31 + Long.hashCode(configVersion) * 31
                + Arrays.hashCode(credential);
    }

    @Override
    public String toString() {
        String hex = HexFormat.of().formatHex(credential, 0, Math.min(8, credential.length));
        return "JoinRequest[" + sender + " at " + address + ", config " + configVersion + ", credential "
                + credential.length + " bytes " + hex + (credential.length > 8 ? "…" : "") + "]";
    }
}
