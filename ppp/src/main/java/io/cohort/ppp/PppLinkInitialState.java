package io.cohort.ppp;

import io.cohort.ppp.crypto.MppeKeyMaterial;
import io.cohort.ppp.ipcp.IpcpOpenedAddresses;
import io.cohort.ppp.ipv6cp.Ipv6cpInterfaceIds;
import io.cohort.ppp.lcp.LcpOpenedOptions;
import io.cohort.ppp.mppe.MppeMode;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The initial state of a PPP link in the Network phase (patent, figure 7: sent once, when the link
 * is up): what LCP, the authentication, IPCP, IPV6CP and CCP agreed. With the link's
 * {@link PppLinkEssentialState} it rebuilds the link on another member without any negotiation
 * ({@link PppLink#resume}).
 *
 * <ul>
 *   <li>{@code lcp}: the options in force (RFC 1661 6), the authentication protocol among them;
 *   <li>{@code user}: the name the peer authenticated as (RFC 1334 2.2.1, RFC 1994 4.1, RFC 2759 4),
 *       empty without authentication;
 *   <li>{@code ipcp}, {@code ipv6cp}: the agreed addresses and interface identifiers (RFC 1332,
 *       RFC 1877, RFC 5072); IPV6CP empty if not configured or not opened;
 *   <li>{@code mppeMode}, {@code mppeKeys}: the MPPE mode CCP agreed (RFC 3078 2, RFC 1962) and the
 *       MS-CHAPv2 master key it is keyed from (RFC 3079 3.4); empty without MPPE.
 * </ul>
 *
 * <p>Calculable, so not carried: the automata's identifiers and restart counters, the MPPE start
 * keys (derived again from the master key, RFC 3079 3.1-3.3), the keepalive's count of unanswered
 * echoes, the link's frame and octet counters, and everything the link's {@link PppLinkConfig}
 * holds on every member. About 50 octets plus the user name, 18 more with MPPE.
 *
 * <p>Immutable: the key material is copied in and out. The master key is a secret:
 * {@link #toString()} shows it redacted.
 */
public record PppLinkInitialState(LcpOpenedOptions lcp, Optional<String> user, IpcpOpenedAddresses ipcp,
                                  Optional<Ipv6cpInterfaceIds> ipv6cp, Optional<MppeMode> mppeMode,
                                  Optional<MppeKeyMaterial> mppeKeys) {
    public PppLinkInitialState {
        Objects.requireNonNull(lcp);
        Objects.requireNonNull(ipcp);
        if (mppeMode.isPresent() != mppeKeys.isPresent()) {
            throw new IllegalArgumentException("an MPPE mode needs MPPE keys and keys need a mode");
        }
        mppeKeys = copy(mppeKeys);
    }

    /** A copy of the key material, the caller's to wipe. */
    @Override
    public Optional<MppeKeyMaterial> mppeKeys() {
        return copy(mppeKeys);
    }

    private static Optional<MppeKeyMaterial> copy(Optional<MppeKeyMaterial> keys) {
        return keys.map(k -> {
            byte[] master = k.masterKey();
            try {
                return new MppeKeyMaterial(master);
            } finally {
                Arrays.fill(master, (byte) 0);
            }
        });
    }
}
